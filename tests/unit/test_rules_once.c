/*
 * test_rules_once.c - the domain functions that make each rule decided in
 * exactly one place, so that the web layer only asks: party_pending (the
 * start page's to-do list, the same predicates as the moves' guards),
 * board_agenda_check (R1 on the board's agenda), board_item_check,
 * budget_grant_year and budget_over (R9), perm_party_row_save (R7) and
 * perm_case_kind_only (R1 in list filters). Every refusal is tested next
 * to what is allowed, and the to-do list is checked against
 * transition_check so the two can never disagree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/finsam.h"
#include "domain/perm.h"
#include "domain/rules.h"
#include "case_fixture.h"

static struct arende A;

/* An ESF+ case in state s where every party has recorded everything. */
static struct arende *
esf_case(enum state s)
{
	struct arende *a = &A;

	fx_case(a, KIND_ESF, s);
	return a;
}

static struct party_row *
row(struct arende *a, int64_t id)
{
	struct party_row *p = arende_party_mut(a, id);

	assert_non_null(p);
	return p;
}

static size_t
pending(const struct arende *a, int64_t id, struct rule_list *l)
{
	rule_list_init(l);
	return party_pending(a, arende_party(a, id), l);
}

/* Nothing pending for anyone when every party has recorded everything. */
static void
test_pending_none_when_done(void **state)
{
	static const enum state st[] = { ST_UTFORMNING, ST_OVERENS,
		ST_PARTSBESLUT, ST_BEVILJAD };
	struct rule_list l;
	size_t i;
	int64_t id;

	(void)state;
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		for (id = P_FK; id <= P_REG; id++) {
			assert_int_equal(pending(esf_case(st[i]), id, &l), 0);
		}
	}
}

/* G: förankring at utformning, for either kind. */
static void
test_pending_forankring(void **state)
{
	struct arende *a = esf_case(ST_UTFORMNING);
	struct rule_list l;

	(void)state;
	row(a, P_REG)->forankrad[0] = '\0';
	assert_int_equal(pending(a, P_REG, &l), 1);
	assert_int_equal(fx_fails(&l, "G"), 1);
	assert_non_null(strstr(l.r[0].message, "förankring"));
	assert_int_equal(pending(a, P_KOM, &l), 0);
	/* Not yet due in identifierad; the same in a Finsam insats. */
	a->state = ST_IDENTIFIERAD;
	assert_int_equal(pending(a, P_REG, &l), 0);
	a->kind = KIND_FINSAM;
	a->state = ST_UTFORMNING;
	assert_int_equal(pending(a, P_REG, &l), 1);
}

/* R2 and R3 at overens, both at once; nothing for a non-participant. */
static void
test_pending_r2_r3(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct rule_list l;

	(void)state;
	row(a, P_AF)->mandat = false;
	row(a, P_AF)->agarprovning = AGP_NONE;
	assert_int_equal(pending(a, P_AF, &l), 2);
	assert_int_equal(fx_fails(&l, "R2"), 1);
	assert_int_equal(fx_fails(&l, "R3"), 1);
	row(a, P_AF)->deltar = false;
	assert_int_equal(pending(a, P_AF, &l), 0);
}

/* The party's decision: missing, or nej, both block the submission. */
static void
test_pending_beslut(void **state)
{
	struct arende *a = esf_case(ST_PARTSBESLUT);
	struct rule_list l;

	(void)state;
	row(a, P_KOM)->beslut = BESLUT_NONE;
	assert_int_equal(pending(a, P_KOM, &l), 1);
	assert_non_null(strstr(l.r[0].message, "saknas"));
	row(a, P_KOM)->beslut = BESLUT_NEJ;
	assert_int_equal(pending(a, P_KOM, &l), 1);
	assert_non_null(strstr(l.r[0].message, "nej"));
}

/* R5: FK as owner of a granted project, until the agreement is in. */
static void
test_pending_r5_agreement(void **state)
{
	struct arende *a = esf_case(ST_BEVILJAD);
	struct rule_list l;

	(void)state;
	a->owner_party_id = P_FK;
	assert_int_equal(pending(a, P_FK, &l), 1);
	assert_int_equal(fx_fails(&l, "R5"), 1);
	/* Only FK's own row carries it. */
	assert_int_equal(pending(a, P_KOM, &l), 0);
	SET(a->overenskommelse_on, "2025-10-01");
	assert_int_equal(pending(a, P_FK, &l), 0);
	/* Not FK's project: nothing to register. */
	a->owner_party_id = P_KOM;
	a->overenskommelse_on[0] = '\0';
	assert_int_equal(pending(a, P_FK, &l), 0);
}

