/*
 * test_rules.c - the state machines of DOMAIN.md 7 and rules R1-R6, R8
 * (src/domain/rules.c): every edge allowed, every edge refused with the
 * exact rule id, several failures reported together, and each R4
 * condition failing on its own.
 *
 * Each test starts from a case that satisfies every guard of every edge
 * ("ready") and breaks exactly what it tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "case_fixture.h"

struct fx {
	struct arende a;
	struct utlysning call;
	struct esf_config cfg;
	struct rule_ctx ctx;
	struct rule_list l;
};

static struct fx F;

/* A case of kind k in state s that passes every guard of every edge. */
static struct fx *
ready(enum kind k, enum state s)
{
	struct fx *f = &F;
	struct arende *a = &f->a;

	memset(f, 0, sizeof(*f));
	fx_case(a, k, s);
	SET(a->title, "Stöd till unga vuxna");
	a->call_id = 7;
	SET(a->identified_on, "2025-01-10");
	SET(a->submitted_on, "2025-05-01");
	SET(a->decision_on, "2025-09-01");
	a->granted_amount = 1500000;
	SET(a->project_start, "2025-10-01");
	SET(a->project_end, "2026-12-31");
	SET(a->projektledare, "Anna Andersson");
	SET(a->controller, "Bo Berg");
	SET(a->administrator, "Cecilia Ek");
	SET(a->final_report_on, "2027-03-01");
	f->call.id = 7;
	SET(f->call.title, "Förebygga utanförskap");
	SET(f->call.opens, "2025-01-15");
	SET(f->call.closes, "2025-06-30");
	f->call.esf_share_pct = 46;
	esf_config_default(&f->cfg);
	/* Every date above lies before today, as done things do. */
	SET(f->ctx.today, "2027-06-01");
	f->ctx.cfg = &f->cfg;
	f->ctx.call = &f->call;
	return f;
}

static struct party_row *
row(struct fx *f, int64_t id)
{
	struct party_row *p = arende_party_mut(&f->a, id);

	assert_non_null(p);
	return p;
}

/* True if a failing entry of `rule` has `needle` in its message. */
static bool
fail_says(const struct rule_list *l, const char *rule, const char *needle)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->r[i].ok && strcmp(l->r[i].rule, rule) == 0 &&
		    strstr(l->r[i].message, needle) != NULL) {
			return true;
		}
	}
	return false;
}

static size_t
check(struct fx *f, enum state to)
{
	return transition_check(&f->a, to, &f->ctx, &f->l);
}

/* ---- every edge, allowed ---- */

typedef void (*prep_fn)(struct fx *);

struct mv {
	enum kind kind;
	enum state from;
	enum state to;
	prep_fn prep; /* NULL: the ready case as it is */
	bool board;
	const char *rule;   /* refused: the rule id expected */
	const char *needle; /* refused: part of its message */
};

static void
prep_reason(struct fx *f)
{
	f->a.reason = REASON_INGEN_UTLYSNING;
}

static void
prep_reason_finsam(struct fx *f)
{
	f->a.reason = REASON_EJ_OVERENS;
}

static void
prep_period_running(struct fx *f)
{
	SET(f->a.project_end, "2027-06-01"); /* today is its last day */
}

static void
prep_other_malgrupp(struct fx *f)
{
	f->a.finsam_malgrupp = false;
}

static void
prep_fk_owner(struct fx *f)
{
	f->a.owner_party_id = P_FK;
	row(f, P_KOM)->agarprovning = AGP_AVSTAR;
	SET(f->a.overenskommelse_on, "2025-12-01");
}

static void
allowed_move(void **state)
{
	const struct mv *m = *state;
	struct fx *f = ready(m->kind, m->from);

	f->ctx.board_decision = m->board;
	if (m->prep != NULL) {
		m->prep(f);
	}
	assert_true(transition_exists(m->kind, m->from, m->to));
	if (check(f, m->to) != 0) {
		fail_msg("%s: %s", f->l.r[0].rule, f->l.r[0].message);
	}
	for (size_t i = 0; i < f->l.n; i++) {
		assert_true(f->l.r[i].ok);
	}
}

#define OK_E(from, to, prep)                                                   \
	{                                                                      \
		KIND_ESF, from, to, prep, false, NULL, NULL                    \
	}
#define OK_F(from, to, prep, b)                                                \
	{                                                                      \
		KIND_FINSAM, from, to, prep, b, NULL, NULL                     \
	}

