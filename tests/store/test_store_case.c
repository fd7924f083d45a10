/*
 * test_store_case.c - the conformance suite of the storage layer
 * (store.h), part 2: cases (create, get, save with audit rows and
 * optimistic locking, history, list filters), follow-up rows, board
 * meetings and R1 (also by a raw insert the database refuses), budgets,
 * granted sums and participants. The fixture is store_fixture.h.
 */
#include "store_fixture.h"

#include "domain/finsam.h"

/* ---- cases ------------------------------------------------------------- */

static void
test_store_case_create_get(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_ESF, "Vägen till arbete");
	struct arende *g = malloc(sizeof(*g));
	struct history_entry *h;
	struct need nd;
	char today[DATE_LEN];
	size_t n;

	date_today(today);
	assert_true(a->id > 0);
	assert_int_equal(a->version, 1);
	assert_string_equal(a->identified_on, today);
	assert_int_equal(store_case_get(x->s, a->id, g), B_OK);
	assert_string_equal(g->title, "Vägen till arbete");
	assert_int_equal(g->kind, KIND_ESF);
	assert_int_equal(g->state, ST_IDENTIFIERAD);
	assert_int_equal(g->granted_amount, -1);
	assert_int_equal(g->owner_party_id, 0);
	/* One row per party of the förbund, FK, AF, kommuner, regioner. */
	assert_int_equal(g->nparties, 5);
	assert_int_equal(g->parties[0].party_id, x->fk);
	assert_false(g->parties[0].deltar);
	assert_int_equal(g->parties[2].party_id, x->lund);
	assert_true(g->parties[2].deltar);
	assert_string_equal(g->parties[3].party_name, "Malmö stad");
	assert_int_equal(g->parties[3].kind, PK_KOMMUN);
	assert_true(g->parties[3].deltar);
	assert_int_equal(g->parties[4].kind, PK_REGION);
	assert_int_equal(g->parties[4].agarprovning, AGP_NONE);

	assert_int_equal(store_case_history(x->s, a->id, &h, &n), B_OK);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].from, -1);
	assert_int_equal(h[0].to, ST_IDENTIFIERAD);
	assert_string_equal(h[0].comment, "Ärendet skapades");
	assert_string_equal(h[0].user_name, "Karin Kansli");
	assert_int_equal(h[0].user_id, x->user);
	history_free(h, n);
	assert_int_equal(store_case_history(x->s, 9999, &h, &n), B_NOTFOUND);
	assert_int_equal(store_case_get(x->s, 9999, g), B_NOTFOUND);

	/* Missing förbund, another förbund's need, a stranger party. */
	arende_init(g);
	snprintf(g->title, sizeof(g->title), "X");
	g->forbund_id = 9999;
	assert_int_equal(store_case_create(x->s, g, x->user), B_NOTFOUND);
	memset(&nd, 0, sizeof(nd));
	nd.forbund_id = x->fb2;
	assert_int_equal(store_need_create(x->s, &nd, x->user), B_OK);
	g->forbund_id = x->fb1;
	g->need_id = nd.id;
	assert_int_equal(store_case_create(x->s, g, x->user), B_NOTFOUND);
	g->need_id = 0;
	g->nparties = 1;
	g->parties[0].party_id = x->sthlm;
	assert_int_equal(store_case_create(x->s, g, x->user), B_INVALID);
	free(g);
	free(a);
}

/* True if some history entry's comment is exactly c. */
static bool
has_comment(const struct history_entry *h, size_t n, const char *c)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(h[i].comment, c) == 0) {
			return true;
		}
	}
	return false;
}

