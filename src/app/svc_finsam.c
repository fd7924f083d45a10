/*
 * svc_finsam.c - the Finsam operations shared by the UI and the API
 * (svc_finsam.h): board meetings, the agenda, board decisions, the
 * budget and participant counts.
 *
 * Nothing here decides a rule: permissions come from domain/perm.c, the
 * state machine and what may go on an agenda (R1) from domain/rules.c,
 * the budget frame, the grant year, the over-frame flag and the agenda
 * item a board may decide on (R9) from domain/finsam.c; the store refuses
 * an ESF+ agenda item again (R1, its trigger) whatever its caller
 * checked. Large structs live on the heap.
 */
#include "svc_finsam.h"

#include <stdlib.h>
#include <string.h>

#include "domain/finsam.h"
#include "domain/perm.h"
#include "svc.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
svc_board_access(struct app_ctx *c, int64_t fid, bool edit)
{
	bool ok;

	if (fid <= 0) {
		return B_NOTFOUND;
	}
	ok = edit ? perm_board_edit(c->user, fid)
		  : perm_board_view(c->user, fid);
	if (ok) {
		return B_OK;
	}
	return perm_forbund_visible(c->user, fid) ? B_FORBIDDEN : B_NOTFOUND;
}

int
svc_budget_access(struct app_ctx *c, int64_t fid, bool edit)
{
	if (edit) {
		return svc_board_access(c, fid, true);
	}
	if (fid > 0 && perm_case_create(c->user, fid)) {
		return B_OK; /* the förbund's own ledamöter and kansli */
	}
	return svc_board_access(c, fid, false);
}

int
svc_meeting_get(struct app_ctx *c, int64_t id, bool edit, struct meeting *m)
{
	int err;

	if (id <= 0) {
		return B_NOTFOUND;
	}
	err = store_meeting_get(c->st, id, m);
	if (err != B_OK) {
		return err;
	}
	err = svc_board_access(c, m->forbund_id, edit);
	if (err != B_OK) {
		memset(m, 0, sizeof(*m));
	}
	return err;
}

static void
check_date(const char *date, struct field_errors *fe)
{
	if (date[0] == '\0') {
		field_error_add(fe, "date", "Ange sammanträdets datum.");
	} else if (!date_valid(date)) {
		field_error_add(fe, "date",
		    "Datumet måste skrivas ÅÅÅÅ-MM-DD.");
	}
}

int
svc_meeting_create(struct app_ctx *c, struct meeting *m,
    struct field_errors *fe)
{
	int err;

	err = svc_board_access(c, m->forbund_id, true);
	if (err != B_OK) {
		return err;
	}
	check_date(m->date, fe);
	if (fe->n > 0) {
		return B_INVALID;
	}
	m->nitems = 0;
	return store_meeting_create(c->st, m, c->user->id);
}

static bool
meeting_has_decisions(const struct meeting *m)
{
	size_t i;

	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].outcome >= 0) {
			return true;
		}
	}
	return false;
}