static const struct mv allowed[] = {
	OK_E(ST_IDENTIFIERAD, ST_UTFORMNING, NULL),
	OK_E(ST_IDENTIFIERAD, ST_AVBRUTEN, prep_reason),
	OK_E(ST_IDENTIFIERAD, ST_UTANFOR_RUTINEN, prep_other_malgrupp),
	OK_E(ST_UTFORMNING, ST_OVERENS, NULL),
	OK_E(ST_UTFORMNING, ST_AVBRUTEN, prep_reason),
	OK_E(ST_UTFORMNING, ST_UTANFOR_RUTINEN, prep_other_malgrupp),
	OK_E(ST_OVERENS, ST_ANSOKAN, NULL),
	OK_E(ST_OVERENS, ST_ANSOKAN, prep_fk_owner),
	OK_E(ST_OVERENS, ST_AVBRUTEN, prep_reason),
	OK_E(ST_OVERENS, ST_UTANFOR_RUTINEN, prep_other_malgrupp),
	OK_E(ST_ANSOKAN, ST_PARTSBESLUT, NULL),
	OK_E(ST_ANSOKAN, ST_AVBRUTEN, prep_reason),
	OK_E(ST_PARTSBESLUT, ST_INSKICKAD, NULL),
	OK_E(ST_PARTSBESLUT, ST_AVBRUTEN, prep_reason),
	OK_E(ST_INSKICKAD, ST_BEVILJAD, NULL),
	OK_E(ST_INSKICKAD, ST_AVSLAG, NULL),
	OK_E(ST_BEVILJAD, ST_GENOMFORANDE, NULL),
	OK_E(ST_BEVILJAD, ST_GENOMFORANDE, prep_fk_owner),
	OK_E(ST_GENOMFORANDE, ST_SLUTRAPPORTERAD, NULL),
	OK_E(ST_SLUTRAPPORTERAD, ST_AVSLUTAD, NULL),
	OK_F(ST_IDENTIFIERAD, ST_UTFORMNING, NULL, false),
	OK_F(ST_IDENTIFIERAD, ST_AVBRUTEN, prep_reason_finsam, false),
	OK_F(ST_UTFORMNING, ST_ANSVARSFORDELNING, NULL, false),
	OK_F(ST_UTFORMNING, ST_AVBRUTEN, prep_reason_finsam, false),
	OK_F(ST_ANSVARSFORDELNING, ST_BEVILJAD, NULL, true),
	OK_F(ST_ANSVARSFORDELNING, ST_AVSLAG, NULL, true),
	OK_F(ST_ANSVARSFORDELNING, ST_AVBRUTEN, prep_reason_finsam, false),
	OK_F(ST_BEVILJAD, ST_GENOMFORANDE, NULL, false),
	OK_F(ST_GENOMFORANDE, ST_AVSLUTAD, NULL, false),
};

/* ---- every edge, refused ---- */

static void
refused_move(void **state)
{
	const struct mv *m = *state;
	struct fx *f = ready(m->kind, m->from);

	f->ctx.board_decision = m->board;
	if (m->prep != NULL) {
		m->prep(f);
	}
	assert_true(check(f, m->to) > 0);
	assert_int_equal(check(f, m->to), rule_failures(&f->l));
	if (fx_fails(&f->l, m->rule) == 0) {
		fail_msg("no failing %s among %zu entries", m->rule, f->l.n);
	}
	if (!fail_says(&f->l, m->rule, m->needle)) {
		fail_msg("%s does not say \"%s\"", m->rule, m->needle);
	}
}

static void
b_one_party(struct fx *f)
{
	for (size_t i = 1; i < f->a.nparties; i++) {
		f->a.parties[i].deltar = false;
	}
}

static void
b_region_not_forankrad(struct fx *f)
{
	row(f, P_REG)->forankrad[0] = '\0';
}

static void
b_no_owner(struct fx *f)
{
	f->a.owner_party_id = 0;
}

static void
b_owner_not_deltar(struct fx *f)
{
	row(f, P_KOM)->deltar = false;
}

static void
b_owner_unknown(struct fx *f)
{
	f->a.owner_party_id = 99;
}

static void
b_two_lack_mandat(struct fx *f)
{
	row(f, P_KOM)->mandat = false;
	row(f, P_REG)->mandat = false;
}

static void
b_af_no_agarprovning(struct fx *f)
{
	row(f, P_AF)->agarprovning = AGP_NONE;
}

static void
b_no_medfinansiar(struct fx *f)
{
	for (size_t i = 0; i < f->a.nparties; i++) {
		f->a.parties[i].medfinansiar = false;
	}
}

static void
b_owner_avstar(struct fx *f)
{
	row(f, P_KOM)->agarprovning = AGP_AVSTAR;
}

static void
b_fk_owner_other_kan(struct fx *f)
{
	prep_fk_owner(f);
	row(f, P_REG)->agarprovning = AGP_KAN;
}

static void
b_fk_owner_no_utforare(struct fx *f)
{
	prep_fk_owner(f);
	row(f, P_KOM)->utforare = false;
	row(f, P_REG)->utforare = false;
}

static void
b_fk_owner_outside(struct fx *f)
{
	prep_fk_owner(f);
	SET(f->a.external_cofinancers, "Stiftelsen X");
}

static void
b_fk_utforare(struct fx *f)
{
	row(f, P_FK)->utforare = true;
}

static void
b_fk_owner_and_utforare(struct fx *f)
{
	prep_fk_owner(f);
	row(f, P_FK)->utforare = true;
}

static void
b_no_call(struct fx *f)
{
	f->a.call_id = 0;
	f->ctx.call = NULL;
}

static void
b_call_not_loaded(struct fx *f)
{
	f->ctx.call = NULL;
}

static void
b_after_close(struct fx *f)
{
	SET(f->a.submitted_on, "2025-07-01");
}

