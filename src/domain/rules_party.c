/*
 * rules_party.c - the party-row side of the case rules (rules.h): the
 * helpers over the parties of a case that the guards of rules.c use, the
 * conditions of R4 (FK as fallback projektägare) and R5 (FK never
 * utförare; the överenskommelse), and the per-party checks
 * party_pending and party_row_check, which use the same predicates as
 * the guards so that a to-do list and a refused move never disagree.
 *
 * Every rule is still decided in one place: the rule id stands in the
 * comment beside its check. rules_int.h is what this file shares with
 * rules.c.
 *
 * Pure: no clock, no file, no database, no stdio.
 */
#include <string.h>

#include "rules.h"
#include "rules_int.h"
#include "util/text.h"

/* Appends s to the string in dst (cap bytes), truncating safely. */
static void
append_utf8(char *dst, size_t cap, const char *s)
{
	size_t len = strlen(dst);

	if (len + 1 >= cap) {
		return;
	}
	text_copy(dst + len, cap - len, s);
}

/* ---- helpers on party rows ---- */

/* The name shown for a row: its party's name, else the kind's label. */
const char *
row_name(const struct party_row *p)
{
	return p->party_name[0] != '\0' ? p->party_name
					: party_kind_label(p->kind);
}

size_t
nrows(const struct arende *a)
{
	return a->nparties < MAX_PARTIES ? a->nparties : MAX_PARTIES;
}

/*
 * Counts the participating rows for which pred holds and writes their
 * names as "A, B och C" into names (NAMES_MAX bytes). A NULL pred counts
 * every participating row.
 */
size_t
participants_where(const struct arende *a, row_pred pred, char *names)
{
	size_t cnt = 0, k = 0;

	for (size_t i = 0; i < nrows(a); i++) {
		if (a->parties[i].deltar &&
		    (pred == NULL || pred(&a->parties[i]))) {
			cnt++;
		}
	}
	if (names == NULL) {
		return cnt;
	}
	names[0] = '\0';
	for (size_t i = 0; i < nrows(a); i++) {
		const struct party_row *p = &a->parties[i];

		if (!p->deltar || (pred != NULL && !pred(p))) {
			continue;
		}
		if (k > 0) {
			append_utf8(names, NAMES_MAX,
			    k + 1 == cnt ? " och " : ", ");
		}
		append_utf8(names, NAMES_MAX, row_name(p));
		k++;
	}
	return cnt;
}

bool
lacks_forankring(const struct party_row *p)
{
	return p->forankrad[0] == '\0';
}

bool
lacks_mandat(const struct party_row *p)
{
	return !p->mandat;
}

bool
lacks_agarprovning(const struct party_row *p)
{
	return p->agarprovning != AGP_KAN && p->agarprovning != AGP_AVSTAR;
}

bool
is_medfinansiar(const struct party_row *p)
{
	return p->medfinansiar;
}

static bool
not_medfinansiar(const struct party_row *p)
{
	return !p->medfinansiar;
}

static bool
other_wants_owner(const struct party_row *p)
{
	return p->kind != PK_FK && p->agarprovning == AGP_KAN;
}

static bool
other_utforare(const struct party_row *p)
{
	return p->kind != PK_FK && p->utforare;
}

static bool
is_fk(const struct party_row *p)
{
	return p->kind == PK_FK;
}

bool
lacks_ja(const struct party_row *p)
{
	return p->beslut != BESLUT_JA;
}

/*
 * A guard over every participating party: ok when pred ("lacks ...")
 * holds for none of them. Zero participating parties fails too, since an
 * empty agreement is no agreement.
 */
void
all_participating(const struct arende *a, struct rule_list *l, const char *rule,
    row_pred lacks, const char *ok_msg, const char *fail)
{
	char names[NAMES_MAX];
	const char *den = strstr(fail, " den ");
	size_t n;

	if (participants_where(a, NULL, NULL) == 0) {
		rule_add(l, rule, false, "Ingen part deltar i ärendet");
		return;
	}
	n = participants_where(a, lacks, names);
	if (n == 0) {
		rule_add(l, rule, true, "%s", ok_msg);
	} else if (n > 1 && den != NULL) {
		/* Swedish agreement: "AF och Kalmar ... om de kan". */
		rule_add(l, rule, false, "%s %.*s de %s", names,
		    (int)(den - fail), fail, den + 5);
	} else {
		rule_add(l, rule, false, "%s %s", names, fail);
	}
}

