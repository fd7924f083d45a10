/*
 * test_rules_fields.c - case_fields_check (src/domain/rules_fields.c):
 * an edit of a case's own fields may not undo what a step already taken
 * rests on. Finsam money only by the board (R9); the ESF+ owner fixed
 * after the agreement (R2), the call and submission date after
 * submission (R8); required dates, amounts and names not removable
 * (G, R5); nothing at all on a case in a final state (G,
 * case_closed_check, which the party-row path asks too). Each refusal
 * names its field first; allowed edits pass.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "domain/rules.h"

enum { P_FK = 1, P_KOM = 3 };

static struct arende B, A;
static struct rule_list L;

#define SET(field, s) snprintf((field), sizeof(field), "%s", (s))

static void
add_party(struct arende *a, int64_t id, enum party_kind k)
{
	struct party_row *p = &a->parties[a->nparties++];

	memset(p, 0, sizeof(*p));
	p->party_id = id;
	p->kind = k;
	p->deltar = true;
}

/* A stored case of kind k in state s with every field filled in; A = B. */
static void
stored(enum kind k, enum state s)
{
	arende_init(&B);
	B.id = 5;
	B.forbund_id = 1;
	B.kind = k;
	B.state = s;
	SET(B.title, "Stöd till unga vuxna");
	add_party(&B, P_FK, PK_FK);
	add_party(&B, P_KOM, PK_KOMMUN);
	B.owner_party_id = k == KIND_ESF ? P_KOM : 0;
	B.call_id = k == KIND_ESF ? 7 : 0;
	SET(B.submitted_on, "2025-05-01");
	SET(B.decision_on, "2025-09-01");
	B.granted_amount = 1500000;
	SET(B.project_start, "2026-01-01");
	SET(B.project_end, "2028-12-31");
	SET(B.projektledare, "Anna Andersson");
	SET(B.controller, "Bo Berg");
	SET(B.administrator, "Cecilia Ek");
	SET(B.overenskommelse_on, "2025-12-01");
	SET(B.final_report_on, "2029-03-01");
	A = B;
	rule_list_init(&L);
}

/* The failing entry about field (its field, as data), or NULL. */
static const struct rule_result *
failure_of(const char *field)
{
	for (size_t i = 0; i < L.n; i++) {
		if (!L.r[i].ok && strcmp(L.r[i].field, field) == 0) {
			return &L.r[i];
		}
	}
	return NULL;
}

static void
assert_refused(const char *field, const char *rule)
{
	const struct rule_result *r = failure_of(field);

	if (r == NULL) {
		fail_msg("no failure for %s", field);
	}
	assert_string_equal(r->rule, rule);
}

static size_t
run(void)
{
	return case_fields_check(&B, &A, &L);
}

static void
test_unchanged_passes_while_open(void **state)
{
	(void)state;
	for (int s = 0; s < ST__COUNT; s++) {
		if (state_is_final((enum state)s)) {
			continue;
		}
		stored(KIND_ESF, (enum state)s);
		assert_int_equal(run(), 0);
		stored(KIND_FINSAM, (enum state)s);
		assert_int_equal(run(), 0);
	}
}

/* G: a closed case refuses every edit, even an empty one, as a whole. */
static void
test_closed_refuses_every_edit(void **state)
{
	static const enum kind kinds[] = { KIND_ESF, KIND_FINSAM };
	const struct rule_result *r;
	int finals = 0;

	(void)state;
	for (int s = 0; s < ST__COUNT; s++) {
		if (!state_is_final((enum state)s)) {
			continue;
		}
		finals++;
		for (size_t k = 0; k < 2; k++) {
			stored(kinds[k], (enum state)s);
			assert_int_equal(run(), 1);
			assert_refused("state", "G");

			stored(kinds[k], (enum state)s);
			SET(A.title, "Ny titel");
			A.granted_amount = 7;
			A.owner_party_id = P_FK;
			assert_int_equal(run(), 1);
			r = failure_of("state");
			assert_non_null(r);
			assert_non_null(
			    strstr(r->message, "Ärendet är avslutat"));
			assert_non_null(
			    strstr(r->message, state_label((enum state)s)));
			assert_null(failure_of("title"));
			assert_null(failure_of("granted_amount"));
		}
	}
	assert_int_equal(finals, 4);
}