static void
test_store_case_save(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_ESF, "Gammal titel");
	struct arende *b = malloc(sizeof(*b)), *g = malloc(sizeof(*g));
	struct history_entry *h;
	size_t n;
	struct raw *db;

	*b = *a;
	snprintf(b->title, sizeof(b->title), "Ny titel");
	b->owner_party_id = x->skane;
	b->granted_amount = 1234567;
	arende_party_mut(b, x->malmo)->mandat = true;
	arende_party_mut(b, x->malmo)->agarprovning = AGP_KAN;
	b->state = ST_UTFORMNING;
	assert_int_equal(store_case_save(x->s, a, b, x->user,
			     "Två parter "
			     "deltar"),
	    B_OK);
	assert_int_equal(store_case_get(x->s, a->id, g), B_OK);
	assert_int_equal(g->version, 2);
	assert_string_equal(g->title, "Ny titel");
	assert_int_equal(g->owner_party_id, x->skane);
	assert_int_equal(g->granted_amount, 1234567);
	assert_int_equal(g->state, ST_UTFORMNING);
	assert_true(arende_party(g, x->malmo)->mandat);
	assert_int_equal(arende_party(g, x->malmo)->agarprovning, AGP_KAN);
	assert_false(arende_party(g, x->lund)->mandat);

	assert_int_equal(store_case_history(x->s, a->id, &h, &n), B_OK);
	/* created + title + owner + amount + mandat + agarprovning + move */
	assert_int_equal(n, 7);
	assert_true(has_comment(h, n,
	    "Titel: Gammal titel \xe2\x86\x92 "
	    "Ny titel"));
	assert_true(has_comment(h, n,
	    "Projektägare: \xe2\x80\x93 \xe2\x86\x92 "
	    "Region Skåne"));
	assert_true(has_comment(h, n,
	    "Beviljat belopp: \xe2\x80\x93 "
	    "\xe2\x86\x92 1\xe2\x80\xaf"
	    "234\xe2\x80\xaf"
	    "567\xc2\xa0kr"));
	assert_true(has_comment(h, n,
	    "Malmö stad \xe2\x80\x93 mandat: nej "
	    "\xe2\x86\x92 ja"));
	assert_int_equal(h[n - 1].from, ST_IDENTIFIERAD);
	assert_int_equal(h[n - 1].to, ST_UTFORMNING);
	assert_string_equal(h[n - 1].comment, "Två parter deltar");
	assert_int_equal(h[1].from, -1);
	assert_int_equal(h[1].to, -1);
	history_free(h, n);
	db = raw_open(x);
	assert_int_equal(
	    raw_count(db,
		"SELECT COUNT(*) FROM audit WHERE "
		"field LIKE 'parties[%].mandat' AND old_value = 'false' AND "
		"new_value = 'true'"),
	    1);
	assert_int_equal(
	    raw_count(db,
		"SELECT COUNT(*) FROM audit WHERE "
		"field = 'title' AND old_value = 'Gammal titel' AND "
		"new_value = 'Ny titel'"),
	    1);
	raw_close(db);

	/* a is stale now (version 1): refused, and nothing written. */
	snprintf(b->title, sizeof(b->title), "Tredje titel");
	assert_int_equal(store_case_save(x->s, a, b, x->user, ""), B_CONFLICT);
	assert_int_equal(store_case_history(x->s, a->id, &h, &n), B_OK);
	assert_int_equal(n, 7);
	history_free(h, n);
	assert_int_equal(store_case_get(x->s, a->id, g), B_OK);
	assert_string_equal(g->title, "Ny titel");

	/* The identity of a case never changes. */
	*b = *g;
	b->kind = KIND_FINSAM;
	assert_int_equal(store_case_save(x->s, g, b, x->user, ""), B_INVALID);
	*b = *g;
	b->id = 9999;
	assert_int_equal(store_case_save(x->s, g, b, x->user, ""), B_INVALID);
	*b = *g;
	snprintf(b->decision_on, sizeof(b->decision_on), "2025-13-01");
	assert_int_equal(store_case_save(x->s, g, b, x->user, ""), B_INVALID);
	free(a);
	free(b);
	free(g);
}

static void
test_store_case_list(void **state)
{
	struct fix *x = *state;
	struct arende *e1 = new_case(x, KIND_ESF, "ESF ett");
	struct arende *f1 = new_case(x, KIND_FINSAM, "Finsam ett");
	struct arende *e2 = new_case(x, KIND_ESF, "ESF två");
	struct arende *b = malloc(sizeof(*b));
	struct case_filter f = { 0, -1, -1, 0, 0, 0 };
	struct case_brief *l;
	int64_t cnt;
	size_t n;

	/*
	 * e1 saved last: newest first (updated_at has whole seconds, so
	 * let one pass). Skåne owns it; AF takes part.
	 */
	sleep(1);
	*b = *e1;
	b->owner_party_id = x->skane;
	arende_party_mut(b, x->af)->deltar = true;
	assert_int_equal(store_case_save(x->s, e1, b, x->user, ""), B_OK);

	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_OK);
	assert_int_equal(n, 3);
	assert_int_equal(l[0].id, e1->id); /* updated last */
	assert_string_equal(l[0].owner_name, "Region Skåne");
	assert_int_equal(l[1].id, e2->id); /* same second: id desc */
	assert_int_equal(l[2].id, f1->id);
	assert_int_equal(l[2].kind, KIND_FINSAM);
	assert_string_equal(l[2].owner_name, "");
	free(l);

	f.forbund_id = x->fb1;
	f.kind = KIND_ESF;
	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_OK);
	assert_int_equal(n, 2);
	free(l);
	assert_int_equal(store_case_count(x->s, &f, &cnt), B_OK);
	assert_int_equal(cnt, 2);
	f.kind = -1;
	f.party_id = x->af;
	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_OK);
	assert_int_equal(n, 1);
	assert_int_equal(l[0].id, e1->id);
	free(l);
	f.party_id = 0;
	f.state = ST_UTFORMNING;
	assert_int_equal(store_case_count(x->s, &f, &cnt), B_OK);
	assert_int_equal(cnt, 0);
	f.state = ST_IDENTIFIERAD;
	f.limit = 2;
	f.offset = 1;
	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_OK);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].id, e2->id);
	free(l);
	assert_int_equal(store_case_count(x->s, &f, &cnt), B_OK);
	assert_int_equal(cnt, 3);
	f.forbund_id = x->fb2;
	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_OK);
	assert_int_equal(n, 0);
	free(l);
	f.kind = 7;
	assert_int_equal(store_case_list(x->s, &f, &l, &n), B_INVALID);
	free(e1);
	free(f1);
	free(e2);
	free(b);
}

