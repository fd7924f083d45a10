/*
 * test_rules_dates.c - src/domain/rules_dates.c: dates that cannot be
 * true (each date after the one it follows, nothing done in the future),
 * R8 at the link and at a back-dated submission, each party field only
 * from its step, participation and co-financing fixed after overens (R2).
 * Every failure names its field as data; every check passes on a case
 * whose dates are right.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "case_fixture.h"
#include "domain/rules.h"

static struct arende A;
static struct rule_list L;

#define TODAY "2026-06-01"

/* A case with every date right as of TODAY. */
static void
dated(enum kind k, enum state s)
{
	fx_case(&A, k, s);
	SET(A.identified_on, "2025-01-10");
	SET(A.submitted_on, "2025-05-01");
	SET(A.decision_on, "2025-09-01");
	SET(A.project_start, "2025-10-01");
	SET(A.project_end, "2026-03-31");
	SET(A.final_report_on, "2026-04-30");
	SET(A.overenskommelse_on, "2025-09-15");
	rule_list_init(&L);
}

/* True if a failure of rule names field and has needle in its message. */
static bool
fails(const char *rule, const char *field, const char *needle)
{
	for (size_t i = 0; i < L.n; i++) {
		if (!L.r[i].ok && strcmp(L.r[i].rule, rule) == 0 &&
		    strcmp(L.r[i].field, field) == 0 &&
		    strstr(L.r[i].message, needle) != NULL) {
			return true;
		}
	}
	return false;
}

static void
test_right_dates_pass(void **state)
{
	struct utlysning call = { 0 };

	(void)state;
	SET(call.opens, "2025-01-15");
	SET(call.closes, "2025-06-30");
	dated(KIND_ESF, ST_SLUTRAPPORTERAD);
	assert_int_equal(case_dates_check(&A, &call, TODAY, &L), 0);
	assert_int_equal(case_party_dates_check(&A, TODAY, &L), 0);
	assert_int_equal(call_link_check(&call, "2025-06-30", &L), 0);
}

static void
test_future_and_order(void **state)
{
	(void)state;
	dated(KIND_ESF, ST_SLUTRAPPORTERAD);
	SET(A.final_report_on, "2026-06-02");
	SET(A.submitted_on, "2024-12-31");
	SET(A.decision_on, "2024-12-30");
	SET(A.project_end, "2025-10-01");
	assert_int_equal(case_dates_check(&A, NULL, TODAY, &L), 5);
	assert_true(fails("G", "final_report_on", "2026-06-02"));
	assert_true(fails("G", "submitted_on", "2025-01-10"));
	assert_true(fails("G", "decision_on", "2024-12-31"));
	assert_true(fails("G", "decision_on", "2025-01-10"));
	/* start < end, strictly. */
	assert_true(fails("G", "project_end", "2025-10-01"));
}

static void
test_backdated_submission_and_closed_link(void **state)
{
	struct utlysning call = { 0 };

	(void)state;
	SET(call.title, "Stängd");
	SET(call.opens, "2025-01-15");
	SET(call.closes, "2025-03-31");
	dated(KIND_ESF, ST_PARTSBESLUT);
	/* R8: after the call closed, and before it opened. */
	assert_int_equal(case_dates_check(&A, &call, TODAY, &L), 1);
	assert_true(fails("R8", "submitted_on", "2025-03-31"));
	rule_list_init(&L);
	SET(A.submitted_on, "2025-01-12");
	assert_int_equal(case_dates_check(&A, &call, TODAY, &L), 1);
	assert_true(fails("G", "submitted_on", "2025-01-15"));
	/* R8 at the link: a closed call is never linked. */
	rule_list_init(&L);
	assert_int_equal(call_link_check(&call, "2025-04-01", &L), 1);
	assert_true(fails("R8", "call_id", "2025-03-31"));
	rule_list_init(&L);
	assert_int_equal(call_link_check(&call, "2025-03-31", &L), 0);
}

static void
test_forankring_dates(void **state)
{
	(void)state;
	dated(KIND_ESF, ST_UTFORMNING);
	SET(arende_party_mut(&A, P_AF)->forankrad, "2026-06-02");
	SET(arende_party_mut(&A, P_KOM)->forankrad, "2025-01-09");
	assert_int_equal(case_party_dates_check(&A, TODAY, &L), 2);
	assert_true(fails("G", "forankrad", "Arbetsförmedlingen"));
	assert_true(fails("G", "forankrad", "2025-01-10"));
}

