/*
 * test_finsam.c - unit tests of the Finsam budget frame (DOMAIN.md 2, R9):
 * which party binds the frame, several kommuner with unequal shares,
 * largest-remainder rounding that adds up exactly to T, zero offers,
 * refused input (bad shares, missing offers, negative amounts, an AF
 * offer) and a Gotland-like förbund with a single kommun.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/finsam.h"

#define FK_ID 1
#define AF_ID 2
#define K_ID  10 /* kommuner 10, 11, ... */
#define R_ID  20 /* regioner 20, 21, ... */

/* A förbund with FK, AF, nk kommuner and nr regioner. */
static void
mk_forbund(struct forbund *fb, size_t nk, size_t nr)
{
	size_t i;

	memset(fb, 0, sizeof(*fb));
	fb->id = 7;
	fb->parties[fb->nparties++] =
	    (struct party){ FK_ID, 7, PK_FK, "", "Försäkringskassan" };
	fb->parties[fb->nparties++] =
	    (struct party){ AF_ID, 7, PK_AF, "", "Arbetsförmedlingen" };
	for (i = 0; i < nk; i++) {
		struct party *p = &fb->parties[fb->nparties++];

		*p = (struct party){ K_ID + (int64_t)i, 7, PK_KOMMUN, "0180",
			"Kommun" };
		p->name[6] = (char)('A' + i);
		p->name[7] = '\0';
	}
	for (i = 0; i < nr; i++) {
		fb->parties[fb->nparties++] = (struct party){ R_ID + (int64_t)i,
			7, PK_REGION, "01", "Region" };
	}
}

static void
add(struct budget *b, int64_t id, enum party_kind k, int64_t amount,
    int64_t share)
{
	struct budget_offer *o = &b->o[b->n++];

	memset(o, 0, sizeof(*o));
	o->party_id = id;
	o->kind = k;
	o->amount = amount;
	o->share_ppm = share;
}

static int64_t
sum_pays(const struct budget *b)
{
	int64_t s = 0;
	size_t i;

	for (i = 0; i < b->n; i++) {
		s += b->o[i].pays;
	}
	return s;
}

/*
 * True if rl has a failing entry of rule R9 whose "field: message"
 * starts with prefix (the field is data of the entry, never its text).
 */
static bool
has_failure(const struct rule_list *rl, const char *prefix)
{
	char both[1024];
	size_t i;

	for (i = 0; i < rl->n; i++) {
		if (rl->r[i].ok || strcmp(rl->r[i].rule, "R9") != 0) {
			continue;
		}
		assert_null(strstr(rl->r[i].message, "offers"));
		snprintf(both, sizeof(both), "%s: %s", rl->r[i].field,
		    rl->r[i].message);
		if (strncmp(both, prefix, strlen(prefix)) == 0) {
			return true;
		}
	}
	return false;
}

static size_t
check(const struct budget *b, const struct forbund *fb, struct rule_list *rl)
{
	rule_list_init(rl);
	return budget_check(b, fb, rl);
}

static void
test_binding_party(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 1, 1);
	add(&b, FK_ID, PK_FK, 1000000, 0);
	add(&b, K_ID, PK_KOMMUN, 600000, SHARE_ONE);
	add(&b, R_ID, PK_REGION, 250000, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	/* T = min(2*1 000 000, 4*600 000, 4*250 000): the region binds. */
	assert_int_equal(b.frame, 1000000);
	assert_int_equal(b.o[0].limit, 2000000);
	assert_int_equal(b.o[1].limit, 2400000);
	assert_int_equal(b.o[2].limit, 1000000);
	assert_false(b.o[0].binding);
	assert_false(b.o[1].binding);
	assert_true(b.o[2].binding);
	assert_int_equal(b.o[0].pays, 500000);
	assert_int_equal(b.o[1].pays, 250000);
	assert_int_equal(b.o[2].pays, 250000);

	/* The state binds when it offers least. */
	b.o[0].amount = 300000;
	budget_compute(&b);
	assert_int_equal(b.frame, 600000);
	assert_true(b.o[0].binding);
	assert_false(b.o[2].binding);
	assert_int_equal(b.o[0].pays, 300000);
	assert_int_equal(b.o[2].pays, 150000);
}