/* ---- follow-up ------------------------------------------------------------
 */

/* The group of rows in state st (one per state in these tests). */
static const struct followup_row *
row_in(const struct followup_row *r, size_t n, enum state st)
{
	for (size_t i = 0; i < n; i++) {
		if (r[i].state == st) {
			return &r[i];
		}
	}
	return NULL;
}

/* The cases rows r[0..n) stand for. */
static int64_t
cases_of(const struct followup_row *r, size_t n)
{
	int64_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		sum += r[i].n;
	}
	return sum;
}

/* The kronor applied for that rows r[0..n) carry. */
static int64_t
applied_of(const struct followup_row *r, size_t n)
{
	int64_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		sum += r[i].applied_amount > 0 ? r[i].applied_amount : 0;
	}
	return sum;
}

static void
test_store_followup_rows(void **state)
{
	struct fix *x = *state;
	struct arende *a, *c, *b = malloc(sizeof(*b)), *o;
	struct followup_row *r;
	const struct followup_row *ra, *rc;
	struct followup *fu = malloc(sizeof(*fu));
	struct followup_name *names;
	struct days_bin *bins;
	char today[DATE_LEN];
	size_t n;

	/* a: identified 2024-01-01, passes overens, then avbruten. */
	a = malloc(sizeof(*a));
	arende_init(a);
	a->forbund_id = x->fb1;
	a->kind = KIND_ESF;
	snprintf(a->title, sizeof(a->title), "Passerade överens");
	snprintf(a->identified_on, sizeof(a->identified_on), "2024-01-01");
	assert_int_equal(store_case_create(x->s, a, x->user), B_OK);
	*b = *a;
	b->owner_party_id = x->lund;
	arende_party_mut(b, x->lund)->deltar = true;
	arende_party_mut(b, x->lund)->medfinansiar = true;
	arende_party_mut(b, x->fk)->deltar = true;
	arende_party_mut(b, x->fk)->medfinansiar = true;
	/* Co-finances but does not take part: not a co-financer. */
	arende_party_mut(b, x->skane)->medfinansiar = true;
	b->state = ST_UTFORMNING;
	assert_int_equal(store_case_save(x->s, a, b, x->user, ""), B_OK);
	assert_int_equal(store_case_get(x->s, a->id, a), B_OK);
	move(x, a, ST_OVERENS, "");
	move(x, a, ST_ANSOKAN, "");
	move(x, a, ST_AVBRUTEN, "Medfinansiering saknas");
	/* c: only identified; and one case in the other förbund. */
	c = new_case(x, KIND_ESF, "Bara identifierad");
	o = malloc(sizeof(*o));
	arende_init(o);
	o->forbund_id = x->fb2;
	snprintf(o->title, sizeof(o->title), "Norr");
	assert_int_equal(store_case_create(x->s, o, x->user), B_OK);

	assert_int_equal(store_followup_rows(x->s, x->fb1, "", "", "", &r, &n),
	    B_OK);
	assert_int_equal(n, 2);
	ra = row_in(r, n, ST_AVBRUTEN);
	rc = row_in(r, n, ST_IDENTIFIERAD);
	assert_non_null(ra);
	assert_non_null(rc);
	assert_int_equal(ra->n, 1);
	assert_int_equal(ra->year, 2024);
	assert_int_equal(ra->forbund_id, x->fb1);
	assert_true(ra->passed_overens);
	assert_false(ra->reached_inskickad);
	assert_int_equal(ra->state, ST_AVBRUTEN);
	assert_true(ra->has_owner);
	assert_int_equal(ra->owner_kind, PK_KOMMUN);
	assert_int_equal(ra->cofinancer_kinds,
	    (1u << PK_KOMMUN) | (1u << PK_FK));
	assert_string_equal(ra->identified_on, "2024-01-01");
	assert_false(rc->passed_overens);
	assert_false(rc->has_owner);
	assert_int_equal(rc->cofinancer_kinds, 0);
	free(r);
	/* The period: only a was identified in 2024. */
	assert_int_equal(store_followup_rows(x->s, x->fb1, "", "2024-01-01",
			     "2024-12-31", &r, &n),
	    B_OK);
	assert_int_equal(cases_of(r, n), 1);
	assert_int_equal(r[0].state, ST_AVBRUTEN);
	free(r);
	/* Days: a stood in identifierad from 2024-01-01 until today's
	 * moves; the other states took no whole day. */
	date_today(today);
	assert_int_equal(store_followup_days(x->s, x->fb1, "", "", "", today,
			     &bins, &n),
	    B_OK);
	memset(fu, 0, sizeof(*fu));
	followup_days(bins, n, fu);
	assert_int_equal(fu->esf.days_cases[ST_IDENTIFIERAD], 1);
	assert_int_equal(fu->esf.days_total[ST_IDENTIFIERAD],
	    date_diff_days("2024-01-01", today));
	assert_int_equal(fu->esf.days_median[ST_IDENTIFIERAD],
	    date_diff_days("2024-01-01", today));
	assert_int_equal(fu->esf.days_cases[ST_OVERENS], 0);
	free(bins);
	/* Owners by name: a passed overens with Lunds kommun as owner. */
	assert_int_equal(store_followup_names(x->s, x->fb1, "", "", "", false,
			     &names, &n),
	    B_OK);
	assert_int_equal(n, 1);
	assert_true(followup_row_passed_overens(&names[0].r));
	assert_int_equal(names[0].r.n, 1);
	free(names);
	assert_int_equal(store_followup_names(x->s, x->fb1, "", "", "", true,
			     &names, &n),
	    B_OK);
	assert_int_equal(n, 2); /* FK and Lund; Skåne does not take part */
	free(names);

	/*
	 * Län 12 (Skåne): fb1 by its region, fb2 by its kommun 1280.
	 * Län 01: only fb2. All förbund: 3 cases.
	 */
	assert_int_equal(store_followup_rows(x->s, 0, "12", "", "", &r, &n),
	    B_OK);
	assert_int_equal(cases_of(r, n), 3);
	free(r);
	assert_int_equal(store_followup_rows(x->s, x->fb1, "01", "", "", &r,
			     &n),
	    B_OK);
	assert_int_equal(n, 0);
	free(r);
	assert_int_equal(store_followup_rows(x->s, 0, "01", "", "", &r, &n),
	    B_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].forbund_id, x->fb2);
	free(r);
	assert_int_equal(store_followup_rows(x->s, 0, "25", "", "", &r, &n),
	    B_OK);
	assert_int_equal(n, 0);
	free(r);
	assert_int_equal(store_followup_rows(x->s, 0, "", "", "", &r, &n),
	    B_OK);
	assert_int_equal(cases_of(r, n), 3);
	free(r);
	/*
	 * Whole years come from the sums (case_cube), other periods from
	 * the facts: the same figures. Then a case moves and one gets an
	 * amount applied for: both follow.
	 */
	for (int round = 0; round < 2; round++) {
		struct followup *byyear = calloc(1, sizeof(*byyear));
		struct followup *bydays = calloc(1, sizeof(*bydays));
		int64_t applied[2];

		assert_int_equal(store_followup_rows(x->s, 0, "", "2000-01-01",
				     "2099-12-31", &r, &n),
		    B_OK);
		followup_count(r, n, "2000-01-01", "2099-12-31", byyear);
		applied[0] = applied_of(r, n);
		free(r);
		assert_int_equal(store_followup_rows(x->s, 0, "", "2000-01-02",
				     "2099-12-30", &r, &n),
		    B_OK);
		followup_count(r, n, "2000-01-02", "2099-12-30", bydays);
		applied[1] = applied_of(r, n);
		free(r);
		assert_int_equal(applied[0], round == 0 ? 0 : 1234000);
		assert_int_equal(applied[1], applied[0]);
		assert_int_equal(byyear->esf.identified, 3);
		assert_memory_equal(byyear, bydays, sizeof(*byyear));
		free(byyear);
		free(bydays);
		move(x, c, ST_UTFORMNING, "");
		*b = *c;
		b->applied_amount = 1234000;
		assert_int_equal(store_case_save(x->s, c, b, x->user, ""),
		    B_OK);
		assert_int_equal(store_case_get(x->s, c->id, c), B_OK);
		assert_int_equal(c->applied_amount, 1234000);
	}
	free(a);
	free(b);
	free(c);
	free(o);
	free(fu);
}