/* True if the case is outside the routine (R6 condition). */
bool
outside_routine(const struct arende *a)
{
	return !a->finsam_malgrupp || a->external_cofinancers[0] != '\0';
}

/* R5: FK is never an utförare of rehabilitation (one row). */
bool
fk_row_not_utforare(const struct party_row *p, struct rule_list *l, bool add_ok)
{
	if (p->kind == PK_FK && p->utforare) {
		rule_add(l, "R5", false,
		    "%s kan aldrig vara utförare av "
		    "rehabilitering",
		    row_name(p));
		return false;
	}
	if (add_ok && p->kind == PK_FK) {
		rule_add(l, "R5", true, "%s är inte utförare", row_name(p));
	}
	return true;
}

/* ---- R4: FK as fallback projektägare ---- */

/* R4: the project falls within the ESF+ programme period. */
void
r4_period(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	struct esf_config def;
	const struct esf_config *c = ctx->cfg;
	const char *t = ctx->today;

	if (c == NULL) {
		esf_config_default(&def);
		c = &def;
	}
	if (!date_valid(t)) {
		rule_add(l, "R4", false,
		    "Dagens datum är okänt, så "
		    "programperioden kan inte prövas");
	} else if (strcmp(t, c->period_start) < 0) {
		rule_add(l, "R4", false, "ESF+-programperioden börjar först %s",
		    c->period_start);
	} else if (strcmp(t, c->activity_until) > 0) {
		rule_add(l, "R4", false,
		    "ESF+-programperioden är slut "
		    "(sista aktivitetsdag %s)",
		    c->activity_until);
	} else if (a->project_end[0] != '\0' &&
	    strcmp(a->project_end, c->activity_until) > 0) {
		rule_add(l, "R4", false,
		    "Projektet slutar %s, efter "
		    "programperiodens sista aktivitetsdag %s",
		    a->project_end, c->activity_until);
	} else if (a->project_start[0] != '\0' &&
	    strcmp(a->project_start, c->period_start) < 0) {
		rule_add(l, "R4", false,
		    "Projektet börjar %s, före "
		    "programperiodens start %s",
		    a->project_start, c->period_start);
	} else {
		rule_add(l, "R4", true,
		    "Projektet ryms i ESF+-programperioden (utlysningar "
		    "%s – %s, verksamhet till och med %s)",
		    c->period_start, c->calls_until, c->activity_until);
	}
}

/* R4: appends every fallback condition, ok or not. */
void
fk_conditions(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	char names[NAMES_MAX];

	/* R4: no other party has decided to be owner. */
	if (participants_where(a, other_wants_owner, names) == 0) {
		rule_add(l, "R4", true,
		    "Ingen annan part har angett att den "
		    "kan vara projektägare");
	} else {
		rule_add(l, "R4", false,
		    "%s har angett att den kan vara "
		    "projektägare",
		    names);
	}
	/* R4: every participating party co-finances. */
	all_participating(a, l, "R4", not_medfinansiar,
	    "Alla deltagande parter är medfinansiärer", "är inte medfinansiär");
	/* R4: the target group is the Finsam målgrupp. */
	if (a->finsam_malgrupp) {
		rule_add(l, "R4", true, "Målgruppen är Finsams målgrupp");
	} else {
		rule_add(l, "R4", false,
		    "Målgruppen är inte Finsams "
		    "målgrupp");
	}
	/* R4: every co-financer is a Finsam party of this förbund. */
	if (a->external_cofinancers[0] == '\0') {
		rule_add(l, "R4", true,
		    "Alla medfinansiärer är Finsam-parter "
		    "i förbundet");
	} else {
		rule_add(l, "R4", false,
		    "Medfinansiärer utanför förbundets "
		    "Finsam-parter: %s",
		    a->external_cofinancers);
	}
	/* R4: FK itself takes part. */
	if (participants_where(a, is_fk, NULL) > 0) {
		rule_add(l, "R4", true, "Försäkringskassan deltar i ärendet");
	} else {
		rule_add(l, "R4", false,
		    "Försäkringskassan deltar inte i "
		    "ärendet");
	}
	r4_period(a, ctx, l);
}

bool
fk_fallback_eligible(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *out)
{
	rule_list_init(out);
	fk_conditions(a, ctx_or_empty(ctx), out);
	return rule_failures(out) == 0;
}

/*
 * R5: with FK as owner FK administers and coordinates only, so at least
 * one other participating party carries out the rehabilitation. The one
 * place this is decided (at ansokan and again at genomforande).
 */
