/*
 * log.c - timestamped lines on stderr, written with one write(2) each so
 * lines from worker threads never interleave.
 */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "date.h"

static int quiet;

void
log_set_quiet(int q)
{
	quiet = q;
}

static void
vlog(const char *level, const char *fmt, va_list ap)
{
	char line[1024], ts[TS_LEN];
	int n, m;

	ts_format(time_now(), ts);
	n = snprintf(line, sizeof(line), "%s %s ", ts, level);
	if (n < 0)
		return;
	m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (m < 0)
		return;
	n += m;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, (size_t)n);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vlog("info", fmt, ap);
	va_end(ap);
}

void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error", fmt, ap);
	va_end(ap);
}