/* ---- Finsam: meetings, R1, budgets, participants ------------------------- */

static void
test_store_agenda_r1(void **state)
{
	struct fix *x = *state;
	struct arende *e = new_case(x, KIND_ESF, "ESF-idé");
	struct arende *f = new_case(x, KIND_FINSAM, "Finsam-insats");
	struct meeting *m = calloc(1, sizeof(*m)), *g = calloc(1, sizeof(*g));
	struct agenda_item it;
	struct history_entry *h;
	char sql[160];
	size_t n;
	struct raw *db;

	m->forbund_id = x->fb1;
	snprintf(m->date, sizeof(m->date), "2025-05-20");
	assert_int_equal(store_meeting_create(x->s, m, x->user), B_OK);
	/* R1: an ESF+ case is refused; Finsam only in ansvarsfordelning. */
	assert_int_equal(store_agenda_add(x->s, m->id, e->id, x->user),
	    B_CONFLICT);
	assert_int_equal(store_agenda_add(x->s, m->id, f->id, x->user),
	    B_CONFLICT);
	move(x, f, ST_UTFORMNING, "");
	move(x, f, ST_ANSVARSFORDELNING, "");
	assert_int_equal(store_agenda_add(x->s, m->id, f->id, x->user), B_OK);
	assert_int_equal(store_agenda_add(x->s, m->id, f->id, x->user),
	    B_CONFLICT);
	assert_int_equal(store_agenda_add(x->s, 9999, f->id, x->user),
	    B_NOTFOUND);
	assert_int_equal(store_agenda_add(x->s, m->id, 9999, x->user),
	    B_NOTFOUND);
	assert_int_equal(store_meeting_get(x->s, m->id, g), B_OK);
	assert_int_equal(g->nitems, 1);
	assert_int_equal(g->items[0].case_id, f->id);
	assert_string_equal(g->items[0].title, "Finsam-insats");
	assert_int_equal(g->items[0].position, 1);
	assert_int_equal(g->items[0].outcome, -1);
	assert_int_equal(g->items[0].amount, -1);
	assert_int_equal(store_case_history(x->s, f->id, &h, &n), B_OK);
	assert_string_equal(h[n - 1].comment,
	    "Uppsatt på dagordningen för "
	    "styrelsemötet 2025-05-20");
	history_free(h, n);

	/* The database itself refuses an ESF+ case, whatever the path. */
	db = raw_open(x);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO agenda_item (meeting_id, "
	    "case_id, position) VALUES (%lld, %lld, 9)",
	    (long long)m->id, (long long)e->id);
	assert_int_equal(raw_exec(db, sql), RAW_REFUSED);
	assert_string_equal(db->err, "R1");
	assert_int_equal(raw_exec(db,
			     "UPDATE arende SET kind = 'esf' "
			     "WHERE kind = 'finsam'"),
	    RAW_REFUSED);
	raw_close(db);

	memset(&it, 0, sizeof(it));
	it.case_id = f->id;
	it.outcome = ST_BEVILJAD;
	it.amount = 250000;
	snprintf(it.period_start, sizeof(it.period_start), "2025-07-01");
	snprintf(it.period_end, sizeof(it.period_end), "2026-06-30");
	assert_int_equal(store_agenda_decide(x->s, m->id, &it, x->user), B_OK);
	assert_int_equal(store_meeting_get(x->s, m->id, g), B_OK);
	assert_int_equal(g->items[0].outcome, ST_BEVILJAD);
	assert_int_equal(g->items[0].amount, 250000);
	assert_string_equal(g->items[0].period_end, "2026-06-30");
	it.case_id = e->id;
	assert_int_equal(store_agenda_decide(x->s, m->id, &it, x->user),
	    B_NOTFOUND);
	it.outcome = ST_GENOMFORANDE;
	assert_int_equal(store_agenda_decide(x->s, m->id, &it, x->user),
	    B_INVALID);
	free(e);
	free(f);
	free(m);
	free(g);
}

