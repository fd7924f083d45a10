/*
 * test_perm.c - the permission matrix of perm.c (DOMAIN.md 6, R1, R7):
 * every role against cases of its own and another förbund, ESF+ with and
 * without FK, and Finsam.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/perm.h"

enum {
	U_LED1,
	U_LED1B,
	U_KAN1,
	U_STY1,
	U_LED2,
	U_KAN2,
	U_STY2,
	U_ESFK,
	U_NAT,
	U_ADM,
	U__COUNT
};
enum { C_ESF1_FK, C_ESF1_NOFK, C_ESF2_FK, C_FIN1, C_FIN2, C__COUNT };

static struct user users[U__COUNT];
static struct arende cases[C__COUNT];

static void
mkuser(int i, enum role r, int64_t fid, int64_t party)
{
	memset(&users[i], 0, sizeof(users[i]));
	users[i].id = i + 1;
	users[i].role = r;
	users[i].forbund_id = fid;
	users[i].party_id = party;
}

/* Parties of förbund f: FK 10f+1, AF 10f+2, kommun 10f+3, region 10f+4. */
static void
mkcase(int i, enum kind k, int64_t fid, bool fk_deltar)
{
	static const enum party_kind kinds[4] = { PK_FK, PK_AF, PK_KOMMUN,
		PK_REGION };
	struct arende *a = &cases[i];

	arende_init(a);
	a->id = 100 + i;
	a->kind = k;
	a->forbund_id = fid;
	for (int j = 0; j < 4; j++) {
		a->parties[j].party_id = fid * 10 + j + 1;
		a->parties[j].kind = kinds[j];
		a->parties[j].deltar = j != 0 || fk_deltar;
	}
	a->nparties = 4;
}

static int
setup(void **state)
{
	(void)state;
	mkuser(U_LED1, ROLE_LEDAMOT, 1, 13);
	mkuser(U_LED1B, ROLE_LEDAMOT, 1, 14);
	mkuser(U_KAN1, ROLE_KANSLI, 1, 0);
	mkuser(U_STY1, ROLE_STYRELSE, 1, 0);
	mkuser(U_LED2, ROLE_LEDAMOT, 2, 23);
	mkuser(U_KAN2, ROLE_KANSLI, 2, 0);
	mkuser(U_STY2, ROLE_STYRELSE, 2, 0);
	mkuser(U_ESFK, ROLE_ESF_KANSLI, 0, 0);
	mkuser(U_NAT, ROLE_NATIONELL, 0, 0);
	mkuser(U_ADM, ROLE_ADMIN, 0, 0);
	mkcase(C_ESF1_FK, KIND_ESF, 1, true);
	mkcase(C_ESF1_NOFK, KIND_ESF, 1, false);
	mkcase(C_ESF2_FK, KIND_ESF, 2, true);
	mkcase(C_FIN1, KIND_FINSAM, 1, true);
	mkcase(C_FIN2, KIND_FINSAM, 2, true);
	return 0;
}

/* Expected visibility ('v'), edit ('e'), both ('E') or none ('-'). */
static const char matrix[U__COUNT][C__COUNT + 1] = {
	/*		ESF1fk ESF1nofk ESF2fk FIN1 FIN2 */
	[U_LED1] = "EE-E-",
	[U_LED1B] = "EE-E-",
	[U_KAN1] = "EE-E-",
	[U_STY1] = "---v-", /* R1: never ESF+ */
	[U_LED2] = "--E-E",
	[U_KAN2] = "--E-E",
	[U_STY2] = "----v",
	[U_ESFK] =
	    "v-v--", /* sees ESF+ where FK takes part, acts where FK owns */
	[U_NAT] = "vvvvv",
	[U_ADM] = "vvvvv",
};

static void
test_case_matrix(void **state)
{
	(void)state;
	for (int u = 0; u < U__COUNT; u++) {
		for (int c = 0; c < C__COUNT; c++) {
			char m = matrix[u][c];
			bool vis = perm_case_visible(&users[u], &cases[c]);
			bool ed = perm_case_edit(&users[u], &cases[c]);

			if (vis != (m == 'v' || m == 'E') || ed != (m == 'E')) {
				fail_msg("user %d case %d: visible %d edit %d, "
					 "expected '%c'",
				    u, c, vis, ed, m);
			}
		}
	}
}

/*
 * Only the parties taking part (and the kansli) act on a case; a party
 * not taking part may join with its own row; FK's ESF office acts where
 * FK owns the project and on FK's own row (DOMAIN.md 6, 7).
 */