static void
b_before_open(struct fx *f)
{
	SET(f->a.submitted_on, "2025-01-14");
}

static void
b_no_submitted(struct fx *f)
{
	f->a.submitted_on[0] = '\0';
}

static void
b_region_nej(struct fx *f)
{
	row(f, P_REG)->beslut = BESLUT_NEJ;
}

static void
b_no_decision_date(struct fx *f)
{
	f->a.decision_on[0] = '\0';
}

static void
b_no_amount(struct fx *f)
{
	f->a.granted_amount = -1;
}

static void
b_no_period(struct fx *f)
{
	f->a.project_end[0] = '\0';
}

static void
b_period_reversed(struct fx *f)
{
	SET(f->a.project_start, "2029-01-01");
}

static void
b_no_controller(struct fx *f)
{
	f->a.controller[0] = '\0';
}

static void
b_fk_owner_no_overenskommelse(struct fx *f)
{
	prep_fk_owner(f);
	f->a.overenskommelse_on[0] = '\0';
}

/* R4: FK as owner, the project set to end after the last activity day. */
static void
b_fk_owner_ends_late(struct fx *f)
{
	prep_fk_owner(f);
	SET(f->a.project_end, "2030-06-30");
}

static void
b_no_final_report(struct fx *f)
{
	f->a.final_report_on[0] = '\0';
}

static void
b_annat_without_text(struct fx *f)
{
	f->a.reason = REASON_ANNAT;
}

static void
b_board_on_esf(struct fx *f)
{
	f->ctx.board_decision = true;
}

#define NO_E(from, to, prep, rule, needle)                                     \
	{                                                                      \
		KIND_ESF, from, to, prep, false, rule, needle                  \
	}
#define NO_F(from, to, prep, rule, needle)                                     \
	{                                                                      \
		KIND_FINSAM, from, to, prep, false, rule, needle               \
	}

