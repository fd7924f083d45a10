/*
 * test_followup.c - followup_count (src/domain/followup.c) against
 * API.md's "Follow-up counting rules": period bounds on identified_on,
 * applied/granted/refused, reasons, owners and co-financers among cases
 * that passed overens (also when later avbruten), time in state, Finsam.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/followup.h"

#define BIT(k) (1u << (k))

static struct followup_row
esf(const char *on, enum state s)
{
	struct followup_row r;

	memset(&r, 0, sizeof(r));
	r.case_id = 1;
	r.forbund_id = 1;
	r.kind = KIND_ESF;
	r.state = s;
	snprintf(r.identified_on, sizeof(r.identified_on), "%s", on);
	r.granted_amount = -1;
	r.applied_amount = -1;
	return r;
}

static struct followup_row
finsam(const char *on, enum state s, int64_t amount, int64_t part)
{
	struct followup_row r = esf(on, s);

	r.kind = KIND_FINSAM;
	r.granted_amount = amount;
	r.participants = part;
	return r;
}

/* A submitted case: it passed overens with owner and co-financers. */
static struct followup_row
esf_applied(const char *on, enum state s, enum party_kind owner, unsigned cof)
{
	struct followup_row r = esf(on, s);

	r.passed_overens = true;
	r.reached_inskickad = true;
	r.has_owner = true;
	r.owner_kind = owner;
	r.cofinancer_kinds = cof;
	return r;
}

static void
test_empty(void **state)
{
	struct followup f;

	(void)state;
	memset(&f, 0x7f, sizeof(f));
	followup_count(NULL, 0, "", "", &f);
	assert_int_equal(f.esf.identified, 0);
	assert_int_equal(f.esf.owners[PK_FK], 0);
	assert_int_equal(f.esf.days_total[ST_AVSLUTAD], 0);
	assert_int_equal(f.finsam.granted_amount, 0);
}

static void
test_esf_outcomes(void **state)
{
	struct followup_row rows[10];
	struct followup f;

	(void)state;
	rows[0] = esf("2025-01-01", ST_IDENTIFIERAD);
	rows[1] = esf("2025-01-02", ST_OVERENS);
	rows[2] = esf_applied("2025-01-03", ST_INSKICKAD, PK_KOMMUN, 0);
	rows[3] = esf_applied("2025-01-04", ST_BEVILJAD, PK_KOMMUN, 0);
	rows[4] = esf_applied("2025-01-05", ST_GENOMFORANDE, PK_REGION, 0);
	rows[5] = esf_applied("2025-01-06", ST_SLUTRAPPORTERAD, PK_AF, 0);
	rows[6] = esf_applied("2025-01-07", ST_AVSLUTAD, PK_FK, 0);
	rows[7] = esf_applied("2025-01-08", ST_AVSLAG, PK_KOMMUN, 0);
	rows[8] = esf("2025-01-09", ST_UTANFOR_RUTINEN);
	rows[9] = esf("2025-01-10", ST_AVBRUTEN);
	rows[9].reason = REASON_EJ_OVERENS;
	followup_count(rows, 10, NULL, NULL, &f);
	assert_int_equal(f.esf.identified, 10);
	assert_int_equal(f.esf.applied, 6);
	/* avslutad comes only after a grant and a final report */
	assert_int_equal(f.esf.granted, 4);
	assert_int_equal(f.esf.refused, 1);
	assert_int_equal(f.esf.outside_routine, 1);
	assert_int_equal(f.esf.no_application, 1);
	assert_int_equal(f.esf.reasons[REASON_EJ_OVERENS], 1);
	assert_int_equal(f.esf.reasons[REASON_NONE], 0);
	assert_int_equal(f.esf.owners[PK_KOMMUN], 3);
	assert_int_equal(f.esf.owners[PK_REGION], 1);
	assert_int_equal(f.esf.owners[PK_AF], 1);
	assert_int_equal(f.esf.owners[PK_FK], 1);
	assert_int_equal(f.esf.fk_fallback_owner, 1);
	assert_int_equal(f.finsam.identified, 0);
}