static void
test_store_agenda_other_forbund(void **state)
{
	struct fix *x = *state;
	struct arende *f = new_case(x, KIND_FINSAM, "Finsam i Sydväst");
	struct meeting *m = calloc(1, sizeof(*m)), *l;
	size_t n;

	move(x, f, ST_UTFORMNING, "");
	move(x, f, ST_ANSVARSFORDELNING, "");
	m->forbund_id = x->fb2;
	snprintf(m->date, sizeof(m->date), "2025-06-01");
	assert_int_equal(store_meeting_create(x->s, m, x->user), B_OK);
	assert_int_equal(store_agenda_add(x->s, m->id, f->id, x->user),
	    B_NOTFOUND);
	snprintf(m->notes, sizeof(m->notes), "Protokoll justerat");
	snprintf(m->date, sizeof(m->date), "2025-06-02");
	assert_int_equal(store_meeting_update(x->s, m, x->user), B_OK);
	assert_int_equal(store_meeting_list(x->s, x->fb2, &l, &n), B_OK);
	assert_int_equal(n, 1);
	assert_string_equal(l[0].date, "2025-06-02");
	assert_string_equal(l[0].notes, "Protokoll justerat");
	assert_int_equal(l[0].nitems, 0);
	free(l);
	m->id = 9999;
	assert_int_equal(store_meeting_update(x->s, m, x->user), B_NOTFOUND);
	m->forbund_id = 9999;
	assert_int_equal(store_meeting_create(x->s, m, x->user), B_NOTFOUND);
	snprintf(m->date, sizeof(m->date), "igår");
	assert_int_equal(store_meeting_create(x->s, m, x->user), B_INVALID);
	free(f);
	free(m);
}