static const struct mv refused[] = {
	NO_E(ST_IDENTIFIERAD, ST_UTFORMNING, b_one_party, "G",
	    "Minst två parter"),
	NO_E(ST_IDENTIFIERAD, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_E(ST_IDENTIFIERAD, ST_UTANFOR_RUTINEN, NULL, "R6",
	    "hör till rutinen"),
	NO_E(ST_UTFORMNING, ST_OVERENS, b_region_not_forankrad, "G",
	    "Region Skåne saknar förankring"),
	NO_E(ST_UTFORMNING, ST_AVBRUTEN, b_annat_without_text, "G",
	    "Annat skäl"),
	NO_E(ST_UTFORMNING, ST_UTANFOR_RUTINEN, NULL, "R6", "rutinen"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_no_owner, "G", "Ingen projektägare"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_owner_not_deltar, "G",
	    "Malmö stad deltar inte"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_owner_unknown, "G",
	    "inte part i ärendet"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_two_lack_mandat, "R2",
	    "Malmö stad och Region Skåne saknar mandat"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_af_no_agarprovning, "R3",
	    "Arbetsförmedlingen har inte prövat"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_no_medfinansiar, "G",
	    "Ingen deltagande part är medfinansiär"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_owner_avstar, "R3",
	    "Malmö stad har avstått"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_owner_other_kan, "R4",
	    "Region Skåne har angett att den kan vara projektägare"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_owner_no_utforare, "R5",
	    "ingen annan part är utförare"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_owner_outside, "R6",
	    "utanför rutinen"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_owner_outside, "R4", "Stiftelsen X"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_utforare, "R5",
	    "aldrig vara utförare"),
	NO_E(ST_OVERENS, ST_ANSOKAN, b_fk_owner_and_utforare, "R5",
	    "aldrig vara utförare"),
	NO_E(ST_OVERENS, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_E(ST_OVERENS, ST_UTANFOR_RUTINEN, NULL, "R6", "rutinen"),
	NO_E(ST_ANSOKAN, ST_PARTSBESLUT, b_no_call, "R8", "Ingen utlysning"),
	NO_E(ST_ANSOKAN, ST_PARTSBESLUT, b_call_not_loaded, "R8",
	    "Ingen utlysning"),
	NO_E(ST_ANSOKAN, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_E(ST_PARTSBESLUT, ST_INSKICKAD, b_after_close, "R8",
	    "efter att utlysningen stängde 2025-06-30"),
	NO_E(ST_PARTSBESLUT, ST_INSKICKAD, b_before_open, "R8",
	    "innan utlysningen öppnade"),
	NO_E(ST_PARTSBESLUT, ST_INSKICKAD, b_no_submitted, "R8", "saknas"),
	NO_E(ST_PARTSBESLUT, ST_INSKICKAD, b_no_call, "R8", "Ingen utlysning"),
	NO_E(ST_PARTSBESLUT, ST_INSKICKAD, b_region_nej, "G",
	    "Region Skåne har inte beslutat ja"),
	NO_E(ST_PARTSBESLUT, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_E(ST_INSKICKAD, ST_BEVILJAD, b_no_decision_date, "G",
	    "ESF-rådets beslut saknas"),
	NO_E(ST_INSKICKAD, ST_BEVILJAD, b_no_amount, "G",
	    "Beviljat belopp saknas"),
	NO_E(ST_INSKICKAD, ST_AVSLAG, b_no_decision_date, "G",
	    "ESF-rådets beslut saknas"),
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_no_period, "G", "Projektperioden"),
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_period_reversed, "G",
	    "före startdatumet"),
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_no_controller, "G",
	    "Controller är inte namngiven"),
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_fk_owner_no_overenskommelse, "R5",
	    "överenskommelse"),
	/* R5 again: the utförare rows may change after ansokan. */
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_fk_owner_no_utforare, "R5",
	    "ingen annan part är utförare"),
	NO_E(ST_BEVILJAD, ST_GENOMFORANDE, b_fk_owner_ends_late, "R4",
	    "efter programperiodens sista aktivitetsdag"),
	NO_E(ST_GENOMFORANDE, ST_SLUTRAPPORTERAD, b_no_final_report, "G",
	    "slutrapporten saknas"),
	NO_E(ST_SLUTRAPPORTERAD, ST_AVSLUTAD, b_board_on_esf, "R1",
	    "förbundsstyrelsen"),
	NO_E(ST_IDENTIFIERAD, ST_UTFORMNING, b_board_on_esf, "R1",
	    "förbundsstyrelsen"),
	/* Moves that are not in the ESF+ machine. */
	NO_E(ST_IDENTIFIERAD, ST_BEVILJAD, NULL, "G",
	    "från ”Identifierad” till ”Beviljad”"),
	NO_E(ST_UTFORMNING, ST_ANSVARSFORDELNING, NULL, "G", "kan inte gå"),
	NO_E(ST_INSKICKAD, ST_AVBRUTEN, prep_reason, "G", "kan inte gå"),
	NO_E(ST_ANSOKAN, ST_UTANFOR_RUTINEN, prep_other_malgrupp, "G",
	    "kan inte gå"),
	NO_E(ST_AVSLUTAD, ST_GENOMFORANDE, NULL, "G", "kan inte gå"),
	NO_E(ST_GENOMFORANDE, ST_AVSLUTAD, NULL, "G", "kan inte gå"),
	NO_E(ST_IDENTIFIERAD, ST_IDENTIFIERAD, NULL, "G", "kan inte gå"),
	/* Finsam. */
	NO_F(ST_IDENTIFIERAD, ST_UTFORMNING, b_one_party, "G",
	    "Minst två parter"),
	NO_F(ST_IDENTIFIERAD, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_F(ST_UTFORMNING, ST_ANSVARSFORDELNING, b_region_not_forankrad, "G",
	    "Region Skåne saknar förankring"),
	NO_F(ST_UTFORMNING, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_F(ST_ANSVARSFORDELNING, ST_BEVILJAD, NULL, "R1",
	    "Bara förbundsstyrelsen"),
	NO_F(ST_ANSVARSFORDELNING, ST_AVSLAG, NULL, "R1",
	    "Bara förbundsstyrelsen"),
	NO_F(ST_ANSVARSFORDELNING, ST_AVBRUTEN, NULL, "G", "skälet"),
	NO_F(ST_UTFORMNING, ST_OVERENS, NULL, "G", "Finsam-ärende"),
	NO_F(ST_IDENTIFIERAD, ST_UTANFOR_RUTINEN, prep_other_malgrupp, "G",
	    "kan inte gå"),
	NO_F(ST_GENOMFORANDE, ST_SLUTRAPPORTERAD, NULL, "G", "kan inte gå"),
	NO_F(ST_BEVILJAD, ST_AVBRUTEN, prep_reason, "G", "kan inte gå"),
	/* ESF+ reasons do not fit a Finsam insats. */
	NO_F(ST_UTFORMNING, ST_AVBRUTEN, prep_reason, "G", "gäller ESF+"),
	/* A Finsam insats closes only after its granted period. */
	NO_F(ST_GENOMFORANDE, ST_AVSLUTAD, prep_period_running, "G",
	    "först efter"),
	NO_F(ST_INSKICKAD, ST_BEVILJAD, NULL, "G", "kan inte gå"),
};

/* ---- single tests ---- */

/* Several broken guards are all named in one refusal. */
static void
test_multiple_failures_reported_together(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);

	(void)state;
	f->a.owner_party_id = 0;
	row(f, P_AF)->mandat = false;
	row(f, P_REG)->agarprovning = AGP_NONE;
	for (size_t i = 0; i < f->a.nparties; i++) {
		f->a.parties[i].medfinansiar = false;
	}
	assert_int_equal(check(f, ST_ANSOKAN), 4);
	assert_int_equal(fx_fails(&f->l, "G"), 2);
	assert_int_equal(fx_fails(&f->l, "R2"), 1);
	assert_int_equal(fx_fails(&f->l, "R3"), 1);
	assert_true(fail_says(&f->l, "R2", "Arbetsförmedlingen saknar"));
	assert_true(fail_says(&f->l, "R3", "Region Skåne har inte prövat"));
}