int
svc_meeting_update(struct app_ctx *c, const struct meeting *old,
    const struct meeting *m, struct field_errors *fe)
{
	struct meeting *upd;
	int err;

	err = svc_board_access(c, old->forbund_id, true);
	if (err != B_OK) {
		return err;
	}
	check_date(m->date, fe);
	/* The decisions of a meeting are dated by it: keep the date. */
	if (fe->n == 0 && strcmp(m->date, old->date) != 0 &&
	    meeting_has_decisions(old)) {
		field_error_add(fe, "date",
		    "Datumet kan inte ändras när beslut "
		    "redan har registrerats vid sammanträdet.");
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	upd = xmalloc(sizeof(*upd));
	*upd = *old;
	text_copy(upd->date, sizeof(upd->date), m->date);
	text_copy(upd->present, sizeof(upd->present), m->present);
	text_copy(upd->notes, sizeof(upd->notes), m->notes);
	err = store_meeting_update(c->st, upd, c->user->id);
	free(upd);
	return err;
}

static const struct agenda_item *
agenda_item_of(const struct meeting *m, int64_t case_id)
{
	size_t i;

	for (i = 0; i < m->nitems; i++) {
		if (m->items[i].case_id == case_id) {
			return &m->items[i];
		}
	}
	return NULL;
}

/* The case to put on m's agenda: it must exist in m's förbund. */
static int
agenda_case(struct app_ctx *c, const struct meeting *m, int64_t case_id,
    struct arende *a, struct field_errors *fe)
{
	int err;

	if (case_id <= 0) {
		field_error_add(fe, "case_id", "Välj ett ärende.");
		return B_INVALID;
	}
	err = store_case_get(c->st, case_id, a);
	if (err == B_NOTFOUND ||
	    (err == B_OK && a->forbund_id != m->forbund_id)) {
		field_error_add(fe, "case_id",
		    "Ärendet finns inte i "
		    "förbundet.");
		return B_INVALID;
	}
	return err;
}

int
svc_agenda_remove(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl)
{
	const struct agenda_item *it;
	int err;

	if ((err = svc_board_access(c, m->forbund_id, true)) != B_OK) {
		return err;
	}
	if ((it = agenda_item_of(m, case_id)) == NULL) {
		return B_NOTFOUND;
	}
	if (it->outcome >= 0) {
		rule_add(rl, "G", false,
		    "Styrelsen har redan beslutat om "
		    "ärendet; beslutet står kvar i protokollet.");
		return B_CONFLICT;
	}
	if (strcmp(m->date, c->today) < 0) {
		rule_add(rl, "G", false,
		    "Mötet hölls %s; ett hållet mötes "
		    "dagordning ändras inte. Sätt ärendet på ett kommande "
		    "möte.",
		    m->date);
		return B_CONFLICT;
	}
	err = store_agenda_remove(c->st, m->id, case_id, c->user->id);
	if (err == B_OK) {
		err = store_meeting_get(c->st, m->id, m);
	}
	return err;
}

int
svc_agenda_up(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl)
{
	int err;

	if ((err = svc_board_access(c, m->forbund_id, true)) != B_OK) {
		return err;
	}
	if (agenda_item_of(m, case_id) == NULL) {
		return B_NOTFOUND;
	}
	if (strcmp(m->date, c->today) < 0) {
		rule_add(rl, "G", false,
		    "Mötet hölls %s; ett hållet mötes "
		    "dagordning ändras inte.",
		    m->date);
		return B_CONFLICT;
	}
	err = store_agenda_up(c->st, m->id, case_id, c->user->id);
	if (err == B_CONFLICT) {
		rule_add(rl, "G", false,
		    "Ärendet står redan först på "
		    "dagordningen.");
		return err;
	}
	return err == B_OK ? store_meeting_get(c->st, m->id, m) : err;
}

int
svc_agenda_add(struct app_ctx *c, struct meeting *m, int64_t case_id,
    struct rule_list *rl, struct field_errors *fe)
{
	struct arende *a = xmalloc(sizeof(*a));
	int err;

	err = svc_board_access(c, m->forbund_id, true);
	if (err == B_OK) {
		err = agenda_case(c, m, case_id, a, fe);
	}
	if (err != B_OK) {
		goto out;
	}
	if (agenda_item_of(m, case_id) != NULL) {
		rule_add(rl, "G", false,
		    "Ärendet står redan på "
		    "dagordningen.");
		err = B_CONFLICT;
		goto out;
	}
	if (m->nitems >= MEETING_ITEMS_MAX) {
		rule_add(rl, "G", false,
		    "Dagordningen är full (högst %d "
		    "ärenden).",
		    MEETING_ITEMS_MAX);
		err = B_CONFLICT;
		goto out;
	}
	/* R1 and the state: decided by board_agenda_check (domain/rules.c). */
	if (board_agenda_check(a, rl) > 0) {
		err = B_CONFLICT;
		goto out;
	}
	/* The store refuses an ESF+ case again (R1 trigger), by design. */
	err = store_agenda_add(c->st, m->id, case_id, c->user->id);
	if (err == B_CONFLICT) {
		rule_add(rl, "G", false,
		    "Ärendet kunde inte läggas till på "
		    "dagordningen.");
	}
	if (err == B_OK) {
		err = store_meeting_get(c->st, m->id, m);
	}
out:
	free(a);
	return err;
}

/* Adds an error for field unless the parser already named that field. */
static void
decision_error(struct field_errors *fe, const char *field, const char *msg)
{
	if (field_error_get(fe, field) == NULL) {
		field_error_add(fe, field, "%s", msg);
	}
}

/*
 * The decision's own fields, adding to what the form or JSON parser
 * found so that every error shows at once; the agenda and the case are
 * checked later.
 */
static bool
decision_valid(const struct board_decision *d, struct field_errors *fe)
{
	if (d->case_id <= 0) {
		decision_error(fe, "case_id",
		    "Välj ett ärende på "
		    "dagordningen.");
	}
	if (d->outcome != ST_BEVILJAD && d->outcome != ST_AVSLAG &&
	    d->outcome != OUTCOME_BORDLAGD) {
		decision_error(fe, "outcome",
		    "Välj beslut: beviljad, avslag eller bordlagd.");
		return false;
	}
	if (d->outcome != ST_BEVILJAD) {
		return fe->n == 0;
	}
	if (d->amount < 0) {
		decision_error(fe, "amount",
		    "Ange beviljat belopp i hela "
		    "kronor (0 eller mer).");
	}
	if (!date_valid(d->period_start)) {
		decision_error(fe, "period_start",
		    "Ange periodens första dag "
		    "(ÅÅÅÅ-MM-DD).");
	}
	if (!date_valid(d->period_end)) {
		decision_error(fe, "period_end",
		    "Ange periodens sista dag "
		    "(ÅÅÅÅ-MM-DD).");
	} else if (date_valid(d->period_start) &&
	    strcmp(d->period_start, d->period_end) > 0) {
		decision_error(fe, "period_end",
		    "Periodens sista dag kan inte "
		    "ligga före dess första dag.");
	}
	return fe->n == 0;
}

/*
 * The history comment of a board decision, with the kansli's own text
 * (cut to TEXT_MAX bytes by the caller's copy).
 */
static void
decision_comment(const struct meeting *m, const struct board_decision *d,
    struct buf *out)
{
	char money[64];

	if (d->outcome == ST_BEVILJAD) {
		money_format(d->amount, money, sizeof(money));
		buf_printf(out,
		    "Styrelsens beslut vid sammanträdet %s: "
		    "beviljat %s för perioden %s–%s.",
		    m->date, money, d->period_start, d->period_end);
	} else {
		buf_printf(out, "Styrelsens beslut vid sammanträdet %s: %s.",
		    m->date, d->outcome == ST_AVSLAG ? "avslag" : "bordlagt");
	}
	if (d->comment[0] != '\0') {
		buf_printf(out, " %s", d->comment);
	}
}

/* Applies d to the loaded case a and moves it by a board decision. */
static int
decide_case(struct app_ctx *c, const struct meeting *m,
    const struct board_decision *d, struct arende *a, struct rule_list *rl)
{
	char *comment;
	struct buf b;
	int err;

	if (d->outcome == OUTCOME_BORDLAGD) {
		/* Postponed: no decision, the case waits for a later meeting.
		 */
		return B_OK;
	}
	comment = xmalloc(TEXT_MAX + 1);
	if (d->outcome == ST_BEVILJAD) {
		a->granted_amount = d->amount;
		text_copy(a->project_start, sizeof(a->project_start),
		    d->period_start);
		text_copy(a->project_end, sizeof(a->project_end),
		    d->period_end);
	}
	text_copy(a->decision_on, sizeof(a->decision_on), m->date);
	buf_init(&b);
	decision_comment(m, d, &b);
	text_copy(comment, TEXT_MAX + 1, buf_cstr(&b));
	buf_free(&b);
	err = svc_case_move(c, a, (enum state)d->outcome, comment, true, rl);
	free(comment);
	return err;
}

/* The agenda item of d, checked: on the agenda and not yet decided. */
static const struct agenda_item *
decision_item(const struct meeting *m, const struct board_decision *d,
    struct rule_list *rl)
{
	const struct agenda_item *on = agenda_item_of(m, d->case_id);

	/* R9: decided by board_item_check (domain/finsam.c). */
	if (board_item_check(on != NULL, on != NULL && on->outcome >= 0,
		m->date, rl) > 0) {
		return NULL;
	}
	return on;
}

int
svc_decide(struct app_ctx *c, struct meeting *m, const struct board_decision *d,
    struct arende *a, struct rule_list *rl, struct field_errors *fe,
    struct frame_status *fs)
{
	const struct agenda_item *on;
	struct agenda_item item;
	int err;

	memset(fs, 0, sizeof(*fs));
	err = svc_board_access(c, m->forbund_id, true);
	if (err != B_OK) {
		return err;
	}
	if (!decision_valid(d, fe)) {
		return B_INVALID;
	}
	if ((on = decision_item(m, d, rl)) == NULL) {
		return B_CONFLICT;
	}
	item = *on;
	/*
	 * R9: the grant uses the frame of the year its period starts in (the
	 * meeting's year without a period), as store_granted_sum counts it.
	 */
	err = svc_frame_status(c, m->forbund_id,
	    svc_grant_year(d->outcome == ST_BEVILJAD ? d->period_start : "",
		m->date),
	    fs);
	if (err != B_OK) {
		return err;
	}
	/* R9: decided in finsam.c, a held meeting and the frame's limit. */
	if (decision_meeting_check(m->date, c->today, rl) > 0) {
		return B_CONFLICT;
	}
	if (d->outcome == ST_BEVILJAD) {
		struct frame_status_in in = { fs->year, fs->has_budget,
			fs->frame, fs->granted };

		if (decision_frame_check(&in, d->amount, d->confirm_over_frame,
			rl) > 0) {
			return B_CONFLICT;
		}
	}
	err = store_case_get(c->st, d->case_id, a);
	/*
	 * The case's move and the agenda's record of the decision are one
	 * change: a case never stands beviljad with its decision unrecorded.
	 */
	if (err == B_OK && (err = store_begin(c->st)) == B_OK) {
		err = decide_case(c, m, d, a, rl);
		item.outcome = d->outcome;
		item.amount = d->outcome == ST_BEVILJAD ? d->amount : -1;
		text_copy(item.period_start, sizeof(item.period_start),
		    d->outcome == ST_BEVILJAD ? d->period_start : "");
		text_copy(item.period_end, sizeof(item.period_end),
		    d->outcome == ST_BEVILJAD ? d->period_end : "");
		if (err == B_OK) {
			err = store_agenda_decide(c->st, m->id, &item,
			    c->user->id);
		}
		if (err == B_OK) {
			err = store_commit(c->st);
		}
		if (err != B_OK) {
			(void)store_rollback(c->st);
		}
	}
	if (err != B_OK) {
		return err;
	}
	/*
	 * R9: a grant beyond the year's frame is allowed but flagged; with
	 * no budget for the year every grant is beyond it.
	 */
	if (d->outcome == ST_BEVILJAD) {
		fs->granted += d->amount;
		fs->remaining = fs->frame - fs->granted;
		fs->over = budget_over(fs->has_budget, fs->frame, fs->granted);
	} else {
		fs->over = false;
	}
	return store_meeting_get(c->st, m->id, m);
}

int
svc_frame_status(struct app_ctx *c, int64_t fid, int year,
    struct frame_status *fs)
{
	struct budget *b = xmalloc(sizeof(*b));
	int err;

	memset(fs, 0, sizeof(*fs));
	fs->year = year;
	err = store_budget_get(c->st, fid, year, b);
	if (err == B_OK) {
		budget_compute(b);
		fs->has_budget = true;
		fs->frame = b->frame;
	} else if (err != B_NOTFOUND) {
		goto out;
	}
	err = store_granted_sum(c->st, fid, year, &fs->granted);
	if (err != B_OK) {
		goto out;
	}
	fs->remaining = fs->frame - fs->granted;
	/* R9: decided by budget_over (domain/finsam.c). */
	fs->over = budget_over(fs->has_budget, fs->frame, fs->granted);
out:
	free(b);
	return err;
}

int
svc_budget_get(struct app_ctx *c, int64_t fid, int year, struct budget *b,
    bool *exists)
{
	int err;

	*exists = false;
	err = svc_budget_access(c, fid, false);
	if (err != B_OK) {
		return err;
	}
	err = store_budget_get(c->st, fid, year, b);
	if (err == B_NOTFOUND) {
		memset(b, 0, sizeof(*b));
		b->year = year;
		return B_OK;
	}
	if (err != B_OK) {
		return err;
	}
	b->year = year;
	budget_compute(b);
	*exists = true;
	return B_OK;
}

/* Gives each offer its party's kind (unknown parties are left to R9). */
static void
budget_fill_kinds(struct budget *b, const struct forbund *fb)
{
	const struct party *p;
	size_t i;

	for (i = 0; i < b->n; i++) {
		p = forbund_party(fb, b->o[i].party_id);
		/* AF: no group, not counted in shares. */
		b->o[i].kind = p != NULL ? p->kind : PK_AF;
	}
}

int
svc_budget_save(struct app_ctx *c, int64_t fid, struct budget *b,
    struct rule_list *rl)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	int err;

	err = svc_budget_access(c, fid, true);
	if (err == B_OK) {
		err = store_forbund_get(c->st, fid, fb);
	}
	if (err != B_OK) {
		goto out;
	}
	if (b->year < PARTICIPANTS_YEAR_MIN ||
	    b->year > PARTICIPANTS_YEAR_MAX) {
		rule_add_field(rl, "R9", false, "year",
		    "Året måste vara mellan %d och "
		    "%d.",
		    PARTICIPANTS_YEAR_MIN, PARTICIPANTS_YEAR_MAX);
		err = B_INVALID;
		goto out;
	}
	budget_fill_kinds(b, fb);
	budget_prepare_shares(b);
	/* R9: the frame's inputs, checked in domain/finsam.c. */
	if (budget_check(b, fb, rl) > 0) {
		err = B_INVALID;
		goto out;
	}
	err = store_budget_put(c->st, fid, b, c->user->id);
	if (err == B_OK) {
		budget_compute(b);
	}
out:
	free(fb);
	return err;
}