/* A case that passed overens and was then avbruten still counts. */
static void
test_passed_overens_then_avbruten(void **state)
{
	struct followup_row rows[3];
	struct followup f;

	(void)state;
	rows[0] = esf("2025-03-01", ST_AVBRUTEN);
	rows[0].passed_overens = true;
	rows[0].has_owner = true;
	rows[0].owner_kind = PK_FK;
	rows[0].cofinancer_kinds = BIT(PK_KOMMUN) | BIT(PK_REGION);
	rows[0].reason = REASON_MEDFINANSIERING_SAKNAS;
	/* Avbruten before overens: an owner in the data does not count. */
	rows[1] = esf("2025-03-02", ST_AVBRUTEN);
	rows[1].has_owner = true;
	rows[1].owner_kind = PK_AF;
	rows[1].cofinancer_kinds = BIT(PK_AF);
	rows[1].reason = REASON_INGEN_UTLYSNING;
	/* In ansokan now: passed overens even if the flag is missing. */
	rows[2] = esf("2025-03-03", ST_ANSOKAN);
	rows[2].has_owner = true;
	rows[2].owner_kind = PK_REGION;
	rows[2].cofinancer_kinds = BIT(PK_FK) | BIT(PK_REGION);
	followup_count(rows, 3, "", "", &f);
	assert_int_equal(f.esf.identified, 3);
	assert_int_equal(f.esf.applied, 0);
	assert_int_equal(f.esf.no_application, 2);
	assert_int_equal(f.esf.reasons[REASON_MEDFINANSIERING_SAKNAS], 1);
	assert_int_equal(f.esf.reasons[REASON_INGEN_UTLYSNING], 1);
	assert_int_equal(f.esf.owners[PK_FK], 1);
	assert_int_equal(f.esf.owners[PK_AF], 0);
	assert_int_equal(f.esf.owners[PK_REGION], 1);
	assert_int_equal(f.esf.fk_fallback_owner, 1);
	assert_int_equal(f.esf.cofinancers[PK_KOMMUN], 1);
	assert_int_equal(f.esf.cofinancers[PK_REGION], 2);
	assert_int_equal(f.esf.cofinancers[PK_FK], 1);
	assert_int_equal(f.esf.cofinancers[PK_AF], 0);
}

/* Applied is also taken from the history flag, not only the state. */
static void
test_applied_from_history_flag(void **state)
{
	struct followup_row r = esf("2025-04-01", ST_PARTSBESLUT);
	struct followup f;

	(void)state;
	r.reached_inskickad = true;
	followup_count(&r, 1, "", "", &f);
	assert_int_equal(f.esf.applied, 1);
	assert_int_equal(f.esf.granted, 0);
}

static void
test_period_bounds(void **state)
{
	struct followup_row rows[5];
	struct followup f;

	(void)state;
	rows[0] = esf("2024-12-31", ST_IDENTIFIERAD);
	rows[1] = esf("2025-01-01", ST_IDENTIFIERAD);
	rows[2] = esf("2025-06-30", ST_IDENTIFIERAD);
	rows[3] = esf("2025-12-31", ST_IDENTIFIERAD);
	rows[4] = esf("2026-01-01", ST_IDENTIFIERAD);
	followup_count(rows, 5, "2025-01-01", "2025-12-31", &f);
	assert_int_equal(f.esf.identified, 3); /* both bounds inclusive */
	followup_count(rows, 5, "2025-06-30", "", &f);
	assert_int_equal(f.esf.identified, 3);
	followup_count(rows, 5, "", "2025-01-01", &f);
	assert_int_equal(f.esf.identified, 2);
	followup_count(rows, 5, NULL, "2024-12-31", &f);
	assert_int_equal(f.esf.identified, 1);
	followup_count(rows, 5, "2026-01-02", NULL, &f);
	assert_int_equal(f.esf.identified, 0);
	followup_count(rows, 5, "", "", &f);
	assert_int_equal(f.esf.identified, 5);
}