/* FK as owner with every fallback condition broken: all named. */
static void
test_fk_owner_every_rule_reported(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);

	(void)state;
	prep_fk_owner(f);
	row(f, P_REG)->agarprovning = AGP_KAN;
	row(f, P_AF)->medfinansiar = false;
	row(f, P_KOM)->utforare = false;
	row(f, P_REG)->utforare = false;
	f->a.finsam_malgrupp = false;
	SET(f->a.external_cofinancers, "Företag AB");
	SET(f->ctx.today, "2030-01-01");
	row(f, P_KOM)->mandat = false;
	check(f, ST_ANSOKAN);
	assert_int_equal(fx_fails(&f->l, "R4"), 5);
	assert_int_equal(fx_fails(&f->l, "R5"), 1);
	assert_int_equal(fx_fails(&f->l, "R6"), 1);
	assert_int_equal(fx_fails(&f->l, "R2"), 1);
	assert_int_equal(rule_failures(&f->l), 8);
}

/* A passing check lists its guards as a checklist (all ok). */
static void
test_checklist_of_passing_guards(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);

	(void)state;
	assert_int_equal(check(f, ST_ANSOKAN), 0);
	assert_true(f->l.n >= 5);
	prep_fk_owner(f);
	assert_int_equal(check(f, ST_ANSOKAN), 0);
	/* owner, R2, R3, medfinansiär, six R4, R6, two R5 */
	assert_int_equal(f->l.n, 13);
}

/* A move outside the machine gives exactly one entry. */
static void
test_no_edge_single_entry(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_IDENTIFIERAD);

	(void)state;
	assert_int_equal(check(f, ST_AVSLUTAD), 1);
	assert_int_equal(f->l.n, 1);
	assert_string_equal(f->l.r[0].rule, "G");
	assert_false(transition_exists(KIND_ESF, ST_IDENTIFIERAD, ST_AVSLUTAD));
}

/* R1: an ESF+ move by a board decision fails even on a valid edge. */
static void
test_r1_board_decision_on_esf(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_INSKICKAD);

	(void)state;
	f->ctx.board_decision = true;
	assert_int_equal(check(f, ST_BEVILJAD), 1);
	assert_int_equal(fx_fails(&f->l, "R1"), 1);
	f->ctx.board_decision = false;
	assert_int_equal(check(f, ST_BEVILJAD), 0);
}

/* A NULL context behaves as "no call, no date, no board". */
static void
test_null_ctx(void **state)
{
	struct fx *f = ready(KIND_FINSAM, ST_ANSVARSFORDELNING);
	struct rule_list l;

	(void)state;
	assert_int_equal(transition_check(&f->a, ST_BEVILJAD, NULL, &l), 1);
	assert_int_equal(fx_fails(&l, "R1"), 1);
	f = ready(KIND_ESF, ST_ANSOKAN);
	assert_int_equal(transition_check(&f->a, ST_PARTSBESLUT, NULL, &l), 1);
	assert_int_equal(fx_fails(&l, "R8"), 1);
}

static void
test_reason_annat_with_text(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_PARTSBESLUT);

	(void)state;
	f->a.reason = REASON_ANNAT;
	assert_int_equal(check(f, ST_AVBRUTEN), 1);
	SET(f->a.reason_text, "Projektidén slogs ihop med en annan");
	assert_int_equal(check(f, ST_AVBRUTEN), 0);
	f->a.reason = (enum reason)42;
	assert_int_equal(check(f, ST_AVBRUTEN), 1);
}

/* R6 holds with outside co-financers even for the Finsam målgrupp. */
static void
test_r6_external_cofinancer(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_UTFORMNING);

	(void)state;
	assert_int_equal(check(f, ST_UTANFOR_RUTINEN), 1);
	SET(f->a.external_cofinancers, "Stiftelsen X");
	assert_int_equal(check(f, ST_UTANFOR_RUTINEN), 0);
	assert_string_equal(f->l.r[0].rule, "R6");
}

/* R8: the submission date on the closing and opening days is allowed. */
static void
test_r8_bounds_inclusive(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_PARTSBESLUT);

	(void)state;
	SET(f->a.submitted_on, "2025-06-30");
	assert_int_equal(check(f, ST_INSKICKAD), 0);
	SET(f->a.submitted_on, "2025-01-15");
	assert_int_equal(check(f, ST_INSKICKAD), 0);
	f->call.id = 8; /* a different call than the linked one */
	assert_int_equal(check(f, ST_INSKICKAD), 1);
	assert_int_equal(fx_fails(&f->l, "R8"), 1);
}

/* Only participating rows count: a non-participant lacking all is fine. */
static void
test_only_participating_rows_count(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);
	struct party_row *af = row(f, P_AF);

	(void)state;
	af->deltar = false;
	af->mandat = false;
	af->agarprovning = AGP_NONE;
	af->forankrad[0] = '\0';
	af->beslut = BESLUT_NONE;
	assert_int_equal(check(f, ST_ANSOKAN), 0);
	f->a.state = ST_UTFORMNING;
	assert_int_equal(check(f, ST_OVERENS), 0);
	f->a.state = ST_PARTSBESLUT;
	assert_int_equal(check(f, ST_INSKICKAD), 0);
}