/*
 * The to-do list and the move agree: whatever a party has pending shows
 * up, under the same rule id, among the failures of the move it blocks.
 */
static void
test_pending_matches_transition(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct esf_config cfg;
	struct rule_ctx ctx;
	struct rule_list pl, tl;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	esf_config_default(&cfg);
	SET(ctx.today, "2025-04-01");
	ctx.cfg = &cfg;
	row(a, P_REG)->mandat = false;
	row(a, P_REG)->agarprovning = AGP_NONE;
	assert_int_equal(pending(a, P_REG, &pl), 2);
	rule_list_init(&tl);
	assert_true(transition_check(a, ST_ANSOKAN, &ctx, &tl) >= 2);
	assert_int_equal(fx_fails(&tl, "R2"), 1);
	assert_int_equal(fx_fails(&tl, "R3"), 1);
	/* Recorded: nothing pending, and the move is allowed. */
	row(a, P_REG)->mandat = true;
	row(a, P_REG)->agarprovning = AGP_AVSTAR;
	assert_int_equal(pending(a, P_REG, &pl), 0);
	rule_list_init(&tl);
	assert_int_equal(transition_check(a, ST_ANSOKAN, &ctx, &tl), 0);
}

/* R5 decided once: no other utförare fails at ansokan and genomforande. */
static void
test_r5_other_performer_both_moves(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct esf_config cfg;
	struct rule_ctx ctx;
	struct rule_list l;

	(void)state;
	memset(&ctx, 0, sizeof(ctx));
	esf_config_default(&cfg);
	SET(ctx.today, "2025-12-01");
	ctx.cfg = &cfg;
	a->owner_party_id = P_FK;
	row(a, P_KOM)->utforare = false;
	row(a, P_REG)->utforare = false;
	rule_list_init(&l);
	(void)transition_check(a, ST_ANSOKAN, &ctx, &l);
	assert_int_equal(fx_fails(&l, "R5"), 1);
	a->state = ST_BEVILJAD;
	SET(a->project_start, "2026-01-01");
	SET(a->project_end, "2027-12-31");
	SET(a->projektledare, "Anna");
	SET(a->controller, "Bo");
	SET(a->administrator, "Cecilia");
	SET(a->overenskommelse_on, "2025-10-01");
	rule_list_init(&l);
	assert_int_equal(transition_check(a, ST_GENOMFORANDE, &ctx, &l), 1);
	assert_int_equal(fx_fails(&l, "R5"), 1);
	row(a, P_REG)->utforare = true;
	rule_list_init(&l);
	assert_int_equal(transition_check(a, ST_GENOMFORANDE, &ctx, &l), 0);
}

/* R1: an ESF+ case never goes on the agenda; G: only from ansvarsfördelning. */
static void
test_agenda_case_check(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct rule_list l;
	int s;

	(void)state;
	for (s = 0; s < ST__COUNT; s++) {
		a->state = (enum state)s;
		rule_list_init(&l);
		assert_int_equal(board_agenda_check(a, &l), 1);
		assert_int_equal(fx_fails(&l, "R1"), 1);
	}
	a->kind = KIND_FINSAM;
	a->state = ST_UTFORMNING;
	rule_list_init(&l);
	assert_int_equal(board_agenda_check(a, &l), 1);
	assert_int_equal(fx_fails(&l, "G"), 1);
	a->state = ST_ANSVARSFORDELNING;
	rule_list_init(&l);
	assert_int_equal(board_agenda_check(a, &l), 0);
	assert_int_equal(l.n, 0);
}

/* R9: the board decides on items of its agenda, once each. */
static void
test_board_item_check(void **state)
{
	struct rule_list l;

	(void)state;
	rule_list_init(&l);
	assert_int_equal(board_item_check(false, false, "2026-03-01", &l), 1);
	assert_int_equal(fx_fails(&l, "R9"), 1);
	assert_non_null(strstr(l.r[0].message, "2026-03-01"));
	rule_list_init(&l);
	assert_int_equal(board_item_check(true, true, "2026-03-01", &l), 1);
	assert_int_equal(fx_fails(&l, "R9"), 1);
	rule_list_init(&l);
	assert_int_equal(board_item_check(true, false, "2026-03-01", &l), 0);
	assert_int_equal(l.n, 0);
}