static void
test_unequal_kommun_shares(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 3, 1);
	add(&b, FK_ID, PK_FK, 2000000, 0);
	add(&b, K_ID, PK_KOMMUN, 100000, 500000);    /* 50 %: limit 800 000 */
	add(&b, K_ID + 1, PK_KOMMUN, 90000, 300000); /* 30 %: 1 200 000 */
	add(&b, K_ID + 2, PK_KOMMUN, 20000, 200000); /* 20 %: 400 000 */
	add(&b, R_ID, PK_REGION, 500000, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 400000);
	assert_int_equal(b.o[1].limit, 800000);
	assert_int_equal(b.o[2].limit, 1200000);
	assert_int_equal(b.o[3].limit, 400000);
	assert_true(b.o[3].binding);
	assert_false(b.o[1].binding);
	assert_int_equal(b.o[0].pays, 200000);
	assert_int_equal(b.o[1].pays, 50000);
	assert_int_equal(b.o[2].pays, 30000);
	assert_int_equal(b.o[3].pays, 20000);
	assert_int_equal(b.o[4].pays, 100000);
	assert_int_equal(sum_pays(&b), b.frame);
	/* Nobody pays more than it offered. */
	assert_true(b.o[3].pays <= b.o[3].amount);
}

static void
test_rounding_adds_up(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 3, 1);
	add(&b, FK_ID, PK_FK, 500001, 0);
	add(&b, K_ID, PK_KOMMUN, 10000000, 333334);
	add(&b, K_ID + 1, PK_KOMMUN, 10000000, 333333);
	add(&b, K_ID + 2, PK_KOMMUN, 10000000, 333333);
	add(&b, R_ID, PK_REGION, 10000000, SHARE_ONE);
	budget_prepare_shares(&b); /* a registered split stays as given */
	assert_int_equal(b.o[1].share_ppm, 333334);
	assert_int_equal(b.o[2].share_ppm, 333333);
	assert_int_equal(b.o[3].share_ppm, 333333);
	assert_int_equal(b.o[4].share_ppm, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 1000002);
	assert_true(b.o[0].binding);
	/*
	 * Exact: FK 500 001, each group 250 000,5: the kommuner's part
	 * rounds up (the first of the tie), 250 001 = 83 334 + 83 334 +
	 * 83 333 by their shares; the region 250 000.
	 */
	assert_int_equal(b.o[0].pays, 500001);
	assert_int_equal(b.o[1].pays, 83334);
	assert_int_equal(b.o[2].pays, 83334);
	assert_int_equal(b.o[3].pays, 83333);
	assert_int_equal(b.o[4].pays, 250000);
	assert_int_equal(sum_pays(&b), b.frame);
}

static void
test_split_largest_remainder(void **state)
{
	int64_t w3[3] = { 1, 1, 1 }, out[7], sum = 0;
	int64_t w7[7] = { 3, 1, 4, 1, 5, 9, 2 };
	int64_t w0[2] = { 0, 0 };
	size_t i;

	(void)state;
	split_largest_remainder(10, w3, 3, out);
	assert_int_equal(out[0], 4); /* tie: the lower index first */
	assert_int_equal(out[1], 3);
	assert_int_equal(out[2], 3);
	split_largest_remainder(1000003, w7, 7, out);
	for (i = 0; i < 7; i++) {
		sum += out[i];
	}
	assert_int_equal(sum, 1000003);
	split_largest_remainder(0, w3, 3, out);
	assert_int_equal(out[0] + out[1] + out[2], 0);
	out[0] = out[1] = 99;
	split_largest_remainder(5, w0, 2, out);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 0);

	budget_equal_shares(7, out);
	for (sum = 0, i = 0; i < 7; i++) {
		sum += out[i];
		assert_true(out[i] == 142857 || out[i] == 142858);
	}
	assert_int_equal(sum, SHARE_ONE);
}

static void
test_zero_offers(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;
	size_t i;

	(void)state;
	mk_forbund(&fb, 2, 1);
	add(&b, FK_ID, PK_FK, 0, 0);
	add(&b, K_ID, PK_KOMMUN, 0, 600000);
	add(&b, K_ID + 1, PK_KOMMUN, 0, 400000);
	add(&b, R_ID, PK_REGION, 0, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 0);
	for (i = 0; i < b.n; i++) {
		assert_int_equal(b.o[i].pays, 0);
		assert_true(b.o[i].binding);
	}
	/* One zero offer is enough to make the frame 0. */
	b.o[0].amount = 1000000;
	b.o[2].amount = 0;
	b.o[1].amount = 500000;
	b.o[3].amount = 500000;
	budget_compute(&b);
	assert_int_equal(b.frame, 0);
	assert_true(b.o[2].binding);
	assert_false(b.o[0].binding);
}