/* An edit of P_KOM's row on A: stored as it is, row changed by f. */
static size_t
edit(void (*f)(struct party_row *))
{
	struct party_row row = *arende_party(&A, P_KOM);

	f(&row);
	rule_list_init(&L);
	return party_change_check(&A, arende_party(&A, P_KOM), &row, TODAY, &L);
}

static void
set_beslut_nej(struct party_row *r)
{
	r->beslut = BESLUT_NEJ;
}

static void
set_mandat_false(struct party_row *r)
{
	r->mandat = false;
}

static void
set_forankrad_new(struct party_row *r)
{
	SET(r->forankrad, "2026-05-01");
}

static void
set_forankrad_future(struct party_row *r)
{
	SET(r->forankrad, "2026-06-02");
}

static void
drop_out(struct party_row *r)
{
	r->deltar = false;
	r->medfinansiar = false;
}

static void
test_party_fields_in_their_step(void **state)
{
	(void)state;
	/* Step 5 only: the formal decision. */
	dated(KIND_ESF, ST_UTFORMNING);
	assert_int_equal(edit(set_beslut_nej), 1);
	assert_true(fails("G", "beslut", "Parternas beslut"));
	dated(KIND_ESF, ST_PARTSBESLUT);
	assert_int_equal(edit(set_beslut_nej), 0);
	/* Steps 2-3: mandate and ownership examination. */
	dated(KIND_ESF, ST_IDENTIFIERAD);
	assert_int_equal(edit(set_mandat_false), 1);
	dated(KIND_ESF, ST_OVERENS);
	assert_int_equal(edit(set_mandat_false), 0);
	dated(KIND_ESF, ST_ANSOKAN);
	assert_int_equal(edit(set_mandat_false), 1);
	/* Förankring from step 2, never in the future. */
	dated(KIND_ESF, ST_IDENTIFIERAD);
	assert_int_equal(edit(set_forankrad_new), 1);
	assert_true(fails("G", "forankrad", "Utformning"));
	dated(KIND_ESF, ST_UTFORMNING);
	assert_int_equal(edit(set_forankrad_new), 0);
	assert_int_equal(edit(set_forankrad_future), 1);
	assert_true(fails("G", "forankrad", "i framtiden"));
}

static void
test_participation_fixed_after_overens(void **state)
{
	(void)state;
	dated(KIND_ESF, ST_OVERENS);
	assert_int_equal(edit(drop_out), 0);
	dated(KIND_ESF, ST_ANSOKAN);
	assert_int_equal(edit(drop_out), 2);
	assert_true(fails("R2", "deltar", "Ansökan"));
	assert_true(fails("R2", "medfinansiar", "Ansökan"));
	assert_int_equal(edit(set_forankrad_new), 1);
	assert_true(fails("R2", "forankrad", "grund"));
	/* Finsam: fixed once the board has decided. */
	dated(KIND_FINSAM, ST_ANSVARSFORDELNING);
	assert_int_equal(edit(drop_out), 0);
	dated(KIND_FINSAM, ST_BEVILJAD);
	assert_int_equal(edit(drop_out), 2);
}

/* The warning of a linked call: within 30 days, closed, or not at all. */
static void
test_call_warning(void **state)
{
	struct utlysning c = { .id = 7 };
	int64_t days;

	(void)state;
	dated(KIND_ESF, ST_ANSOKAN);
	A.call_id = 7;
	SET(c.closes, "2026-07-01");
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_SOON);
	assert_int_equal(days, 30);
	SET(c.closes, "2026-07-02");
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_NONE);
	SET(c.closes, "2026-05-31");
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_CLOSED);
	assert_int_equal(days, -1);
	SET(c.closes, "2026-06-01");
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_SOON);
	assert_int_equal(days, 0);
	/* Once sent, the closing date no longer matters. */
	A.state = ST_INSKICKAD;
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_NONE);
	/* Another call than the linked one warns of nothing. */
	A.state = ST_PARTSBESLUT;
	c.id = 8;
	assert_int_equal(call_warning(&A, &c, TODAY, &days), CALL_WARN_NONE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_right_dates_pass),
		cmocka_unit_test(test_future_and_order),
		cmocka_unit_test(test_backdated_submission_and_closed_link),
		cmocka_unit_test(test_forankring_dates),
		cmocka_unit_test(test_party_fields_in_their_step),
		cmocka_unit_test(test_participation_fixed_after_overens),
		cmocka_unit_test(test_call_warning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
