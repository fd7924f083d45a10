/*
 * test_codes.c - the stable API codes and Swedish labels of arende.c, and
 * the party-row helpers. The code lists here are the contract of API.md:
 * a renamed code must fail this test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/arende.h"

static const char *const state_codes[ST__COUNT] = {
	"identifierad",
	"utformning",
	"overens",
	"ansvarsfordelning",
	"ansokan",
	"partsbeslut",
	"inskickad",
	"beviljad",
	"avslag",
	"genomforande",
	"slutrapporterad",
	"avslutad",
	"avbruten",
	"utanfor_rutinen",
};

static void
test_state_codes(void **state)
{
	enum state s;

	(void)state;
	for (int i = 0; i < ST__COUNT; i++) {
		assert_string_equal(state_code((enum state)i), state_codes[i]);
		assert_true(state_from_code(state_codes[i], &s));
		assert_int_equal(s, i);
		assert_true(strlen(state_label((enum state)i)) > 0);
	}
	assert_false(state_from_code("Identifierad", &s));
	assert_false(state_from_code("", &s));
	assert_false(state_from_code(NULL, &s));
	assert_string_equal(state_code(ST__COUNT), "");
	assert_string_equal(state_code((enum state) - 1), "");
	assert_string_equal(state_label(ST__COUNT), "Okänd");
}

static void
test_state_labels(void **state)
{
	(void)state;
	assert_string_equal(state_label(ST_IDENTIFIERAD), "Identifierad");
	assert_string_equal(state_label(ST_UTFORMNING),
	    "Utformning och förankring");
	assert_string_equal(state_label(ST_OVERENS), "Överens");
	assert_string_equal(state_label(ST_ANSVARSFORDELNING),
	    "Ansvarsfördelning");
	assert_string_equal(state_label(ST_ANSOKAN), "Ansökan skrivs");
	assert_string_equal(state_label(ST_PARTSBESLUT), "Parternas beslut");
	assert_string_equal(state_label(ST_INSKICKAD),
	    "Inskickad till ESF-rådet");
	assert_string_equal(state_label(ST_GENOMFORANDE), "Genomförande");
	assert_string_equal(state_label(ST_UTANFOR_RUTINEN), "Utanför rutinen");
}

static void
test_kind_codes(void **state)
{
	enum kind k;

	(void)state;
	assert_string_equal(kind_code(KIND_ESF), "esf");
	assert_string_equal(kind_code(KIND_FINSAM), "finsam");
	assert_true(kind_from_code("esf", &k));
	assert_int_equal(k, KIND_ESF);
	assert_true(kind_from_code("finsam", &k));
	assert_int_equal(k, KIND_FINSAM);
	assert_false(kind_from_code("ESF", &k));
	assert_false(kind_from_code("esf+", &k));
	assert_string_equal(kind_label(KIND_ESF), "ESF+-projekt");
	assert_string_equal(kind_label(KIND_FINSAM), "Finsam-insats");
}

static void
test_party_kind_codes(void **state)
{
	static const char *const codes[PK__COUNT] = {
		"fk",
		"af",
		"kommun",
		"region",
	};
	enum party_kind k;

	(void)state;
	for (int i = 0; i < PK__COUNT; i++) {
		assert_string_equal(party_kind_code((enum party_kind)i),
		    codes[i]);
		assert_true(party_kind_from_code(codes[i], &k));
		assert_int_equal(k, i);
	}
	assert_false(party_kind_from_code("FK", &k));
	assert_string_equal(party_kind_label(PK_FK), "Försäkringskassan");
	assert_string_equal(party_kind_label(PK_AF), "Arbetsförmedlingen");
}

static void
test_role_codes(void **state)
{
	static const char *const codes[ROLE__COUNT] = {
		"ledamot",
		"kansli",
		"styrelse",
		"esf-kansli",
		"nationell",
		"admin",
	};
	enum role r;

	(void)state;
	for (int i = 0; i < ROLE__COUNT; i++) {
		assert_string_equal(role_code((enum role)i), codes[i]);
		assert_true(role_from_code(codes[i], &r));
		assert_int_equal(r, i);
		assert_true(strlen(role_label((enum role)i)) > 0);
	}
	assert_false(role_from_code("esf_kansli", &r));
	assert_false(role_from_code("root", &r));
}

static void
test_agarprovning_beslut_codes(void **state)
{
	enum agarprovning a;
	enum beslut b;

	(void)state;
	assert_null(agarprovning_code(AGP_NONE));
	assert_string_equal(agarprovning_code(AGP_KAN), "kan");
	assert_string_equal(agarprovning_code(AGP_AVSTAR), "avstar");
	assert_null(agarprovning_code((enum agarprovning)3));
	assert_true(agarprovning_from_code("kan", &a));
	assert_int_equal(a, AGP_KAN);
	assert_true(agarprovning_from_code("avstar", &a));
	assert_int_equal(a, AGP_AVSTAR);
	assert_false(agarprovning_from_code("", &a));
	assert_false(agarprovning_from_code("avstår", &a));
	assert_null(beslut_code(BESLUT_NONE));
	assert_string_equal(beslut_code(BESLUT_JA), "ja");
	assert_string_equal(beslut_code(BESLUT_NEJ), "nej");
	assert_true(beslut_from_code("nej", &b));
	assert_int_equal(b, BESLUT_NEJ);
	assert_true(beslut_from_code("ja", &b));
	assert_int_equal(b, BESLUT_JA);
	assert_false(beslut_from_code("Ja", &b));
	assert_false(beslut_from_code(NULL, &b));
}

static void
test_reason_codes(void **state)
{
	static const char *const codes[REASON__COUNT] = {
		"",
		"ingen_utlysning",
		"ej_overens",
		"medfinansiering_saknas",
		"finsam_insats",
		"utanfor_rutinen",
		"annat",
	};
	enum reason r;

	(void)state;
	for (int i = 1; i < REASON__COUNT; i++) {
		assert_string_equal(reason_code((enum reason)i), codes[i]);
		assert_true(reason_from_code(codes[i], &r));
		assert_int_equal(r, i);
		assert_true(strlen(reason_label((enum reason)i)) > 0);
	}
	assert_string_equal(reason_code(REASON_NONE), "");
	assert_false(reason_from_code("", &r));
	assert_false(reason_from_code("none", &r));
	assert_string_equal(reason_label(REASON_UTANFOR_RUTINEN),
	    "Utanför rutinen");
}

static void
test_arende_init_and_party(void **state)
{
	static struct arende a;
	struct party_row *p;

	(void)state;
	memset(&a, 0x5a, sizeof(a));
	arende_init(&a);
	assert_int_equal(a.state, ST_IDENTIFIERAD);
	assert_int_equal(a.kind, KIND_ESF);
	assert_int_equal(a.granted_amount, -1);
	assert_int_equal(a.nparties, 0);
	assert_int_equal(a.owner_party_id, 0);
	assert_string_equal(a.title, "");
	assert_string_equal(a.submitted_on, "");
	assert_int_equal(a.reason, REASON_NONE);
	assert_null(arende_party(&a, 5));
	a.parties[0].party_id = 5;
	a.parties[1].party_id = 6;
	a.parties[2].party_id = 7; /* beyond nparties: not a row */
	a.nparties = 2;
	assert_ptr_equal(arende_party(&a, 6), &a.parties[1]);
	assert_null(arende_party(&a, 7));
	assert_null(arende_party(&a, 0));
	assert_null(arende_party(NULL, 5));
	p = arende_party_mut(&a, 5);
	assert_ptr_equal(p, &a.parties[0]);
	p->mandat = true;
	assert_true(arende_party(&a, 5)->mandat);
	assert_null(arende_party_mut(&a, 8));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_codes),
		cmocka_unit_test(test_state_labels),
		cmocka_unit_test(test_kind_codes),
		cmocka_unit_test(test_party_kind_codes),
		cmocka_unit_test(test_role_codes),
		cmocka_unit_test(test_agarprovning_beslut_codes),
		cmocka_unit_test(test_reason_codes),
		cmocka_unit_test(test_arende_init_and_party),
	};

	return cmocka_run_group_tests_name("codes", tests, NULL, NULL);
}
