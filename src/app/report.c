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

/* The key of row for group_by by (forbund, year); -1 for none. */
static int64_t
row_key(const struct followup_row *row, const char *by)
{
	int64_t y;
	char year[5];

	if (strcmp(by, "forbund") == 0) {
		return row->forbund_id;
	}
	memcpy(year, row->identified_on, 4);
	year[4] = '\0';
	return parse_int64(year, &y) ? y : -1;
}

static int
cmp_group(const void *a, const void *b)
{
	const struct fu_group *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/*
 * The groups of group_by (forbund, lan, year) over rows[0..n) of q;
 * *out (owned) and *ng. B_OK or the store's error.
 */
bool
report_group_ok(const char *by)
{
	return by != NULL &&
	    (strcmp(by, "forbund") == 0 || strcmp(by, "lan") == 0 ||
		strcmp(by, "year") == 0);
}

int
report_groups(struct store *st, int64_t forbund_id, const char *from,
    const char *to, const char *by, const struct followup_row *rows, size_t n,
    struct fu_group **out, size_t *ng)
{
	struct fu_group *g = NULL;
	struct followup_row *sub = NULL;
	size_t cap = 0, k, i, m;
	int err = B_OK;

	*out = NULL;
	*ng = 0;
	if (strcmp(by, "lan") == 0) {
		for (k = 0; k < LAN_TOTAL && err == B_OK; k++) {
			struct followup_row *lr = NULL;
			size_t nl = 0;

			err = store_followup_rows(st, forbund_id,
			    lan_refs[k].code, &lr, &nl);
			if (err == B_OK && nl > 0) {
				g = xrealloc(g, (*ng + 1) * sizeof(*g));
				memset(&g[*ng], 0, sizeof(*g));
				g[*ng].key =
				    (int64_t)(lan_refs[k].code[0] - '0') * 10 +
				    (lan_refs[k].code[1] - '0');
				snprintf(g[*ng].label, sizeof(g[*ng].label),
				    "%s", lan_refs[k].name);
				followup_count(lr, nl, from, to, &g[*ng].f);
				(*ng)++;
			}
			free(lr);
		}
		*out = g;
		return err;
	}
	sub = xcalloc(n + 1, sizeof(*sub));
	for (i = 0; i < n; i++) {
		int64_t key = row_key(&rows[i], by);

		for (k = 0; k < *ng && g[k].key != key; k++) {
		}
		if (k < *ng || key < 0) {
			continue;
		}
		if (*ng == cap) {
			cap = cap ? cap * 2 : 16;
			g = xrealloc(g, cap * sizeof(*g));
		}
		memset(&g[*ng], 0, sizeof(*g));
		g[*ng].key = key;
		(*ng)++;
	}
	qsort(g, *ng, sizeof(*g), cmp_group);
	for (k = 0; k < *ng && err == B_OK; k++) {
		for (i = m = 0; i < n; i++) {
			if (row_key(&rows[i], by) == g[k].key) {
				sub[m++] = rows[i];
			}
		}
		followup_count(sub, m, from, to, &g[k].f);
		if (strcmp(by, "forbund") == 0) {
			err = store_forbund_name(st, g[k].key, g[k].label,
			    sizeof(g[k].label));
		} else {
			snprintf(g[k].label, sizeof(g[k].label), "%lld",
			    (long long)g[k].key);
		}
	}
	free(sub);
	*out = g;
	return err;
}

static const struct export_col fu_cols[] = {
	{ "Grupp", EX_TEXT, 34 },
	{ "ESF+: identifierade", EX_INT, 12 },
	{ "ESF+: ansökan", EX_INT, 12 },
	{ "ESF+: beviljade", EX_INT, 12 },
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
	const int64_t e[] = { f->esf.identified, f->esf.applied, f->esf.granted,
		f->esf.refused, f->esf.no_application, f->esf.outside_routine,
		f->esf.fk_fallback_owner };

	export_text(x, label);
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		if (esf) {
			export_int(x, e[i]);
		} else {
			export_text(x, "");
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
