/*
 * date.c - ISO dates and RFC 3339 timestamps. Pure arithmetic apart from
 * reading the clock in date_today() and time_now().
 */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "text.h"

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

static bool
parse(const char *s, int *y, int *m, int *d)
{
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, y) || !digits(s + 5, 2, m) || !digits(s + 8, 2, d))
		return false;
	if (*y < 1900 || *y > 2199 || *m < 1 || *m > 12)
		return false;
	return *d >= 1 && *d <= mdays(*y, *m);
}

bool
date_valid(const char *s)
{
	int y, m, d;

	return parse(s, &y, &m, &d);
}

/* Howard Hinnant's days_from_civil. */
static int64_t
civil_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
date_to_days(const char *s)
{
	int y, m, d;

	if (!parse(s, &y, &m, &d))
		return 0;
	return civil_days(y, m, d);
}

void
date_from_days(int64_t z, char out[DATE_LEN])
{
	int64_t era, doe, yoe, y, doy, mp, d, m;

	/* Outside years 0..9999 there is no ISO date (and z + 719468 could
	 * overflow): "" = not set. */
	if (z < civil_days(0, 1, 1) || z > civil_days(9999, 12, 31)) {
		out[0] = '\0';
		return;
	}
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	out[0] = '\0';
	if (y < 0 || y > 9999)
		y = 0;

	{
		char *p = out;
		int yy = (int)y;

		p[0] = (char)('0' + yy / 1000 % 10);
		p[1] = (char)('0' + yy / 100 % 10);
		p[2] = (char)('0' + yy / 10 % 10);
		p[3] = (char)('0' + yy % 10);
		p[4] = '-';
		p[5] = (char)('0' + m / 10);
		p[6] = (char)('0' + m % 10);
		p[7] = '-';
		p[8] = (char)('0' + d / 10);
		p[9] = (char)('0' + d % 10);
		p[10] = '\0';
	}
}

int64_t
date_diff_days(const char *a, const char *b)
{
	return date_to_days(b) - date_to_days(a);
}

void
date_today(char out[DATE_LEN])
{
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, DATE_LEN, "%Y-%m-%d", &tm);
}

int64_t
time_now(void)
{
	return (int64_t)time(NULL);
}

void
ts_format(int64_t t, char out[TS_LEN])
{
	time_t tt = (time_t)t;
	struct tm tm;

	/* Beyond what fits (year > 9999, or no struct tm at all) strftime
	 * would leave out unterminated: "" instead. */
	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(out, TS_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		out[0] = '\0';
	}
}

/* Day of the week of days-since-epoch d: 0 Sunday ... 6 Saturday. */
static int
weekday(int64_t d)
{
	int64_t w = (d + 4) % 7; /* 1970-01-01 was a Thursday */

	return (int)(w < 0 ? w + 7 : w);
}

/* Days since the epoch of the last Sunday of month m (1-12) of year y. */
static int64_t
last_sunday(int y, int m)
{
	char d[32];
	int64_t last;

	/* The day before the first of the next month. */
	snprintf(d, sizeof(d), "%04d-%02d-01", m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1);
	last = date_to_days(d) - 1;
	return last - weekday(last);
}

bool
ts_swedish(const char *ts, char out[TS_SWEDISH_LEN])
{
	char d[DATE_LEN], full[48];
	int y, h, mi;
	int64_t t, start, end;

	if (ts == NULL || strlen(ts) < 16 || ts[10] != 'T') {
		return false;
	}
	memcpy(d, ts, 10);
	d[10] = '\0';
	if (!date_valid(d) || sscanf(ts + 11, "%2d:%2d", &h, &mi) != 2 ||
	    h < 0 || h > 23 || mi < 0 || mi > 59) {
		return false;
	}
	y = (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
	t = date_to_days(d) * 86400 + h * 3600 + mi * 60;
	/* EU summer time: last Sunday of March to last Sunday of October,
	 * 01:00 UTC both; Swedish time is UTC+2 then, UTC+1 otherwise. */
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	t += (t >= start && t < end ? 2 : 1) * 3600;
	date_from_days(t / 86400, d);
	snprintf(full, sizeof(full), "%s %02d:%02d", d, (int)(t % 86400 / 3600),
	    (int)(t % 3600 / 60));
	text_copy(out, TS_SWEDISH_LEN, full);
	return true;
}