/* A case counts in the period it was identified, also its grant. */
static void
test_grant_counts_in_identification_period(void **state)
{
	struct followup_row rows[2];
	struct followup f;

	(void)state;
	rows[0] =
	    esf_applied("2024-11-01", ST_BEVILJAD, PK_KOMMUN, BIT(PK_KOMMUN));
	rows[1] = esf("2025-02-01", ST_UTFORMNING);
	followup_count(rows, 2, "2025-01-01", "2025-12-31", &f);
	assert_int_equal(f.esf.identified, 1);
	assert_int_equal(f.esf.granted, 0);
	assert_int_equal(f.esf.owners[PK_KOMMUN], 0);
	followup_count(rows, 2, "2024-01-01", "2024-12-31", &f);
	assert_int_equal(f.esf.granted, 1);
	assert_int_equal(f.esf.cofinancers[PK_KOMMUN], 1);
}

/* A row without identified_on counts only in an unbounded period. */
static void
test_missing_identified_on(void **state)
{
	struct followup_row r = esf("", ST_IDENTIFIERAD);
	struct followup f;

	(void)state;
	followup_count(&r, 1, "", "", &f);
	assert_int_equal(f.esf.identified, 1);
	followup_count(&r, 1, "", "2025-12-31", &f);
	assert_int_equal(f.esf.identified, 0);
	followup_count(&r, 1, "2025-01-01", "", &f);
	assert_int_equal(f.esf.identified, 0);
}

static void
test_days_in_state(void **state)
{
	/* As the store hands them over: by state, then days. */
	static const struct days_bin b[] = {
		{ ST_IDENTIFIERAD, 0, 3 }, /* no whole day: not counted */
		{ ST_IDENTIFIERAD, 4, 1 },
		{ ST_IDENTIFIERAD, 10, 1 }, /* 4, 10, 10, 10, 100 */
		{ ST_IDENTIFIERAD, 10, 2 },
		{ ST_IDENTIFIERAD, 100, 1 },
		{ ST_UTFORMNING, 30, 1 },
	};
	struct followup f;

	(void)state;
	memset(&f, 0, sizeof(f));
	followup_days(b, sizeof(b) / sizeof(b[0]), &f);
	assert_int_equal(f.esf.days_total[ST_IDENTIFIERAD], 134);
	assert_int_equal(f.esf.days_cases[ST_IDENTIFIERAD], 5);
	/* Nearest rank: the 3rd of 5 and the 5th of 5. */
	assert_int_equal(f.esf.days_median[ST_IDENTIFIERAD], 10);
	assert_int_equal(f.esf.days_p90[ST_IDENTIFIERAD], 100);
	assert_int_equal(f.esf.days_total[ST_UTFORMNING], 30);
	assert_int_equal(f.esf.days_cases[ST_UTFORMNING], 1);
	assert_int_equal(f.esf.days_median[ST_UTFORMNING], 30);
	assert_int_equal(f.esf.days_p90[ST_UTFORMNING], 30);
	assert_int_equal(f.esf.days_cases[ST_OVERENS], 0);
}

/* A row standing for n cases counts n times, its sums once. */
static void
test_weighted_rows(void **state)
{
	struct followup_row rows[3];
	struct followup f;

	(void)state;
	rows[2] = esf("2025-01-03", ST_GENOMFORANDE);
	rows[2].n = 2;
	rows[2].granted_amount = 7000000; /* the group's sum */
	rows[0] = esf("2025-01-01", ST_AVBRUTEN);
	rows[0].n = 7;
	rows[0].reason = REASON_ANNAT;
	rows[1] = finsam("2025-01-02", ST_BEVILJAD, 300000, 0);
	rows[1].n = 3;
	followup_count(rows, 3, "", "", &f);
	assert_int_equal(f.esf.identified, 9);
	assert_int_equal(f.esf.granted, 2);
	assert_int_equal(f.esf.granted_amount, 7000000);
	assert_int_equal(f.esf.no_application, 7);
	assert_int_equal(f.esf.reasons[REASON_ANNAT], 7);
	assert_int_equal(f.finsam.identified, 3);
	assert_int_equal(f.finsam.granted, 3);
	assert_int_equal(f.finsam.granted_amount, 300000);
}

