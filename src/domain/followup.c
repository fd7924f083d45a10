/*
 * followup.c - the follow-up figures of DOMAIN.md 5, counted as API.md's
 * "Follow-up counting rules" say, from rows the store hands over.
 *
 * A case counts in the period in which it was identified: every figure,
 * also a decision taken years later, is attributed to identified_on.
 * Pure counting; the store decides which förbund and län are included.
 */
#include "followup.h"

#include <string.h>

/* identified_on within [from, to]; "" or NULL bounds are open. */
static bool
in_period(const char *d, const char *from, const char *to)
{
	bool has_from = from != NULL && from[0] != '\0';
	bool has_to = to != NULL && to[0] != '\0';

	if (d[0] == '\0') {
		/* Never identified: only an unbounded period holds it. */
		return !has_from && !has_to;
	}
	if (has_from && strcmp(d, from) < 0) {
		return false;
	}
	if (has_to && strcmp(d, to) > 0) {
		return false;
	}
	return true;
}

/* ESF+ states that mean the case was submitted (applied). */
static bool
esf_applied_state(enum state s)
{
	switch (s) {
	case ST_INSKICKAD:
	case ST_BEVILJAD:
	case ST_AVSLAG:
	case ST_GENOMFORANDE:
	case ST_SLUTRAPPORTERAD:
	case ST_AVSLUTAD:
		return true;
	default:
		return false;
	}
}

/* ESF+: the case was submitted (applied), whatever came after. */
static bool
esf_applied(const struct followup_row *r)
{
	return esf_applied_state(r->state) || r->reached_inskickad;
}

/* Finsam: granted by the board (and carried out since). */
static bool
finsam_granted(enum state s)
{
	return s == ST_BEVILJAD || s == ST_GENOMFORANDE || s == ST_AVSLUTAD;
}

/*
 * ESF+: granted by ESF-rådet. avslutad only follows slutrapporterad, which
 * follows a grant, so an avslutad ESF+ case was granted.
 */
static bool
esf_granted(enum state s)
{
	return s == ST_BEVILJAD || s == ST_GENOMFORANDE ||
	    s == ST_SLUTRAPPORTERAD || s == ST_AVSLUTAD;
}

/* ESF+ states that mean the case passed overens (besides its facts). */
static bool
esf_passed_state(enum state s)
{
	return esf_applied_state(s) || s == ST_ANSOKAN || s == ST_PARTSBESLUT;
}

/* ESF+: passed overens (reached ansokan or later). */
static bool
esf_passed_overens(const struct followup_row *r)
{
	return r->passed_overens || r->reached_inskickad ||
	    esf_passed_state(r->state);
}

bool
followup_row_passed_overens(const struct followup_row *r)
{
	return r->kind == KIND_ESF && esf_passed_overens(r);
}

static void
count_esf(const struct followup_row *r, int64_t w, struct followup *out)
{
	out->esf.identified += w;
	if (esf_applied(r)) {
		out->esf.applied += w;
		/* The money applied for counts with the applications. */
		if (r->applied_amount > 0) {
			out->esf.applied_amount += r->applied_amount;
		}
	}
	if (esf_granted(r->state)) {
		out->esf.granted += w;
		if (r->granted_amount > 0) {
			out->esf.granted_amount += r->granted_amount;
		}
	} else if (r->state == ST_AVSLAG) {
		out->esf.refused += w;
	} else if (r->state == ST_AVBRUTEN) {
		out->esf.no_application += w;
		if (r->reason >= REASON_NONE && r->reason < REASON__COUNT) {
			out->esf.reasons[r->reason] += w;
		}
	} else if (r->state == ST_UTANFOR_RUTINEN) {
		out->esf.outside_routine += w;
	}
	if (esf_passed_overens(r)) {
		if (r->has_owner && r->owner_kind >= PK_FK &&
		    r->owner_kind < PK__COUNT) {
			out->esf.owners[r->owner_kind] += w;
			if (r->owner_kind == PK_FK) {
				out->esf.fk_fallback_owner += w;
			}
		}
		for (int k = 0; k < PK__COUNT; k++) {
			if (r->cofinancer_kinds & (1u << k)) {
				out->esf.cofinancers[k] += w;
			}
		}
	}
}

static void
count_finsam(const struct followup_row *r, int64_t w, struct followup *out)
{
	out->finsam.identified += w;
	if (finsam_granted(r->state)) {
		out->finsam.granted += w;
		if (r->granted_amount > 0) {
			out->finsam.granted_amount += r->granted_amount;
		}
	}
	if (r->participants > 0) {
		out->finsam.participants += r->participants;
	}
}

void
followup_count(const struct followup_row *rows, size_t n, const char *from,
    const char *to, struct followup *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		if (!in_period(rows[i].identified_on, from, to)) {
			continue;
		}
		int64_t w = rows[i].n > 0 ? rows[i].n : 1;

		if (rows[i].kind == KIND_ESF) {
			count_esf(&rows[i], w, out);
		} else if (rows[i].kind == KIND_FINSAM) {
			count_finsam(&rows[i], w, out);
		}
	}
}