static void
test_stake(void **state)
{
	struct arende a = cases[C_ESF1_FK];

	(void)state;
	arende_party_mut(&a, 13)->deltar = false;
	assert_false(perm_case_edit(&users[U_LED1], &a));
	assert_true(perm_party_row_edit(&users[U_LED1], &a, 13));
	assert_false(perm_party_row_edit(&users[U_LED1], &a, 14));
	assert_true(perm_case_edit(&users[U_LED1B], &a));
	assert_true(perm_party_row_edit(&users[U_LED1B], &a, 13));
	assert_true(perm_case_edit(&users[U_KAN1], &a));
	/* esf-kansli: FK's row only, until FK owns the project. */
	assert_false(perm_case_edit(&users[U_ESFK], &a));
	assert_true(perm_party_row_edit(&users[U_ESFK], &a, 11));
	assert_false(perm_party_row_edit(&users[U_ESFK], &a, 14));
	a.owner_party_id = 11;
	assert_true(perm_case_edit(&users[U_ESFK], &a));
	assert_true(perm_party_row_edit(&users[U_ESFK], &a, 14));
	a.owner_party_id = 13;
	assert_false(perm_case_edit(&users[U_ESFK], &a));
	/* Another förbund's ledamot never, a missing row never. */
	assert_false(perm_party_row_edit(&users[U_LED2], &a, 13));
	assert_false(perm_party_row_edit(&users[U_KAN1], &a, 99));
}

/* R1: a board member sees no ESF+ case, whatever else is true. */
static void
test_styrelse_never_esf(void **state)
{
	struct arende a = cases[C_ESF1_FK];

	(void)state;
	a.state = ST_BEVILJAD;
	assert_false(perm_case_visible(&users[U_STY1], &a));
	a.kind = KIND_FINSAM;
	assert_true(perm_case_visible(&users[U_STY1], &a));
	assert_false(perm_case_edit(&users[U_STY1], &a));
}

/* R1: no ESF+ figures or calls for the board; everyone else sees them. */
static void
test_esf_visible_all_but_board(void **state)
{
	(void)state;
	for (int u = 0; u < U__COUNT; u++) {
		bool board = u == U_STY1 || u == U_STY2;

		assert_int_equal(perm_esf_visible(&users[u]), !board);
	}
	assert_false(perm_esf_visible(NULL));
}

/* esf-kansli loses sight of a case when FK stops taking part. */
static void
test_esf_kansli_follows_fk(void **state)
{
	struct arende a = cases[C_ESF2_FK];

	(void)state;
	assert_true(perm_case_visible(&users[U_ESFK], &a));
	a.parties[0].deltar = false;
	assert_false(perm_case_visible(&users[U_ESFK], &a));
	assert_false(perm_case_edit(&users[U_ESFK], &a));
	a.nparties = 0;
	assert_false(perm_case_visible(&users[U_ESFK], &a));
}

static void
test_forbund_visible(void **state)
{
	(void)state;
	assert_true(perm_forbund_visible(&users[U_LED1], 1));
	assert_false(perm_forbund_visible(&users[U_LED1], 2));
	assert_true(perm_forbund_visible(&users[U_KAN2], 2));
	assert_false(perm_forbund_visible(&users[U_KAN2], 1));
	assert_true(perm_forbund_visible(&users[U_STY1], 1));
	assert_false(perm_forbund_visible(&users[U_STY1], 2));
	assert_true(perm_forbund_visible(&users[U_ESFK], 2));
	assert_true(perm_forbund_visible(&users[U_NAT], 1));
	assert_true(perm_forbund_visible(&users[U_ADM], 2));
	assert_false(perm_forbund_visible(NULL, 1));
}

/* A user without förbund (id 0) sees no förbund through a 0 id. */
static void
test_no_forbund_user(void **state)
{
	struct user u = users[U_LED1];
	struct arende a = cases[C_FIN1];

	(void)state;
	u.forbund_id = 0;
	a.forbund_id = 0;
	assert_false(perm_forbund_visible(&u, 0));
	assert_false(perm_case_visible(&u, &a));
	assert_false(perm_case_create(&u, 0));
}

static void
test_case_create(void **state)
{
	(void)state;
	assert_true(perm_case_create(&users[U_LED1], 1));
	assert_true(perm_case_create(&users[U_KAN1], 1));
	assert_false(perm_case_create(&users[U_LED1], 2));
	assert_false(perm_case_create(&users[U_KAN2], 1));
	assert_false(perm_case_create(&users[U_STY1], 1));
	assert_false(perm_case_create(&users[U_ESFK], 1));
	assert_false(perm_case_create(&users[U_NAT], 1));
	assert_false(perm_case_create(&users[U_ADM], 1));
	assert_false(perm_case_create(NULL, 1));
}