static void
test_store_budget(void **state)
{
	struct fix *x = *state;
	struct budget b, g;
	struct arende *f = new_case(x, KIND_FINSAM, "Beviljad insats");
	struct arende *c = malloc(sizeof(*c));
	int64_t sum;

	memset(&b, 0, sizeof(b));
	b.year = 2025;
	b.n = 4;
	b.o[0] = (struct budget_offer){ .party_id = x->skane,
		.amount = 900000,
		.share_ppm = 1000000 };
	b.o[1] = (struct budget_offer){ .party_id = x->fk, .amount = 2000000 };
	b.o[2] = (struct budget_offer){ .party_id = x->malmo,
		.amount = 600000,
		.share_ppm = 700000 };
	b.o[3] = (struct budget_offer){ .party_id = x->lund,
		.amount = 300000,
		.share_ppm = 300000 };
	assert_int_equal(store_budget_get(x->s, x->fb1, 2025, &g), B_NOTFOUND);
	assert_int_equal(store_budget_put(x->s, x->fb1, &b, x->user), B_OK);
	assert_int_equal(store_budget_get(x->s, x->fb1, 2025, &g), B_OK);
	assert_int_equal(g.year, 2025);
	assert_int_equal(g.n, 4);
	assert_int_equal(g.o[0].party_id, x->fk);
	assert_int_equal(g.o[0].kind, PK_FK);
	assert_int_equal(g.o[0].amount, 2000000);
	assert_int_equal(g.o[1].party_id, x->lund);
	assert_int_equal(g.o[1].share_ppm, 300000);
	assert_int_equal(g.o[3].kind, PK_REGION);
	assert_int_equal(g.frame, 0); /* the domain computes */

	/* A put replaces the year's offers as a whole. */
	b.n = 2;
	b.o[1].amount = 2500000;
	assert_int_equal(store_budget_put(x->s, x->fb1, &b, x->user), B_OK);
	assert_int_equal(store_budget_get(x->s, x->fb1, 2025, &g), B_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.o[0].amount, 2500000);
	/* Atomic: a bad offer leaves the stored budget as it was. */
	b.n = 3;
	b.o[2].party_id = x->sthlm;
	assert_int_equal(store_budget_put(x->s, x->fb1, &b, x->user),
	    B_INVALID);
	b.o[2].party_id = x->fk; /* twice */
	assert_int_equal(store_budget_put(x->s, x->fb1, &b, x->user),
	    B_INVALID);
	b.o[2].party_id = x->malmo;
	b.o[2].amount = -1;
	assert_int_equal(store_budget_put(x->s, x->fb1, &b, x->user),
	    B_INVALID);
	assert_int_equal(store_budget_get(x->s, x->fb1, 2025, &g), B_OK);
	assert_int_equal(g.n, 2);
	assert_int_equal(store_budget_put(x->s, 9999, &b, x->user), B_NOTFOUND);

	*c = *f;
	c->granted_amount = 400000;
	snprintf(c->decision_on, sizeof(c->decision_on), "2025-05-20");
	c->state = ST_BEVILJAD;
	assert_int_equal(store_case_save(x->s, f, c, x->user, ""), B_OK);
	assert_int_equal(store_granted_sum(x->s, x->fb1, 2025, &sum), B_OK);
	assert_int_equal(sum, 400000);
	assert_int_equal(store_granted_sum(x->s, x->fb1, 2024, &sum), B_OK);
	assert_int_equal(sum, 0);
	assert_int_equal(store_granted_sum(x->s, x->fb2, 2025, &sum), B_OK);
	assert_int_equal(sum, 0);
	free(f);
	free(c);
}