static void
test_bad_shares_refused(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 2, 1);
	add(&b, FK_ID, PK_FK, 100, 0);
	add(&b, K_ID, PK_KOMMUN, 100, 500000);
	add(&b, K_ID + 1, PK_KOMMUN, 100, 400000); /* sums to 0,9 */
	add(&b, R_ID, PK_REGION, 100, SHARE_ONE);
	budget_prepare_shares(&b); /* 0,1 off is no rounding slack */
	assert_int_equal(b.o[2].share_ppm, 400000);
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl,
	    "offers[2].share: Kommunernas andelar "
	    "summerar till 0,900000"));

	/* One share given, the other omitted: the omitted one is named. */
	b.o[2].share_ppm = 0;
	budget_prepare_shares(&b);
	assert_int_equal(b.o[2].share_ppm, 0);
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl, "offers[2].share:"));

	/* More than 1, negative, and a share for FK. */
	b.o[2].share_ppm = 400000;
	b.o[1].share_ppm = SHARE_ONE + 1;
	b.o[3].share_ppm = -5;
	b.o[0].share_ppm = 500000;
	assert_int_equal(check(&b, &fb, &rl), 3);
	assert_true(has_failure(&rl, "offers[1].share:"));
	assert_true(has_failure(&rl, "offers[3].share:"));
	assert_true(has_failure(&rl, "offers[0].share: Försäkringskassan"));
}

static void
test_share_rounding_slack(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 3, 2);
	add(&b, FK_ID, PK_FK, 100, 0);
	add(&b, K_ID, PK_KOMMUN, 100, 333333); /* 0.333333 x 3 */
	add(&b, K_ID + 1, PK_KOMMUN, 100, 333333);
	add(&b, R_ID, PK_REGION, 100, 500001);
	add(&b, K_ID + 2, PK_KOMMUN, 100, 333333);
	add(&b, R_ID + 1, PK_REGION, 100, 500001);
	budget_prepare_shares(&b);
	assert_int_equal(b.o[4].share_ppm, 333334); /* the last kommun */
	assert_int_equal(b.o[5].share_ppm, 499999); /* the last region */
	assert_int_equal(b.o[1].share_ppm, 333333);
	assert_int_equal(check(&b, &fb, &rl), 0);

	/* Slack beyond one ppm per member is not rounding: refused. */
	b.o[3].share_ppm = 500003;
	b.o[5].share_ppm = 500000;
	budget_prepare_shares(&b);
	assert_int_equal(b.o[5].share_ppm, 500000);
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl, "offers[5].share: Regionernas"));
}

static void
test_missing_and_negative(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 2, 1);
	add(&b, K_ID, PK_KOMMUN, -1, 500000);
	add(&b, K_ID + 1, PK_KOMMUN, 100, 500000);
	/* No FK, no region. */
	assert_int_equal(check(&b, &fb, &rl), 3);
	assert_true(has_failure(&rl, "offers[0].amount:"));
	assert_true(has_failure(&rl,
	    "offers: Bidrag saknas från "
	    "Försäkringskassan"));
	assert_true(has_failure(&rl, "offers: Bidrag saknas från Region"));

	/* A missing member kommun is named. */
	memset(&b, 0, sizeof(b));
	add(&b, FK_ID, PK_FK, 100, 0);
	add(&b, K_ID, PK_KOMMUN, 100, SHARE_ONE);
	add(&b, R_ID, PK_REGION, 100, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl, "offers: Bidrag saknas från KommunB"));

	/* An amount beyond what int64 arithmetic allows. */
	add(&b, K_ID + 1, PK_KOMMUN, BUDGET_AMOUNT_MAX + 1, 0);
	b.o[1].share_ppm = 500000;
	b.o[3].share_ppm = 500000;
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl, "offers[3].amount:"));
}