/* The smallest value with at least pct % of cases at or below it. */
static int64_t
rank_value(const struct days_bin *b, size_t n, int64_t cases, int pct)
{
	int64_t want = (cases * pct + 99) / 100, seen = 0;

	for (size_t i = 0; i < n; i++) {
		if (b[i].days > 0) {
			seen += b[i].n;
			if (seen >= want) {
				return b[i].days;
			}
		}
	}
	return 0;
}

void
followup_days(const struct days_bin *b, size_t n, struct followup *out)
{
	size_t i = 0, j;

	while (i < n) {
		enum state s = b[i].state;
		int64_t total = 0, cases = 0;

		for (j = i; j < n && b[j].state == s; j++) {
			if (b[j].days > 0 && b[j].n > 0) {
				total += b[j].days * b[j].n;
				cases += b[j].n;
			}
		}
		if (s >= 0 && s < ST__COUNT && cases > 0) {
			out->esf.days_total[s] = total;
			out->esf.days_cases[s] = cases;
			out->esf.days_median[s] =
			    rank_value(&b[i], j - i, cases, 50);
			out->esf.days_p90[s] =
			    rank_value(&b[i], j - i, cases, 90);
		}
		i = j;
	}
}

bool
followup_passed_overens(enum state s)
{
	switch (s) {
	case ST_ANSOKAN:
	case ST_PARTSBESLUT:
		return true;
	default:
		return followup_reached_inskickad(s);
	}
}

bool
followup_reached_inskickad(enum state s)
{
	switch (s) {
	case ST_INSKICKAD:
	case ST_BEVILJAD:
	case ST_AVSLAG:
	case ST_GENOMFORANDE:
	case ST_SLUTRAPPORTERAD:
	case ST_AVSLUTAD:
		return true;
	default:
		return false;
	}
}

/* Bits of the states where pred holds. */
static uint32_t
states_where(bool (*pred)(enum state))
{
	uint32_t m = 0;

	for (int s = 0; s < ST__COUNT; s++) {
		if (pred((enum state)s)) {
			m |= 1u << s;
		}
	}
	return m;
}

static bool
prefixed(const char *code, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);

	if (strncmp(code, prefix, n) != 0) {
		return false;
	}
	*rest = code + n;
	return true;
}

bool
followup_filter(const char *code, struct fact_filter *out, const char **label)
{
	const char *rest;
	enum party_kind pk;
	enum reason why;

	memset(out, 0, sizeof(*out));
	out->on = true;
	out->kind = KIND_ESF;
	if (code == NULL) {
		return false;
	}
	if (strcmp(code, "esf") == 0) {
		*label = "Identifierade ESF+-projektidéer";
	} else if (strcmp(code, "esf-ansokan") == 0) {
		out->states = states_where(esf_applied_state);
		out->flags = FACT_REACHED_INSKICKAD;
		*label = "ESF+-idéer som ledde till ansökan";
	} else if (strcmp(code, "esf-beviljade") == 0) {
		out->states = states_where(esf_granted);
		*label = "ESF+-projekt beviljade av ESF-rådet";
	} else if (strcmp(code, "esf-avslag") == 0) {
		out->states = 1u << ST_AVSLAG;
		*label = "ESF+-ansökningar med avslag";
	} else if (strcmp(code, "esf-ingen") == 0) {
		out->states = 1u << ST_AVBRUTEN;
		*label = "ESF+-idéer utan ansökan (avbrutna)";
	} else if (strcmp(code, "esf-utanfor") == 0) {
		out->states = 1u << ST_UTANFOR_RUTINEN;
		*label = "ESF+-idéer utanför rutinen (R6)";
	} else if (strcmp(code, "esf-overens") == 0) {
		out->states = states_where(esf_passed_state);
		out->flags = FACT_PASSED_OVERENS | FACT_REACHED_INSKICKAD;
		out->has_owner = true;
		*label = "ESF+-idéer överens om projektägare";
	} else if (prefixed(code, "esf-agare-", &rest) &&
	    party_kind_from_code(rest, &pk)) {
		out->states = states_where(esf_passed_state);
		out->flags = FACT_PASSED_OVERENS | FACT_REACHED_INSKICKAD;
		out->has_owner = true;
		out->owner_kind = (int)pk + 1;
		*label = pk == PK_FK
		    ? "ESF+-projekt med Försäkringskassan som projektägare"
		    : "ESF+-projekt per projektägarens slag";
	} else if (prefixed(code, "esf-medfin-", &rest) &&
	    party_kind_from_code(rest, &pk)) {
		out->states = states_where(esf_passed_state);
		out->flags = FACT_PASSED_OVERENS | FACT_REACHED_INSKICKAD;
		out->cofin_kinds = 1u << pk;
		*label = "ESF+-projekt per medfinansiärens slag";
	} else if (prefixed(code, "esf-skal-", &rest) &&
	    reason_from_code(rest, &why) && why != REASON_NONE) {
		out->states = 1u << ST_AVBRUTEN;
		out->reason = (int)why + 1;
		*label = "ESF+-idéer utan ansökan, per skäl";
	} else if (strcmp(code, "finsam") == 0) {
		out->kind = KIND_FINSAM;
		*label = "Identifierade Finsam-insatser";
	} else if (strcmp(code, "finsam-beviljade") == 0) {
		out->kind = KIND_FINSAM;
		out->states = states_where(finsam_granted);
		*label = "Finsam-insatser beviljade av styrelsen";
	} else {
		return false;
	}
	return true;
}