/* A saved copy of case a with state, amount, decision and period start. */
static void
grant(struct fix *x, struct arende *a, enum state st, int64_t amount,
    const char *decided, const char *start)
{
	struct arende *c = malloc(sizeof(*c));

	*c = *a;
	c->state = st;
	c->granted_amount = amount;
	snprintf(c->decision_on, sizeof(c->decision_on), "%s", decided);
	snprintf(c->project_start, sizeof(c->project_start), "%s", start);
	assert_int_equal(store_case_save(x->s, a, c, x->user, ""), B_OK);
	free(c);
}

/*
 * R9: a grant counts in the year its period starts (the decision's year
 * without a period), and only once the board granted it.
 */
static void
test_store_granted_year(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_FINSAM, "Period nästa år");
	struct arende *b = new_case(x, KIND_FINSAM, "Utan period");
	struct arende *c = new_case(x, KIND_FINSAM, "Inte beviljad");
	struct arende *d = new_case(x, KIND_FINSAM, "Avslutad");
	struct arende *e = new_case(x, KIND_FINSAM, "Avbruten");
	int64_t sum;

	grant(x, a, ST_BEVILJAD, 200000, "2025-11-20", "2026-01-15");
	grant(x, b, ST_GENOMFORANDE, 50000, "2025-03-01", "");
	grant(x, c, ST_ANSVARSFORDELNING, 7000, "2025-03-01", "2025-04-01");
	grant(x, d, ST_AVSLUTAD, 3000, "2024-12-01", "2025-02-01");
	grant(x, e, ST_AVBRUTEN, 900, "2025-03-01", "2025-04-01");
	assert_int_equal(store_granted_sum(x->s, x->fb1, 2025, &sum), B_OK);
	assert_int_equal(sum, 53000);
	assert_int_equal(store_granted_sum(x->s, x->fb1, 2026, &sum), B_OK);
	assert_int_equal(sum, 200000);
	assert_int_equal(store_granted_sum(x->s, x->fb1, 2024, &sum), B_OK);
	assert_int_equal(sum, 0);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
}

/*
 * The SQL twin of the domain's grant year (R9) is pinned: for cases in
 * every Finsam state, with and without a period, the store's sum for each
 * year is what budget_grant_year and budget_state_granted say it is.
 */
static void
test_store_granted_sum_is_the_domains(void **state)
{
	static const struct {
		const char *decided, *start;
	} dates[] = {
		{ "2025-11-20", "2026-01-15" },
		{ "2025-03-01", "" },
		{ "2024-12-31", "2025-01-01" },
		{ "2026-01-01", "" },
		{ "2024-06-30", "2027-02-28" },
	};
	static const enum state states[] = { ST_IDENTIFIERAD, ST_UTFORMNING,
		ST_ANSVARSFORDELNING, ST_BEVILJAD, ST_AVSLAG, ST_GENOMFORANDE,
		ST_AVSLUTAD, ST_AVBRUTEN };
	struct fix *x = *state;
	int64_t want[2030 - 2023] = { 0 }, sum, amount = 1000;
	size_t i, j;
	int y;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		for (j = 0; j < sizeof(dates) / sizeof(dates[0]); j++) {
			struct arende *a = new_case(x, KIND_FINSAM, "Tvilling");

			amount += 1000;
			grant(x, a, states[i], amount, dates[j].decided,
			    dates[j].start);
			y = budget_grant_year(dates[j].start, dates[j].decided);
			if (budget_state_granted(states[i])) {
				want[y - 2023] += amount;
			}
			free(a);
		}
	}
	for (y = 2023; y < 2030; y++) {
		assert_int_equal(store_granted_sum(x->s, x->fb1, y, &sum),
		    B_OK);
		assert_int_equal(sum, want[y - 2023]);
	}
}