static void
test_af_and_unknown_refused(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 1, 1);
	add(&b, FK_ID, PK_FK, 100, 0);
	add(&b, AF_ID, PK_AF, 100, 0);
	add(&b, K_ID, PK_KOMMUN, 100, SHARE_ONE);
	add(&b, R_ID, PK_REGION, 100, SHARE_ONE);
	add(&b, 999, PK_KOMMUN, 100, SHARE_ONE);
	add(&b, K_ID, PK_KOMMUN, 100, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 3);
	assert_true(has_failure(&rl,
	    "offers[1].party_id: "
	    "Arbetsförmedlingen"));
	assert_true(has_failure(&rl, "offers[4].party_id: Parten 999"));
	assert_true(has_failure(&rl,
	    "offers[5].party_id: KommunA har "
	    "redan"));
	/* Wrong kind for a known party. */
	b.n = 3;
	b.o[1] = (struct budget_offer){ K_ID, PK_REGION, 100, SHARE_ONE, 0, 0,
		false };
	b.o[2] = (struct budget_offer){ R_ID, PK_REGION, 100, SHARE_ONE, 0, 0,
		false };
	assert_int_equal(check(&b, &fb, &rl), 1);
	assert_true(has_failure(&rl, "offers[1].party_id: Fel partstyp"));
}

static void
test_gotland_single_kommun(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	/* FK, AF and Region Gotland as kommun 0980 standing for both. */
	mk_forbund(&fb, 1, 0);
	add(&b, FK_ID, PK_FK, 1000000, 0);
	add(&b, K_ID, PK_KOMMUN, 400000, 0);
	budget_prepare_shares(&b);
	assert_int_equal(b.o[1].share_ppm, 0); /* no split: the group's sum */
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	/* T = min(2*1 000 000, 2*400 000): the kommun carries both quarters. */
	assert_int_equal(b.frame, 800000);
	assert_true(b.o[1].binding);
	assert_int_equal(b.o[0].pays, 400000);
	assert_int_equal(b.o[1].pays, 400000);

	/* Modelled as kommun 0980 plus region 09: the usual quarters. */
	mk_forbund(&fb, 1, 1);
	add(&b, R_ID, PK_REGION, 400000, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 1600000);
	assert_true(b.o[1].binding);
	assert_true(b.o[2].binding);
	assert_false(b.o[0].binding);
	assert_int_equal(b.o[0].pays, 800000);
	assert_int_equal(b.o[1].pays, 400000);
	assert_int_equal(b.o[2].pays, 400000);
}

static void
test_large_amounts(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 2, 1);
	add(&b, FK_ID, PK_FK, BUDGET_AMOUNT_MAX, 0);
	add(&b, K_ID, PK_KOMMUN, BUDGET_AMOUNT_MAX, 1);
	add(&b, K_ID + 1, PK_KOMMUN, BUDGET_AMOUNT_MAX, SHARE_ONE - 1);
	add(&b, R_ID, PK_REGION, BUDGET_AMOUNT_MAX, SHARE_ONE);
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 2 * BUDGET_AMOUNT_MAX);
	assert_true(b.o[0].binding);
	assert_int_equal(sum_pays(&b), b.frame);
	assert_int_equal(b.o[1].pays, 500000); /* 1 ppm of a quarter */
}

/* The lookups the web layer shares with the frame's arithmetic. */
static void
test_groups_and_lookups(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };

	(void)state;
	assert_int_equal(budget_groups(&b), 0);
	add(&b, FK_ID, PK_FK, 100, 0);
	add(&b, AF_ID, PK_AF, 0, 0);
	assert_int_equal(budget_groups(&b), 0);
	add(&b, K_ID, PK_KOMMUN, 100, SHARE_ONE);
	assert_int_equal(budget_groups(&b), 1);
	add(&b, R_ID, PK_REGION, 100, SHARE_ONE);
	assert_int_equal(budget_groups(&b), 2);
	assert_ptr_equal(budget_offer_of(&b, R_ID), &b.o[3]);
	assert_ptr_equal(budget_offer_of(&b, FK_ID), &b.o[0]);
	assert_null(budget_offer_of(&b, 999));

	mk_forbund(&fb, 2, 1);
	assert_ptr_equal(forbund_party(&fb, K_ID + 1), &fb.parties[3]);
	assert_string_equal(forbund_party(&fb, K_ID + 1)->name, "KommunB");
	assert_int_equal(forbund_party(&fb, R_ID)->kind, PK_REGION);
	assert_null(forbund_party(&fb, 999));
	assert_null(forbund_party(&fb, 0));
}