static void
check_count(int64_t v, const char *field, struct field_errors *fe)
{
	if (v < 0 || v > PARTICIPANTS_MAX) {
		field_error_add(fe, field,
		    "Antalet måste vara ett heltal mellan "
		    "0 och %d.",
		    PARTICIPANTS_MAX);
	}
}

int
svc_participants_save(struct app_ctx *c, const struct arende *a,
    const struct participants *p, struct field_errors *fe)
{
	struct participants row = *p;

	if (a->kind != KIND_FINSAM) {
		return B_CONFLICT;
	}
	if (!perm_case_edit(c->user, a)) {
		return B_FORBIDDEN;
	}
	if (p->year < PARTICIPANTS_YEAR_MIN ||
	    p->year > PARTICIPANTS_YEAR_MAX) {
		field_error_add(fe, "year", "Året måste vara mellan %d och %d.",
		    PARTICIPANTS_YEAR_MIN, PARTICIPANTS_YEAR_MAX);
	} else {
		struct rule_list rl;

		rule_list_init(&rl);
		if (participants_year_check(a, p->year, &rl) > 0) {
			field_error_add(fe, "year", "%s.", rl.r[0].message);
		}
	}
	check_count(p->women, "women", fe);
	check_count(p->men, "men", fe);
	check_count(p->to_work, "to_work", fe);
	check_count(p->to_studies, "to_studies", fe);
	check_count(p->job_seeking, "job_seeking", fe);
	check_count(p->other, "other", fe);
	/*
	 * Input consistency, not a DOMAIN.md rule: the exits are a
	 * breakdown of the year's participants.
	 */
	if (fe->n == 0 &&
	    p->to_work + p->to_studies + p->job_seeking + p->other >
		p->women + p->men) {
		field_error_add(fe, "to_work",
		    "Fler har avslutat insatsen "
		    "(%lld till arbete, studier, arbetssökande eller annat) än "
		    "det finns deltagare (%lld kvinnor och män). Avsluten kan "
		    "vara högst lika många som deltagarna.",
		    (long long)(p->to_work + p->to_studies + p->job_seeking +
			p->other),
		    (long long)(p->women + p->men));
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	row.case_id = a->id;
	/* R10: only these counts are stored; nothing names a person. */
	return store_participants_put(c->st, &row, c->user->id);
}

int
svc_date_year(const char *date)
{
	if (date == NULL || !date_valid(date)) {
		return 0;
	}
	return (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
}

int
svc_grant_year(const char *period_start, const char *decided_on)
{
	/* R9: decided by budget_grant_year (domain/finsam.c). */
	return budget_grant_year(period_start, decided_on);
}