void
r5_other_performs(const struct arende *a, struct rule_list *l)
{
	if (participants_where(a, other_utforare, NULL) > 0) {
		rule_add(l, "R5", true,
		    "Minst en annan part än "
		    "Försäkringskassan är utförare");
	} else {
		rule_add(l, "R5", false,
		    "Försäkringskassan är projektägare "
		    "men ingen annan part är utförare");
	}
}

/* R5: an FK-owned project has its written överenskommelse registered. */
static bool
r5_agreement_registered(const struct arende *a)
{
	return date_valid(a->overenskommelse_on);
}

/* R5: the överenskommelse before an FK-owned project is carried out. */
void
r5_agreement(const struct arende *a, struct rule_list *l)
{
	if (r5_agreement_registered(a)) {
		rule_add(l, "R5", true,
		    "Överenskommelse om "
		    "ansvarsfördelningen registrerad %s",
		    a->overenskommelse_on);
	} else {
		rule_add(l, "R5", false,
		    "Försäkringskassan är "
		    "projektägare: en skriftlig överenskommelse om "
		    "ansvarsfördelningen ska registreras innan "
		    "projektet genomförs");
	}
}

bool
party_pending_possible(enum kind k, enum state s)
{
	return s == ST_UTFORMNING ||
	    (k == KIND_ESF &&
		(s == ST_OVERENS || s == ST_PARTSBESLUT || s == ST_BEVILJAD));
}

/*
 * The per-party guards of transition_check, for one party: the same
 * predicates, so a to-do list and a refused move never disagree.
 */
size_t
party_pending(const struct arende *a, const struct party_row *p,
    struct rule_list *out)
{
	size_t before = rule_failures(out);

	if (!p->deltar || !party_pending_possible(a->kind, a->state)) {
		return 0;
	}
	/* G: förankring before utformning moves on (both kinds). */
	if (a->state == ST_UTFORMNING && lacks_forankring(p)) {
		rule_add(out, "G", false, "förankring saknas");
	}
	if (a->kind == KIND_ESF && a->state == ST_OVERENS) {
		/* R2: the representative's mandate. */
		if (lacks_mandat(p)) {
			rule_add(out, "R2", false, "mandat saknas");
		}
		/* R3: the examination whether it can be projektägare. */
		if (lacks_agarprovning(p)) {
			rule_add(out, "R3", false, "ägarprövning saknas");
		}
	}
	/* G: every participating party decides ja before submission. */
	if (a->kind == KIND_ESF && a->state == ST_PARTSBESLUT && lacks_ja(p)) {
		rule_add(out, "G", false,
		    p->beslut == BESLUT_NEJ
			? "beslutet om åtagandena i ansökan är nej"
			: "beslut om åtagandena i ansökan saknas");
	}
	/* R5: FK as owner of a granted project needs the överenskommelse. */
	if (a->kind == KIND_ESF && a->state == ST_BEVILJAD && is_fk(p) &&
	    a->owner_party_id == p->party_id && !r5_agreement_registered(a)) {
		rule_add(out, "R5", false,
		    "skriftlig överenskommelse om "
		    "ansvarsfördelningen saknas");
	}
	return rule_failures(out) - before;
}

/*
 * Appends the failures of one row's own consistency to out (the caller
 * initialises out, so it may already hold e.g. an R7 entry). Returns the
 * number of failures this call added.
 */
size_t
party_row_check(const struct party_row *row, struct rule_list *out)
{
	size_t before = rule_failures(out);

	/* R5: FK is never utförare. */
	(void)fk_row_not_utforare(row, out, false);
	if (row->kind < PK_FK || row->kind >= PK__COUNT) {
		rule_add(out, "G", false, "Okänd partstyp");
	}
	if (row->agarprovning < AGP_NONE || row->agarprovning > AGP_AVSTAR) {
		rule_add(out, "G", false,
		    "Ägarprövningen för %s har ett "
		    "ogiltigt värde",
		    row_name(row));
	}
	if (row->beslut < BESLUT_NONE || row->beslut > BESLUT_NEJ) {
		rule_add(out, "G", false,
		    "Beslutet för %s har ett ogiltigt "
		    "värde",
		    row_name(row));
	}
	if (row->forankrad[0] != '\0' && !date_valid(row->forankrad)) {
		rule_add(out, "G", false,
		    "Förankringsdatumet för %s är inte "
		    "ett giltigt datum",
		    row_name(row));
	}
	return rule_failures(out) - before;
}