/* R7: only the party's own ledamot records its own fields. */
static void
test_r7_party_own_fields(void **state)
{
	(void)state;
	assert_true(perm_party_own_fields(&users[U_LED1], 13));
	assert_false(perm_party_own_fields(&users[U_LED1], 14));
	assert_true(perm_party_own_fields(&users[U_LED1B], 14));
	assert_false(perm_party_own_fields(&users[U_LED1B], 13));
	assert_false(perm_party_own_fields(&users[U_KAN1], 13));
	assert_false(perm_party_own_fields(&users[U_ESFK], 11));
	assert_false(perm_party_own_fields(&users[U_ADM], 13));
	assert_false(perm_party_own_fields(&users[U_NAT], 13));
	assert_false(perm_party_own_fields(&users[U_LED2], 13));
	assert_false(perm_party_own_fields(NULL, 13));
	/* A kansli user carrying a party id is still not the party's. */
	{
		struct user k = users[U_KAN1];

		k.party_id = 13;
		assert_false(perm_party_own_fields(&k, 13));
	}
	/* Party id 0 is nobody's. */
	{
		struct user l = users[U_LED1];

		l.party_id = 0;
		assert_false(perm_party_own_fields(&l, 0));
	}
}

static void
test_admin_calls_followup(void **state)
{
	static const bool admin[U__COUNT] = { [U_ADM] = true };
	static const bool calls[U__COUNT] = {
		[U_KAN1] = true,
		[U_KAN2] = true,
		[U_ESFK] = true,
		[U_ADM] = true,
	};
	static const bool all[U__COUNT] = {
		[U_ESFK] = true,
		[U_NAT] = true,
		[U_ADM] = true,
	};

	(void)state;
	for (int u = 0; u < U__COUNT; u++) {
		assert_int_equal(perm_admin(&users[u]), admin[u]);
		assert_int_equal(perm_calls_edit(&users[u]), calls[u]);
		assert_int_equal(perm_followup_all(&users[u]), all[u]);
	}
	assert_false(perm_admin(NULL));
	assert_false(perm_calls_edit(NULL));
	assert_false(perm_followup_all(NULL));
}

static void
test_board(void **state)
{
	(void)state;
	assert_true(perm_board_view(&users[U_STY1], 1));
	assert_false(perm_board_view(&users[U_STY1], 2));
	assert_true(perm_board_view(&users[U_KAN1], 1));
	assert_false(perm_board_view(&users[U_KAN1], 2));
	assert_false(perm_board_view(&users[U_LED1], 1));
	assert_false(perm_board_view(&users[U_ESFK], 1));
	assert_true(perm_board_view(&users[U_NAT], 2));
	assert_true(perm_board_view(&users[U_ADM], 2));
	assert_true(perm_board_edit(&users[U_KAN1], 1));
	assert_false(perm_board_edit(&users[U_KAN1], 2));
	assert_false(perm_board_edit(&users[U_STY1], 1));
	assert_false(perm_board_edit(&users[U_LED1], 1));
	assert_false(perm_board_edit(&users[U_ADM], 1));
	assert_false(perm_board_edit(&users[U_NAT], 1));
	assert_false(perm_board_view(NULL, 1));
	assert_false(perm_board_edit(NULL, 1));
}

static void
test_null_arguments(void **state)
{
	(void)state;
	assert_false(perm_case_visible(NULL, &cases[C_FIN1]));
	assert_false(perm_case_visible(&users[U_ADM], NULL));
	assert_false(perm_case_edit(NULL, &cases[C_FIN1]));
	assert_false(perm_case_edit(&users[U_KAN1], NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_matrix),
		cmocka_unit_test(test_stake),
		cmocka_unit_test(test_styrelse_never_esf),
		cmocka_unit_test(test_esf_visible_all_but_board),
		cmocka_unit_test(test_esf_kansli_follows_fk),
		cmocka_unit_test(test_forbund_visible),
		cmocka_unit_test(test_no_forbund_user),
		cmocka_unit_test(test_case_create),
		cmocka_unit_test(test_r7_party_own_fields),
		cmocka_unit_test(test_admin_calls_followup),
		cmocka_unit_test(test_board),
		cmocka_unit_test(test_null_arguments),
	};

	return cmocka_run_group_tests_name("perm", tests, setup, NULL);
}