static void
test_store_participants(void **state)
{
	struct fix *x = *state;
	struct arende *f = new_case(x, KIND_FINSAM, "Insats med deltagare");
	struct participants p = { 0 }, *l;
	struct followup_row *r;
	size_t n;

	p.case_id = f->id;
	p.year = 2025;
	p.women = 7;
	p.men = 5;
	p.to_work = 3;
	assert_int_equal(store_participants_put(x->s, &p, x->user), B_OK);
	p.year = 2026;
	p.women = 2;
	p.men = 1;
	assert_int_equal(store_participants_put(x->s, &p, x->user), B_OK);
	p.men = 4; /* replaces 2026 */
	assert_int_equal(store_participants_put(x->s, &p, x->user), B_OK);
	p.other = -1;
	assert_int_equal(store_participants_put(x->s, &p, x->user), B_INVALID);
	p.other = 0;
	p.case_id = 9999;
	assert_int_equal(store_participants_put(x->s, &p, x->user), B_NOTFOUND);
	assert_int_equal(store_participants_list(x->s, f->id, &l, &n), B_OK);
	assert_int_equal(n, 2);
	assert_int_equal(l[0].year, 2025);
	assert_int_equal(l[0].to_work, 3);
	assert_int_equal(l[1].men, 4);
	free(l);
	assert_int_equal(store_followup_rows(x->s, x->fb1, "", "", "", &r, &n),
	    B_OK);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].participants, 7 + 5 + 2 + 4);
	assert_false(r[0].passed_overens);
	free(r);
	free(f);
}

/*
 * Documents (issue 10): a content of three chunks comes back chunk by
 * chunk byte-exact; a version keeps the one before; a missing one is
 * B_NOTFOUND.
 */
static void
test_store_documents(void **state)
{
	struct fix *x = *state;
	struct arende *a = new_case(x, KIND_ESF, "Med dokument");
	struct document *d = calloc(1, sizeof(*d)),
			*v2 = calloc(1, sizeof(*v2));
	struct document *list;
	unsigned char *buf = malloc(DOC_CHUNK);
	size_t n, len, size = 2 * DOC_CHUNK + 1000;
	FILE *f = tmpfile();

	assert_non_null(f);
	for (size_t i = 0; i < size; i++) {
		fputc((int)(i * 7 % 251), f);
	}
	d->case_id = a->id;
	d->kind = DOC_ANSOKAN;
	d->size = (int64_t)size;
	snprintf(d->name, sizeof(d->name), "ansökan.pdf");
	snprintf(d->content_type, sizeof(d->content_type), "application/pdf");
	snprintf(d->sha256, sizeof(d->sha256), "%064d", 0);
	assert_int_equal(store_document_add(x->s, d, f, x->user), B_OK);
	assert_true(d->id > 0);
	assert_int_equal(d->version, 1);
	assert_int_equal(d->forbund_id, x->fb1);
	for (int64_t seq = 0; seq < 3; seq++) {
		assert_int_equal(store_document_chunk(x->s, d->id, seq, buf,
				     &len),
		    B_OK);
		assert_int_equal(len, seq < 2 ? DOC_CHUNK : 1000);
		for (size_t i = 0; i < len; i++) {
			size_t at = (size_t)seq * DOC_CHUNK + i;

			assert_int_equal(buf[i], (unsigned char)(at * 7 % 251));
		}
	}
	assert_int_equal(store_document_chunk(x->s, d->id, 3, buf, &len),
	    B_NOTFOUND);
	*v2 = *d;
	v2->replaces = d->id;
	v2->size = 10;
	assert_int_equal(store_document_add(x->s, v2, f, x->user), B_OK);
	assert_int_equal(v2->version, 2);
	assert_int_equal(store_document_list(x->s, a->id, 0, 0, &list, &n),
	    B_OK);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, d->id);
	assert_int_equal(list[1].replaces, d->id);
	assert_string_equal(list[0].name, "ansökan.pdf");
	free(list);
	assert_int_equal(store_document_get(x->s, 999999, v2), B_NOTFOUND);
	fclose(f);
	free(buf);
	free(v2);
	free(d);
	free(a);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_store_case_create_get),
		T(test_store_case_save),
		T(test_store_case_list),
		T(test_store_followup_rows),
		T(test_store_agenda_r1),
		T(test_store_agenda_other_forbund),
		T(test_store_budget),
		T(test_store_participants),
		T(test_store_granted_sum_is_the_domains),
		T(test_store_granted_year),
		T(test_store_documents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