/* G: case_closed_check answers for party rows what the fields get. */
static void
test_closed_check(void **state)
{
	(void)state;
	for (int s = 0; s < ST__COUNT; s++) {
		bool final = state_is_final((enum state)s);

		stored(KIND_ESF, (enum state)s);
		rule_add(&L, "R5", true, "uppfyllt");
		assert_int_equal(case_closed_check(&B, &L), final ? 1 : 0);
		assert_int_equal(rule_failures(&L), final ? 1 : 0);
		assert_int_equal(L.n, final ? 2 : 1);
		if (final) {
			assert_string_equal(L.r[1].rule, "G");
			/* No field: the row is refused as a whole. */
			assert_string_equal(L.r[1].field, "");
			assert_int_equal(strncmp(L.r[1].message,
					     "Ärendet är avslutat", 20),
			    0);
		}
	}
	stored(KIND_FINSAM, ST_BEVILJAD);
	assert_int_equal(case_closed_check(&B, &L), 0);
	stored(KIND_FINSAM, ST_AVBRUTEN);
	assert_int_equal(case_closed_check(&B, &L), 1);
}

/* R9: the board alone sets a Finsam insats's grant, in any state. */
static void
test_finsam_money_only_by_board(void **state)
{
	(void)state;
	stored(KIND_FINSAM, ST_ANSVARSFORDELNING);
	A.granted_amount = 7;
	assert_int_equal(run(), 1);
	assert_refused("granted_amount", "R9");

	stored(KIND_FINSAM, ST_BEVILJAD);
	A.granted_amount = -1;
	SET(A.decision_on, "2020-01-01");
	SET(A.project_start, "2026-02-01");
	A.project_end[0] = '\0';
	assert_int_equal(run(), 4);
	assert_refused("granted_amount", "R9");
	assert_refused("decision_on", "R9");
	assert_refused("project_start", "R9");
	assert_refused("project_end", "R9");
}

static void
test_finsam_other_fields_free(void **state)
{
	(void)state;
	stored(KIND_FINSAM, ST_GENOMFORANDE);
	SET(A.title, "Ny titel");
	SET(A.description, "Ny beskrivning");
	A.finsam_malgrupp = false;
	assert_int_equal(run(), 0);
}

/* R2: the owner may change inside the beredning, never after it. */
static void
test_owner_fixed_after_overens(void **state)
{
	static const enum state inside[] = {
		ST_IDENTIFIERAD,
		ST_UTFORMNING,
		ST_OVERENS,
	};
	static const enum state after[] = {
		ST_ANSOKAN,
		ST_PARTSBESLUT,
		ST_INSKICKAD,
		ST_BEVILJAD,
		ST_GENOMFORANDE,
		ST_SLUTRAPPORTERAD,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(inside) / sizeof(inside[0]); i++) {
		stored(KIND_ESF, inside[i]);
		A.owner_party_id = P_FK;
		assert_int_equal(run(), 0);
	}
	for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
		stored(KIND_ESF, after[i]);
		A.owner_party_id = P_FK;
		assert_int_equal(run(), 1);
		assert_refused("owner_party_id", "R2");
	}
}

/* R8: the call and the submission date are fixed once submitted. */
static void
test_call_fixed_after_submission(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_PARTSBESLUT);
	A.call_id = 8;
	SET(A.submitted_on, "2025-05-02");
	assert_int_equal(run(), 0);

	stored(KIND_ESF, ST_INSKICKAD);
	A.call_id = 8;
	assert_int_equal(run(), 1);
	assert_refused("call_id", "R8");

	stored(KIND_ESF, ST_BEVILJAD);
	SET(A.submitted_on, "2030-01-01");
	assert_int_equal(run(), 1);
	assert_refused("submitted_on", "R8");
}