/* R9: the year a grant counts in, and the over-frame flag. */
static void
test_grant_year_and_over(void **state)
{
	(void)state;
	assert_int_equal(budget_grant_year("2027-01-01", "2026-11-30"), 2027);
	assert_int_equal(budget_grant_year("", "2026-11-30"), 2026);
	assert_int_equal(budget_grant_year("inte-datum", "2026-11-30"), 2026);
	assert_int_equal(budget_grant_year(NULL, "2026-11-30"), 2026);
	assert_int_equal(budget_grant_year("", ""), 0);
	assert_false(budget_over(true, 1000, 1000));
	assert_true(budget_over(true, 1000, 1001));
	/* Without a budget any grant is beyond the frame, nothing is not. */
	assert_true(budget_over(false, 0, 1));
	assert_false(budget_over(false, 0, 0));
}

/* R7: only the party's own ledamot changes the party-owned fields. */
static void
test_party_row_save(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct user kansli = { .role = ROLE_KANSLI, .forbund_id = 1 };
	struct user own = { .role = ROLE_LEDAMOT,
		.forbund_id = 1,
		.party_id = P_KOM };
	struct user other = { .role = ROLE_LEDAMOT,
		.forbund_id = 1,
		.party_id = P_REG };
	const struct party_row *stored = arende_party(a, P_KOM);
	struct party_row next = *stored;

	(void)state;
	/* Unchanged own fields: anyone who may edit the case may save. */
	next.utforare = !next.utforare;
	assert_true(perm_party_row_save(&kansli, stored, &next));
	next = *stored;
	next.mandat = false;
	assert_false(perm_party_row_save(&kansli, stored, &next));
	assert_false(perm_party_row_save(&other, stored, &next));
	assert_true(perm_party_row_save(&own, stored, &next));
	next = *stored;
	SET(next.forankrad, "2025-03-01");
	assert_false(perm_party_row_save(&kansli, stored, &next));
	next = *stored;
	next.agarprovning = AGP_AVSTAR;
	assert_false(perm_party_row_save(&other, stored, &next));
	next = *stored;
	next.beslut = BESLUT_NEJ;
	assert_false(perm_party_row_save(&kansli, stored, &next));
	assert_true(perm_party_row_save(&own, stored, &next));
}

/* R1: the list filter and the per-case visibility agree for the board. */
static void
test_case_kind_only(void **state)
{
	struct arende *a = esf_case(ST_OVERENS);
	struct user board = { .role = ROLE_STYRELSE, .forbund_id = 1 };
	struct user kansli = { .role = ROLE_KANSLI, .forbund_id = 1 };
	struct user fk = { .role = ROLE_ESF_KANSLI };

	(void)state;
	assert_int_equal(perm_case_kind_only(&board), KIND_FINSAM);
	assert_int_equal(perm_case_kind_only(&fk), KIND_ESF);
	assert_int_equal(perm_case_kind_only(&kansli), -1);
	assert_int_equal(perm_case_kind_only(NULL), -1);
	assert_false(perm_case_visible(&board, a));
	assert_true(perm_case_visible(&kansli, a));
	a->kind = KIND_FINSAM;
	assert_true(perm_case_visible(&board, a));
	board.forbund_id = 2;
	assert_false(perm_case_visible(&board, a));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pending_none_when_done),
		cmocka_unit_test(test_pending_forankring),
		cmocka_unit_test(test_pending_r2_r3),
		cmocka_unit_test(test_pending_beslut),
		cmocka_unit_test(test_pending_r5_agreement),
		cmocka_unit_test(test_pending_matches_transition),
		cmocka_unit_test(test_r5_other_performer_both_moves),
		cmocka_unit_test(test_agenda_case_check),
		cmocka_unit_test(test_board_item_check),
		cmocka_unit_test(test_grant_year_and_over),
		cmocka_unit_test(test_party_row_save),
		cmocka_unit_test(test_case_kind_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
