/*
 * report.c - the follow-up grouped (issue 8: one row per förbund, län or
 * year) and as an export, shared by GET /api/v1/followup and the
 * follow-up page. The counting itself is domain/followup.c's.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/kommuner.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
report_load(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool quarters, const char *today,
    struct followup *total, struct followup_row **rows, size_t *n)
{
	struct days_bin *bins = NULL;
	size_t nb = 0;
	int err;

	*rows = NULL;
	*n = 0;
	memset(total, 0, sizeof(*total));
	err = quarters
	    ? store_followup_quarters(st, forbund_id, lan, from, to, rows, n)
	    : store_followup_rows(st, forbund_id, lan, from, to, rows, n);
	if (err == B_OK) {
		followup_count(*rows, *n, from, to, total);
		err = store_followup_days(st, forbund_id, lan, from, to, today,
		    &bins, &nb);
	}
	if (err == B_OK) {
		followup_days(bins, nb, total);
	} else {
		free(*rows);
		*rows = NULL;
		*n = 0;
	}
	free(bins);
	return err;
}

int
report_names(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool cofin, struct name_count **out,
    size_t *n)
{
	struct followup_name *v = NULL;
	struct name_count *c;
	size_t nv = 0;
	int err;

	*out = NULL;
	*n = 0;
	err =
	    store_followup_names(st, forbund_id, lan, from, to, cofin, &v, &nv);
	if (err != B_OK) {
		return err;
	}
	c = xcalloc(nv + 1, sizeof(*c));
	/* The store orders the rows by name. */
	for (size_t i = 0; i < nv; i++) {
		if (!followup_row_passed_overens(&v[i].r)) {
			continue;
		}
		if (*n == 0 || strcmp(c[*n - 1].name, v[i].name) != 0) {
			text_copy(c[*n].name, sizeof(c[*n].name), v[i].name);
			(*n)++;
		}
		c[*n - 1].n += v[i].r.n > 0 ? v[i].r.n : 1;
	}
	free(v);
	*out = c;
	return B_OK;
}

int
report_coverage(struct store *st, bool member[KOMMUNER_TOTAL],
    struct lan_coverage cov[LAN_TOTAL], int *members)
{
	char(*codes)[8] = NULL;
	const char **p;
	size_t n = 0;
	int err;

	if ((err = store_member_kommuner(st, &codes, &n)) != B_OK) {
		return err;
	}
	p = xcalloc(n + 1, sizeof(*p));
	for (size_t i = 0; i < n; i++) {
		p[i] = codes[i];
	}
	*members = kommun_coverage(p, n, member, cov);
	free(p);
	free(codes);
	return B_OK;
}

/* The key of row for group_by by (forbund, year, quarter: year * 10 +
 * quarter); -1 for none. */
static int64_t
row_key(const struct followup_row *row, const char *by)
{
	if (strcmp(by, "forbund") == 0) {
		return row->forbund_id;
	}
	if (strcmp(by, "quarter") == 0) {
		return row->year > 0 && row->quarter > 0
		    ? (int64_t)row->year * 10 + row->quarter
		    : -1;
	}
	return row->year > 0 ? row->year : -1;
}

static int
cmp_brief(const void *key, const void *elem)
{
	int64_t k = *(const int64_t *)key;
	const struct forbund_brief *b = elem;

	return k < b->id ? -1 : k > b->id;
}

static int
cmp_brief_sort(const void *a, const void *b)
{
	const struct forbund_brief *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The grouping cmp_row_key sorts by (qsort has no context argument). */
static _Thread_local const char *tl_by;

static int
cmp_row_key(const void *a, const void *b)
{
	int64_t x = row_key(a, tl_by), y = row_key(b, tl_by);

	return x < y ? -1 : x > y;
}

/*
 * The groups of group_by (forbund, lan, year, quarter) over rows[0..n);
 * *out (owned) and *ng. B_OK or the store's error.
 */
bool
report_group_ok(const char *by)
{
	return by != NULL &&
	    (strcmp(by, "forbund") == 0 || strcmp(by, "lan") == 0 ||
		strcmp(by, "year") == 0 || strcmp(by, "quarter") == 0);
}

int
lan_rows_load(struct store *st, const struct followup_row *rows, size_t n,
    struct lan_rows *out)
{
	struct forbund_lan *fl = NULL;
	size_t nf = 0, j = 0;
	int err;

	out->bits = xcalloc(n + 1, sizeof(*out->bits));
	if ((err = store_forbund_lans(st, &fl, &nf)) != B_OK) {
		free(out->bits);
		out->bits = NULL;
		return err;
	}
	/* fl is ordered by förbund: a binary search per row. */
	for (size_t i = 0; i < n; i++) {
		size_t lo = 0, hi = nf;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (fl[mid].forbund_id < rows[i].forbund_id) {
				lo = mid + 1;
			} else {
				hi = mid;
			}
		}
		for (j = lo; j < nf && fl[j].forbund_id == rows[i].forbund_id;
		     j++) {
			for (size_t k = 0; k < LAN_TOTAL; k++) {
				if (strcmp(lan_refs[k].code, fl[j].lan) == 0) {
					out->bits[i] |= 1u << k;
				}
			}
		}
	}
	free(fl);
	return B_OK;
}

size_t
lan_rows_of(const struct lan_rows *lr, const struct followup_row *rows,
    size_t n, size_t k, struct followup_row *sub)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		if (lr->bits[i] & (1u << k)) {
			sub[m++] = rows[i];
		}
	}
	return m;
}

int
report_groups(struct store *st, const char *from, const char *to,
    const char *by, const struct followup_row *rows, size_t n,
    struct fu_group **out, size_t *ng)
{
	struct fu_group *g = NULL;
	struct followup_row *sub = NULL;
	struct forbund_brief *fl = NULL;
	size_t cap = 0, k, i, m, nf = 0;
	int err = B_OK;