/*
 * DOMAIN.md 2: without a registered split the sums bind, T = min(2S, 4K,
 * 4R), and each member pays in proportion to its offer; the smallest
 * kommun does not set the frame (the example of issue 7).
 */
static void
test_no_split_uses_the_sums(void **state)
{
	struct forbund fb;
	struct budget b = { 0 };
	struct rule_list rl;

	(void)state;
	mk_forbund(&fb, 3, 1);
	add(&b, FK_ID, PK_FK, 2500000, 0);
	add(&b, K_ID, PK_KOMMUN, 1000000, 0);
	add(&b, K_ID + 1, PK_KOMMUN, 200000, 0);
	add(&b, K_ID + 2, PK_KOMMUN, 25000, 0);
	add(&b, R_ID, PK_REGION, 1250000, 0);
	budget_prepare_shares(&b);
	assert_false(budget_group_split(&b, PK_KOMMUN));
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 4900000);
	/* The kommuner bind together, each by the group's sum. */
	assert_true(b.o[1].binding && b.o[2].binding && b.o[3].binding);
	assert_false(b.o[0].binding);
	assert_false(b.o[4].binding);
	assert_int_equal(b.o[0].pays, 2450000);
	assert_int_equal(b.o[4].pays, 1225000);
	/* The kommuner's quarter (1 225 000) by their offers. */
	assert_int_equal(b.o[1].pays, 1000000);
	assert_int_equal(b.o[2].pays, 200000);
	assert_int_equal(b.o[3].pays, 25000);
	assert_int_equal(sum_pays(&b), b.frame);
	/* A registered split: each member binds by its own share. */
	b.o[1].share_ppm = 500000;
	b.o[2].share_ppm = 300000;
	b.o[3].share_ppm = 200000;
	assert_int_equal(check(&b, &fb, &rl), 0);
	budget_compute(&b);
	assert_int_equal(b.frame, 500000); /* 4 * 25 000 / 0.2 */
	assert_true(b.o[3].binding);
}

/* R9: over the frame (or without a budget) only when confirmed. */
static void
test_over_frame_needs_confirmation(void **state)
{
	struct frame_status_in f = { 2026, true, 1000000, 900000 };
	struct rule_list rl;

	(void)state;
	rule_list_init(&rl);
	assert_int_equal(decision_frame_check(&f, 100000, false, &rl), 0);
	assert_int_equal(decision_frame_check(&f, 100001, false, &rl), 1);
	assert_string_equal(rl.r[0].rule, "R9");
	assert_string_equal(rl.r[0].field, "confirm_over_frame");
	assert_non_null(strstr(rl.r[0].message,
	    "100\xe2\x80\xaf"
	    "000"));
	assert_int_equal(decision_frame_check(&f, 100001, true, &rl), 0);
	f.has_budget = false;
	f.frame = 0;
	f.granted = 0;
	rule_list_init(&rl);
	assert_int_equal(decision_frame_check(&f, 1, false, &rl), 1);
	assert_non_null(strstr(rl.r[0].message, "Ingen budget"));
	assert_non_null(strstr(rl.r[0].message, "2026"));
	/* A held meeting: on or before today. */
	rule_list_init(&rl);
	assert_int_equal(decision_meeting_check("2026-06-01", "2026-06-01",
			     &rl),
	    0);
	assert_int_equal(decision_meeting_check("2026-06-02", "2026-06-01",
			     &rl),
	    1);
	assert_non_null(strstr(rl.r[0].message, "2026-06-02"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_over_frame_needs_confirmation),
		cmocka_unit_test(test_no_split_uses_the_sums),
		cmocka_unit_test(test_binding_party),
		cmocka_unit_test(test_unequal_kommun_shares),
		cmocka_unit_test(test_rounding_adds_up),
		cmocka_unit_test(test_split_largest_remainder),
		cmocka_unit_test(test_zero_offers),
		cmocka_unit_test(test_bad_shares_refused),
		cmocka_unit_test(test_share_rounding_slack),
		cmocka_unit_test(test_missing_and_negative),
		cmocka_unit_test(test_af_and_unknown_refused),
		cmocka_unit_test(test_gotland_single_kommun),
		cmocka_unit_test(test_large_amounts),
		cmocka_unit_test(test_groups_and_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
