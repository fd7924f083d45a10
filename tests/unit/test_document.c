/*
 * test_document.c - documents' kinds, the types Bered keeps, the checks of
 * an upload (G, R7) and who may upload (perm_document_upload, R7).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/document.h"
#include "domain/perm.h"

static void
mkcase(struct arende *a)
{
	static const enum party_kind kinds[3] = { PK_FK, PK_AF, PK_KOMMUN };

	arende_init(a);
	a->id = 7;
	a->forbund_id = 1;
	a->kind = KIND_ESF;
	for (int j = 0; j < 3; j++) {
		a->parties[j].party_id = 11 + j;
		a->parties[j].kind = kinds[j];
		a->parties[j].deltar = true;
	}
	a->nparties = 3;
}

static void
test_kinds(void **state)
{
	enum doc_kind k;

	(void)state;
	for (int i = 0; i < DOC__COUNT; i++) {
		assert_true(
		    doc_kind_from_code(doc_kind_code((enum doc_kind)i), &k));
		assert_int_equal(k, i);
		assert_true(doc_kind_label((enum doc_kind)i)[0] != '\0');
	}
	assert_false(doc_kind_from_code("okand", &k));
	assert_false(doc_kind_from_code("", &k));
	assert_false(doc_kind_from_code(NULL, &k));
	assert_true(doc_kind_party_owned(DOC_MEDFINANSIERINGSINTYG));
	assert_false(doc_kind_party_owned(DOC_OVERENSKOMMELSE));
}

/* Types by content: the eight kept, never a page, a script or a program. */
static void
test_types(void **state)
{
	static const char *const yes[] = { "application/pdf", "image/png",
		"image/jpeg", "text/plain",
		"application/vnd.oasis.opendocument.text",
		"application/vnd.oasis.opendocument.spreadsheet",
		"application/vnd.openxmlformats-officedocument."
		"wordprocessingml.document",
		"application/vnd.openxmlformats-officedocument.spreadsheetml."
		"sheet" };
	static const char *const no[] = { "text/html", "image/svg+xml",
		"application/zip", "application/x-executable",
		"application/javascript", "text/xml", "application/pdf; x", "",
		"APPLICATION/PDF" };
	char msg[512];

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
		assert_true(doc_type_allowed(yes[i]));
		assert_string_equal(doc_type_static(yes[i]), yes[i]);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++) {
		assert_false(doc_type_allowed(no[i]));
		assert_null(doc_type_static(no[i]));
	}
	assert_false(doc_type_allowed(NULL));
	doc_type_refusal("text/html", msg, sizeof(msg));
	assert_non_null(strstr(msg, "text/html"));
	assert_non_null(strstr(msg, "PDF"));
	doc_type_refusal("", msg, sizeof(msg));
	assert_non_null(strstr(msg, "okänd"));
}

static bool
failing(const struct rule_list *l, const char *rule, const char *field)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->r[i].ok && strcmp(l->r[i].rule, rule) == 0 &&
		    strcmp(l->r[i].field, field) == 0) {
			return true;
		}
	}
	return false;
}

static void
test_check(void **state)
{
	struct arende a;
	struct document d, old;
	struct rule_list l;

	(void)state;
	mkcase(&a);
	memset(&d, 0, sizeof(d));
	d.case_id = a.id;
	d.kind = DOC_PROJEKTIDE;
	rule_list_init(&l);
	assert_int_equal(document_check(&a, &d, NULL, &l), 0);
	d.kind = DOC_OVRIGT;
	d.party_id = 13;
	assert_int_equal(document_check(&a, &d, NULL, &l), 0);
	/* R7: an intyg is one party's; that party must be the case's. */
	d.kind = DOC_MEDFINANSIERINGSINTYG;
	d.party_id = 0;
	assert_int_equal(document_check(&a, &d, NULL, &l), 1);
	assert_true(failing(&l, "R7", "party_id"));
	rule_list_init(&l);
	d.party_id = 99;
	assert_int_equal(document_check(&a, &d, NULL, &l), 1);
	assert_true(failing(&l, "G", "party_id"));
	/* A meeting's document: no intyg, no party. */
	rule_list_init(&l);
	d.case_id = 0;
	d.meeting_id = 5;
	d.party_id = 0;
	assert_int_equal(document_check(NULL, &d, NULL, &l), 1);
	assert_true(failing(&l, "R7", "kind"));
	d.kind = DOC_PROTOKOLL;
	d.party_id = 13;
	rule_list_init(&l);
	assert_int_equal(document_check(NULL, &d, NULL, &l), 1);
	assert_true(failing(&l, "G", "party_id"));
	/* A new version: same owner, kind and party. */
	memset(&d, 0, sizeof(d));
	d.case_id = a.id;
	d.kind = DOC_PROJEKTIDE;
	old = d;
	rule_list_init(&l);
	assert_int_equal(document_check(&a, &d, &old, &l), 0);
	d.kind = DOC_ANSOKAN;
	assert_int_equal(document_check(&a, &d, &old, &l), 1);
	d.kind = DOC_PROJEKTIDE;
	old.case_id = 0;
	old.group_meeting_id = 3;
	rule_list_init(&l);
	assert_int_equal(document_check(&a, &d, &old, &l), 1);
	assert_true(failing(&l, "G", "replaces"));
	/* G: a closed case takes no document; every failure is named. */
	a.state = ST_AVBRUTEN;
	d.kind = DOC_MEDFINANSIERINGSINTYG;
	rule_list_init(&l);
	assert_int_equal(document_check(&a, &d, &old, &l), 3);
}

static void
test_who_uploads(void **state)
{
	struct arende a;
	struct user kansli = { .id = 1, .role = ROLE_KANSLI, .forbund_id = 1 };
	struct user kommun = { .id = 2,
		.role = ROLE_LEDAMOT,
		.forbund_id = 1,
		.party_id = 13 };
	struct user fk = { .id = 3,
		.role = ROLE_LEDAMOT,
		.forbund_id = 1,
		.party_id = 11 };
	struct user other = { .id = 4, .role = ROLE_KANSLI, .forbund_id = 2 };
	struct user nat = { .id = 5, .role = ROLE_NATIONELL };

	(void)state;
	mkcase(&a);
	assert_true(perm_document_upload(&kansli, &a, false, 0));
	assert_true(perm_document_upload(&kommun, &a, false, 0));
	assert_false(perm_document_upload(&other, &a, false, 0));
	assert_false(perm_document_upload(&nat, &a, false, 0));
	/* R7: the kommun's intyg is its own ledamot's, not the kansli's
	 * nor FK's. */
	assert_true(perm_document_upload(&kommun, &a, true, 13));
	assert_false(perm_document_upload(&kansli, &a, true, 13));
	assert_false(perm_document_upload(&fk, &a, true, 13));
	assert_true(perm_document_upload(&fk, &a, true, 11));
	assert_false(perm_document_upload(&kommun, &a, true, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_who_uploads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