/* G: ESF-rådet's decision stays recorded once the case moved on it. */
static void
test_decision_not_removable(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_INSKICKAD);
	A.decision_on[0] = '\0';
	A.granted_amount = -1;
	assert_int_equal(run(), 0);

	stored(KIND_ESF, ST_BEVILJAD);
	A.decision_on[0] = '\0';
	assert_int_equal(run(), 1);
	assert_refused("decision_on", "G");

	stored(KIND_ESF, ST_GENOMFORANDE);
	A.granted_amount = -1;
	assert_int_equal(run(), 1);
	assert_refused("granted_amount", "G");

	stored(KIND_ESF, ST_BEVILJAD);
	A.granted_amount = 1600000; /* a correction, not a removal */
	SET(A.decision_on, "2025-09-02");
	assert_int_equal(run(), 0);
}

/* G, R5: the projektorganisation and the agreement stay named. */
static void
test_organisation_not_removable(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_BEVILJAD);
	A.projektledare[0] = '\0';
	A.overenskommelse_on[0] = '\0';
	assert_int_equal(run(), 0);

	stored(KIND_ESF, ST_GENOMFORANDE);
	A.project_start[0] = '\0';
	A.project_end[0] = '\0';
	A.projektledare[0] = '\0';
	A.controller[0] = '\0';
	A.administrator[0] = '\0';
	A.overenskommelse_on[0] = '\0'; /* owner is a kommun: free */
	assert_int_equal(run(), 5);
	assert_refused("project_start", "G");
	assert_refused("project_end", "G");
	assert_refused("projektledare", "G");
	assert_refused("controller", "G");
	assert_refused("administrator", "G");
	assert_null(failure_of("overenskommelse_on"));

	stored(KIND_ESF, ST_SLUTRAPPORTERAD);
	SET(A.projektledare, "Dan Dahl"); /* a new name is fine */
	assert_int_equal(run(), 0);
}

static void
test_fk_owner_keeps_overenskommelse(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_GENOMFORANDE);
	B.owner_party_id = P_FK;
	A = B;
	A.overenskommelse_on[0] = '\0';
	assert_int_equal(run(), 1);
	assert_refused("overenskommelse_on", "R5");
}

static void
test_final_report_not_removable(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_GENOMFORANDE);
	A.final_report_on[0] = '\0';
	assert_int_equal(run(), 0);

	stored(KIND_ESF, ST_SLUTRAPPORTERAD);
	A.final_report_on[0] = '\0';
	assert_int_equal(run(), 1);
	assert_refused("final_report_on", "G");
}

/* The count is what this call added; earlier entries stay. */
static void
test_appends_and_counts_own(void **state)
{
	(void)state;
	stored(KIND_ESF, ST_GENOMFORANDE);
	rule_add(&L, "R7", false, "tidigare fel");
	A.owner_party_id = P_FK;
	A.call_id = 9;
	assert_int_equal(run(), 2);
	assert_int_equal(rule_failures(&L), 3);
	assert_string_equal(L.r[0].rule, "R7");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unchanged_passes_while_open),
		cmocka_unit_test(test_closed_refuses_every_edit),
		cmocka_unit_test(test_closed_check),
		cmocka_unit_test(test_finsam_money_only_by_board),
		cmocka_unit_test(test_finsam_other_fields_free),
		cmocka_unit_test(test_owner_fixed_after_overens),
		cmocka_unit_test(test_call_fixed_after_submission),
		cmocka_unit_test(test_decision_not_removable),
		cmocka_unit_test(test_organisation_not_removable),
		cmocka_unit_test(test_fk_owner_keeps_overenskommelse),
		cmocka_unit_test(test_final_report_not_removable),
		cmocka_unit_test(test_appends_and_counts_own),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