static void
test_no_participants(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_UTFORMNING);

	(void)state;
	for (size_t i = 0; i < f->a.nparties; i++) {
		f->a.parties[i].deltar = false;
	}
	assert_int_equal(check(f, ST_OVERENS), 1);
	assert_true(fail_says(&f->l, "G", "Ingen part deltar"));
}

/* ---- R4: FK as fallback owner, each condition on its own ---- */

/* The case where FK may be fallback owner: every condition holds. */
static struct fx *
fk_ready(void)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);

	prep_fk_owner(f);
	return f;
}

static void
assert_only_r4_fails(struct fx *f, const char *needle)
{
	assert_false(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
	assert_int_equal(f->l.n, 6);
	assert_int_equal(rule_failures(&f->l), 1);
	assert_int_equal(fx_fails(&f->l, "R4"), 1);
	if (!fail_says(&f->l, "R4", needle)) {
		fail_msg("R4 does not say \"%s\"", needle);
	}
	/* The move itself is refused for the same reason. */
	assert_true(check(f, ST_ANSOKAN) >= 1);
	assert_true(fail_says(&f->l, "R4", needle));
}

static void
test_r4_all_hold(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
	assert_int_equal(f->l.n, 6);
	for (size_t i = 0; i < f->l.n; i++) {
		assert_string_equal(f->l.r[i].rule, "R4");
		assert_true(f->l.r[i].ok);
	}
}

static void
test_r4_other_party_kan(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	row(f, P_AF)->agarprovning = AGP_KAN;
	assert_only_r4_fails(f, "Arbetsförmedlingen har angett");
}

/* FK's own "kan" is not another party's. */
static void
test_r4_fk_own_kan_ignored(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	row(f, P_FK)->agarprovning = AGP_KAN;
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
}

/* A non-participating party with "kan" does not block the fallback. */
static void
test_r4_nonparticipant_kan_ignored(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	row(f, P_AF)->agarprovning = AGP_KAN;
	row(f, P_AF)->deltar = false;
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
}

static void
test_r4_not_every_party_cofinances(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	row(f, P_REG)->medfinansiar = false;
	assert_only_r4_fails(f, "Region Skåne är inte medfinansiär");
}

static void
test_r4_other_malgrupp(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	f->a.finsam_malgrupp = false;
	assert_only_r4_fails(f, "inte Finsams målgrupp");
}

static void
test_r4_external_cofinancer(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->a.external_cofinancers, "Lunds universitet");
	assert_only_r4_fails(f, "Lunds universitet");
}

static void
test_r4_fk_not_deltar(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	row(f, P_FK)->deltar = false;
	assert_false(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
	assert_int_equal(rule_failures(&f->l), 1);
	assert_true(fail_says(&f->l, "R4", "Försäkringskassan deltar inte"));
}

static void
test_r4_today_after_period(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->ctx.today, "2030-01-01");
	assert_only_r4_fails(f, "programperioden är slut");
	SET(f->ctx.today, "2029-12-31");
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
}

static void
test_r4_today_before_period(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->ctx.today, "2020-12-31");
	assert_only_r4_fails(f, "börjar först 2021-01-01");
}

static void
test_r4_today_unknown(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	f->ctx.today[0] = '\0';
	assert_only_r4_fails(f, "Dagens datum");
}

static void
test_r4_project_ends_after_period(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->a.project_end, "2030-06-30");
	assert_only_r4_fails(f, "Projektet slutar 2030-06-30");
	f->a.project_end[0] = '\0';
	f->a.project_start[0] = '\0';
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
}

static void
test_r4_project_starts_before_period(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->a.project_start, "2020-06-01");
	assert_only_r4_fails(f, "Projektet börjar 2020-06-01");
}

/* The configuration, not code, decides the period. */
static void
test_r4_period_from_config(void **state)
{
	struct fx *f = fk_ready();

	(void)state;
	SET(f->cfg.activity_until, "2025-03-31");
	assert_only_r4_fails(f, "2025-03-31");
	f->ctx.cfg = NULL; /* defaults */
	assert_true(fk_fallback_eligible(&f->a, &f->ctx, &f->l));
}

/* ---- party rows, lists, machines ---- */

static void
test_party_row_check(void **state)
{
	struct fx *f = ready(KIND_ESF, ST_OVERENS);
	struct party_row r = *row(f, P_FK);
	struct rule_list l;

	(void)state;
	rule_list_init(&l);
	assert_int_equal(party_row_check(&r, &l), 0);
	assert_int_equal(l.n, 0);
	r.utforare = true;
	rule_add(&l, "R7", false, "redan där");
	assert_int_equal(party_row_check(&r, &l), 1);
	assert_int_equal(l.n, 2); /* appended, R7 kept */
	assert_int_equal(fx_fails(&l, "R5"), 1);
	assert_int_equal(fx_fails(&l, "R7"), 1);
	r = *row(f, P_KOM);
	assert_true(r.utforare);
	rule_list_init(&l);
	assert_int_equal(party_row_check(&r, &l), 0);
	SET(r.forankrad, "2025-02-30");
	r.agarprovning = (enum agarprovning)7;
	r.beslut = (enum beslut)9;
	assert_int_equal(party_row_check(&r, &l), 3);
}