	*out = NULL;
	*ng = 0;
	if (strcmp(by, "lan") == 0) {
		struct lan_rows lr;

		if ((err = lan_rows_load(st, rows, n, &lr)) != B_OK) {
			return err;
		}
		sub = xcalloc(n + 1, sizeof(*sub));
		for (k = 0; k < LAN_TOTAL; k++) {
			m = lan_rows_of(&lr, rows, n, k, sub);
			if (m == 0) {
				continue;
			}
			g = xrealloc(g, (*ng + 1) * sizeof(*g));
			memset(&g[*ng], 0, sizeof(*g));
			g[*ng].key = (int64_t)(lan_refs[k].code[0] - '0') * 10 +
			    (lan_refs[k].code[1] - '0');
			snprintf(g[*ng].label, sizeof(g[*ng].label), "%s",
			    lan_refs[k].name);
			followup_count(sub, m, from, to, &g[*ng].f);
			(*ng)++;
		}
		free(sub);
		free(lr.bits);
		*out = g;
		return B_OK;
	}
	if (strcmp(by, "forbund") == 0) {
		if ((err = store_forbund_list(st, &fl, &nf)) != B_OK) {
			return err;
		}
		qsort(fl, nf, sizeof(*fl), cmp_brief_sort);
	}
	/* The rows in key order (tl_by), then one group per run of a key. */
	sub = xcalloc(n + 1, sizeof(*sub));
	if (n > 0) {
		memcpy(sub, rows, n * sizeof(*sub));
	}
	tl_by = by;
	qsort(sub, n, sizeof(*sub), cmp_row_key);
	for (i = 0; i < n && err == B_OK; i = m) {
		int64_t key = row_key(&sub[i], by);

		for (m = i; m < n && row_key(&sub[m], by) == key; m++) {
		}
		if (key < 0) {
			continue;
		}
		if (*ng == cap) {
			cap = cap ? cap * 2 : 16;
			g = xrealloc(g, cap * sizeof(*g));
		}
		k = (*ng)++;
		memset(&g[k], 0, sizeof(*g));
		g[k].key = key;
		followup_count(&sub[i], m - i, from, to, &g[k].f);
		if (strcmp(by, "forbund") == 0) {
			const struct forbund_brief *b =
			    bsearch(&g[k].key, fl, nf, sizeof(*fl), cmp_brief);

			if (b == NULL) {
				err = B_NOTFOUND;
			} else {
				text_copy(g[k].label, sizeof(g[k].label),
				    b->name);
			}
		} else if (strcmp(by, "quarter") == 0) {
			snprintf(g[k].label, sizeof(g[k].label), "%lld K%lld",
			    (long long)(key / 10), (long long)(key % 10));
		} else {
			snprintf(g[k].label, sizeof(g[k].label), "%lld",
			    (long long)g[k].key);
		}
	}
	free(sub);
	free(fl);
	*out = g;
	return err;
}

static const struct export_col fu_cols[] = {
	{ "Grupp", EX_TEXT, 34 },
	{ "ESF+: identifierade", EX_INT, 12 },
	{ "ESF+: ansökan", EX_INT, 12 },
	{ "ESF+: sökt belopp", EX_MONEY, 18 },
	{ "ESF+: beviljade", EX_INT, 12 },
	{ "ESF+: beviljat belopp", EX_MONEY, 18 },
	{ "ESF+: avslag", EX_INT, 12 },
	{ "ESF+: ingen ansökan", EX_INT, 12 },
	{ "ESF+: utanför rutinen", EX_INT, 12 },
	{ "ESF+: FK reservägare", EX_INT, 12 },
	{ "Finsam: identifierade", EX_INT, 12 },
	{ "Finsam: beviljade", EX_INT, 12 },
	{ "Finsam: beviljat belopp", EX_MONEY, 18 },
	{ "Finsam: deltagare", EX_INT, 12 },
};

/* One row of the export; esf false leaves the ESF+ cells empty (R1). */
static void
export_row(struct export *x, const char *label, const struct followup *f,
    bool esf)
{
	const int64_t e[] = { f->esf.identified, f->esf.applied,
		f->esf.applied_amount, f->esf.granted, f->esf.granted_amount,
		f->esf.refused, f->esf.no_application, f->esf.outside_routine,
		f->esf.fk_fallback_owner };

	export_text(x, label);
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		if (!esf) {
			export_text(x, "");
		} else if (fu_cols[i + 1].type == EX_MONEY) {
			export_money(x, e[i]); /* kronor applied for, granted */
		} else {
			export_int(x, e[i]);
		}
	}
	export_int(x, f->finsam.identified);
	export_int(x, f->finsam.granted);
	export_money(x, f->finsam.granted_amount);
	export_int(x, f->finsam.participants);
	export_row_end(x);
}

struct export *
report_export(const struct fu_group *g, size_t ng, const struct followup *total,
    bool esf)
{
	struct export *x = export_new("Uppföljning", fu_cols,
	    sizeof(fu_cols) / sizeof(fu_cols[0]));

	for (size_t i = 0; i < ng; i++) {
		export_row(x, g[i].label, &g[i].f, esf);
	}
	export_row(x, "Totalt", total, esf);
	return x;
}

int
report_frames(struct store *st, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct fu_frame **out, size_t *n)
{
	int y0 = date_valid(from) ? (int)strtol(from, NULL, 10) : 1;
	int y1 = date_valid(to) ? (int)strtol(to, NULL, 10) : 9999;

	return store_followup_frames(st, forbund_id, lan, y0, y1, out, n);
}