/*
 * The money applied for counts with the applications (inskickad or
 * later, also when refused), never for an idea that was not sent.
 */
static void
test_applied_money(void **state)
{
	struct followup_row rows[5];
	struct followup f;

	(void)state;
	rows[0] = esf_applied("2025-02-01", ST_INSKICKAD, PK_AF, 0);
	rows[0].applied_amount = 2000000;
	rows[1] = esf_applied("2025-02-02", ST_AVSLAG, PK_KOMMUN, 0);
	rows[1].applied_amount = 1500000;
	rows[2] = esf_applied("2025-02-03", ST_GENOMFORANDE, PK_FK, 0);
	rows[2].applied_amount = 3000000;
	rows[2].granted_amount = 2600000;
	rows[3] = esf("2025-02-04", ST_PARTSBESLUT);
	rows[3].applied_amount = 900000; /* a draft, not applied for */
	rows[4] = esf_applied("2024-12-31", ST_INSKICKAD, PK_AF, 0);
	rows[4].applied_amount = 700000; /* before the period */
	followup_count(rows, 5, "2025-01-01", "2025-12-31", &f);
	assert_int_equal(f.esf.applied, 3);
	assert_int_equal(f.esf.applied_amount, 6500000);
	assert_int_equal(f.esf.granted_amount, 2600000);
}

static void
test_finsam(void **state)
{
	struct followup_row rows[6];
	struct followup f;

	(void)state;
	rows[0] = finsam("2025-01-01", ST_BEVILJAD, 500000, 0);
	rows[1] = finsam("2025-01-02", ST_GENOMFORANDE, 250000, 40);
	rows[2] = finsam("2025-01-03", ST_AVSLUTAD, 1000, 12);
	rows[3] = finsam("2025-01-04", ST_AVSLAG, -1, 0);
	rows[4] = finsam("2025-01-05", ST_ANSVARSFORDELNING, -1, 0);
	rows[5] = finsam("2024-01-05", ST_BEVILJAD, 9999, 5);
	followup_count(rows, 6, "2025-01-01", "2025-12-31", &f);
	assert_int_equal(f.finsam.identified, 5);
	assert_int_equal(f.finsam.granted, 3);
	assert_int_equal(f.finsam.granted_amount, 751000);
	assert_int_equal(f.finsam.participants, 52);
	assert_int_equal(f.esf.identified, 0);
	assert_int_equal(f.esf.granted, 0);
}

/* Out-of-range values from a damaged row are not counted. */
static void
test_out_of_range_values(void **state)
{
	struct followup_row r = esf("2025-01-01", ST_AVBRUTEN);
	struct followup f;

	(void)state;
	r.reason = (enum reason)99;
	r.passed_overens = true;
	r.has_owner = true;
	r.owner_kind = (enum party_kind)17;
	r.cofinancer_kinds = 0xffffffffu;
	followup_count(&r, 1, "", "", &f);
	assert_int_equal(f.esf.no_application, 1);
	assert_int_equal(f.esf.fk_fallback_owner, 0);
	for (int k = 0; k < PK__COUNT; k++) {
		assert_int_equal(f.esf.owners[k], 0);
		assert_int_equal(f.esf.cofinancers[k], 1);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_esf_outcomes),
		cmocka_unit_test(test_passed_overens_then_avbruten),
		cmocka_unit_test(test_applied_from_history_flag),
		cmocka_unit_test(test_period_bounds),
		cmocka_unit_test(test_grant_counts_in_identification_period),
		cmocka_unit_test(test_missing_identified_on),
		cmocka_unit_test(test_days_in_state),
		cmocka_unit_test(test_weighted_rows),
		cmocka_unit_test(test_applied_money),
		cmocka_unit_test(test_finsam),
		cmocka_unit_test(test_out_of_range_values),
	};

	return cmocka_run_group_tests_name("followup", tests, NULL, NULL);
}