static void
test_rule_list_overflow_keeps_failures(void **state)
{
	struct rule_list l;
	char long_msg[1200];

	(void)state;
	rule_list_init(&l);
	for (int i = 0; i < RULES_MAX; i++) {
		rule_add(&l, "G", true, "ok %d", i);
	}
	rule_add(&l, "R4", false, "fel");
	rule_add(&l, "R5", true, "tappas");
	assert_int_equal(l.n, RULES_MAX);
	assert_int_equal(rule_failures(&l), 1);
	assert_int_equal(fx_fails(&l, "R4"), 1);
	/* A long message is cut at a character boundary. */
	memset(long_msg, 0, sizeof(long_msg));
	for (size_t i = 0; i + 2 < sizeof(long_msg) - 1; i += 2) {
		memcpy(long_msg + i, "å", 2);
	}
	long_msg[sizeof(long_msg) - 2] = 'x';
	rule_list_init(&l);
	rule_add(&l, "TOOLONGID", false, "ab%s", long_msg);
	assert_string_equal(l.r[0].rule, "TOOLONG");
	/* "ab" + 254 "å" = 510; a 255th would need 512 bytes with NUL */
	assert_int_equal(sizeof(l.r[0].message), 512);
	assert_int_equal(strlen(l.r[0].message), 510);
	assert_memory_equal(l.r[0].message + 508, "å", 2);
}

static void
test_transition_targets(void **state)
{
	enum state out[ST__COUNT];

	(void)state;
	assert_int_equal(transition_targets(KIND_ESF, ST_IDENTIFIERAD, out), 3);
	assert_int_equal(out[0], ST_UTFORMNING);
	assert_int_equal(out[1], ST_AVBRUTEN);
	assert_int_equal(out[2], ST_UTANFOR_RUTINEN);
	assert_int_equal(transition_targets(KIND_ESF, ST_INSKICKAD, out), 2);
	assert_int_equal(out[0], ST_BEVILJAD);
	assert_int_equal(out[1], ST_AVSLAG);
	assert_int_equal(transition_targets(KIND_ESF, ST_ANSOKAN, out), 2);
	assert_int_equal(transition_targets(KIND_ESF, ST_AVSLUTAD, out), 0);
	assert_int_equal(transition_targets(KIND_ESF, ST_ANSVARSFORDELNING,
			     out),
	    0);
	assert_int_equal(transition_targets(KIND_FINSAM, ST_ANSVARSFORDELNING,
			     out),
	    3);
	assert_int_equal(out[0], ST_BEVILJAD);
	assert_int_equal(out[1], ST_AVSLAG);
	assert_int_equal(out[2], ST_AVBRUTEN);
	assert_int_equal(transition_targets(KIND_FINSAM, ST_UTFORMNING, out),
	    2);
	assert_int_equal(out[0], ST_ANSVARSFORDELNING);
	assert_int_equal(transition_targets(KIND_FINSAM, ST_OVERENS, out), 0);
	assert_int_equal(transition_targets(KIND_FINSAM, ST_AVSLUTAD, out), 0);
}

/* Every state of each machine is reachable from identifierad. */
static void
test_machines_connected(void **state)
{
	const enum kind kinds[2] = { KIND_ESF, KIND_FINSAM };
	/* ESF+: all but ansvarsfordelning; Finsam: 8 states. */
	const size_t expect[2] = { ST__COUNT - 1, 8 };

	(void)state;
	for (int k = 0; k < 2; k++) {
		bool seen[ST__COUNT] = { false };
		enum state queue[ST__COUNT], out[ST__COUNT];
		size_t qn = 0, qi = 0, nseen = 1;

		seen[ST_IDENTIFIERAD] = true;
		queue[qn++] = ST_IDENTIFIERAD;
		while (qi < qn) {
			size_t n =
			    transition_targets(kinds[k], queue[qi++], out);

			for (size_t i = 0; i < n; i++) {
				if (!seen[out[i]]) {
					seen[out[i]] = true;
					queue[qn++] = out[i];
					nseen++;
				}
			}
		}
		assert_int_equal(nseen, expect[k]);
	}
}

static void
test_state_predicates(void **state)
{
	(void)state;
	assert_true(state_inside_beredning(KIND_ESF, ST_IDENTIFIERAD));
	assert_true(state_inside_beredning(KIND_ESF, ST_UTFORMNING));
	assert_true(state_inside_beredning(KIND_ESF, ST_OVERENS));
	assert_false(state_inside_beredning(KIND_ESF, ST_ANSOKAN));
	assert_false(state_inside_beredning(KIND_ESF, ST_UTANFOR_RUTINEN));
	assert_true(state_inside_beredning(KIND_FINSAM, ST_ANSVARSFORDELNING));
	assert_false(state_inside_beredning(KIND_FINSAM, ST_BEVILJAD));
	assert_true(state_is_final(ST_AVSLUTAD));
	assert_true(state_is_final(ST_AVBRUTEN));
	assert_true(state_is_final(ST_UTANFOR_RUTINEN));
	assert_true(state_is_final(ST_AVSLAG));
	assert_false(state_is_final(ST_BEVILJAD));
	assert_false(state_is_final(ST_SLUTRAPPORTERAD));
	assert_int_equal(state_process_step(KIND_ESF, ST_IDENTIFIERAD), 1);
	assert_int_equal(state_process_step(KIND_ESF, ST_OVERENS), 3);
	assert_int_equal(state_process_step(KIND_ESF, ST_PARTSBESLUT), 5);
	assert_int_equal(state_process_step(KIND_ESF, ST_INSKICKAD), 6);
	assert_int_equal(state_process_step(KIND_ESF, ST_AVSLAG), 7);
	assert_int_equal(state_process_step(KIND_ESF, ST_GENOMFORANDE), 8);
	assert_int_equal(state_process_step(KIND_ESF, ST_AVSLUTAD), 9);
	assert_int_equal(state_process_step(KIND_ESF, ST_AVBRUTEN), 0);
	assert_int_equal(state_process_step(KIND_ESF, ST_ANSVARSFORDELNING), 0);
	assert_int_equal(state_process_step(KIND_FINSAM, ST_ANSVARSFORDELNING),
	    3);
	assert_int_equal(state_process_step(KIND_FINSAM, ST_BEVILJAD), 4);
	assert_int_equal(state_process_step(KIND_FINSAM, ST_AVSLUTAD), 6);
	assert_int_equal(state_process_step(KIND_FINSAM, ST_OVERENS), 0);
	assert_int_equal(state_process_step(KIND_ESF, ST__COUNT), 0);
}

static void
test_config_default(void **state)
{
	struct esf_config c;

	(void)state;
	esf_config_default(&c);
	assert_string_equal(c.calls_until, "2027-12-31");
	assert_string_equal(c.activity_until, "2029-12-31");
	assert_string_equal(c.period_start, "2021-01-01");
}

/* Names a table-driven test after its move: "esf overens->ansokan #2". */
static void
name_move(char *dst, size_t cap, const char *what, const struct mv *m, size_t i)
{
	snprintf(dst, cap, "%s %s %s->%s #%zu", what, kind_code(m->kind),
	    state_code(m->from), state_code(m->to), i);
}

#define NALLOWED (sizeof(allowed) / sizeof(allowed[0]))
#define NREFUSED (sizeof(refused) / sizeof(refused[0]))

int
main(void)
{
	static char names[NALLOWED + NREFUSED][80];
	static struct CMUnitTest moves[NALLOWED + NREFUSED];
	const struct CMUnitTest single[] = {
		cmocka_unit_test(test_multiple_failures_reported_together),
		cmocka_unit_test(test_fk_owner_every_rule_reported),
		cmocka_unit_test(test_checklist_of_passing_guards),
		cmocka_unit_test(test_no_edge_single_entry),
		cmocka_unit_test(test_r1_board_decision_on_esf),
		cmocka_unit_test(test_null_ctx),
		cmocka_unit_test(test_reason_annat_with_text),
		cmocka_unit_test(test_r6_external_cofinancer),
		cmocka_unit_test(test_r8_bounds_inclusive),
		cmocka_unit_test(test_only_participating_rows_count),
		cmocka_unit_test(test_no_participants),
		cmocka_unit_test(test_r4_all_hold),
		cmocka_unit_test(test_r4_other_party_kan),
		cmocka_unit_test(test_r4_fk_own_kan_ignored),
		cmocka_unit_test(test_r4_nonparticipant_kan_ignored),
		cmocka_unit_test(test_r4_not_every_party_cofinances),
		cmocka_unit_test(test_r4_other_malgrupp),
		cmocka_unit_test(test_r4_external_cofinancer),
		cmocka_unit_test(test_r4_fk_not_deltar),
		cmocka_unit_test(test_r4_today_after_period),
		cmocka_unit_test(test_r4_today_before_period),
		cmocka_unit_test(test_r4_today_unknown),
		cmocka_unit_test(test_r4_project_ends_after_period),
		cmocka_unit_test(test_r4_project_starts_before_period),
		cmocka_unit_test(test_r4_period_from_config),
		cmocka_unit_test(test_party_row_check),
		cmocka_unit_test(test_rule_list_overflow_keeps_failures),
		cmocka_unit_test(test_transition_targets),
		cmocka_unit_test(test_machines_connected),
		cmocka_unit_test(test_state_predicates),
		cmocka_unit_test(test_config_default),
	};
	size_t n = 0;
	int rc;

	for (size_t i = 0; i < NALLOWED; i++, n++) {
		name_move(names[n], sizeof(names[n]), "allowed", &allowed[i],
		    i);
		moves[n] = (struct CMUnitTest){ names[n], allowed_move, NULL,
			NULL, (void *)&allowed[i] };
	}
	for (size_t i = 0; i < NREFUSED; i++, n++) {
		name_move(names[n], sizeof(names[n]), "refused", &refused[i],
		    i);
		moves[n] = (struct CMUnitTest){ names[n], refused_move, NULL,
			NULL, (void *)&refused[i] };
	}
	rc = _cmocka_run_group_tests("rules_moves", moves, n, NULL, NULL);
	rc |= cmocka_run_group_tests_name("rules", single, NULL, NULL);
	return rc;
}
