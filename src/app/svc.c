/*
 * svc.c - the case operations shared by the UI and the API (svc.h): one
 * place that checks visibility and rights (domain/perm.c), validates
 * references against the store, asks domain/rules.c about moves and party
 * rows, and saves through store_case_save.
 *
 * No rule is decided here: this file only gathers what the domain needs
 * (the user, the stored case, the linked call, today) and acts on its
 * answer. Cases are large, so working copies live on the heap.
 */
#include "svc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fields.h"
#include "domain/finsam.h"
#include "domain/perm.h"
#include "notify.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
svc_case_get(struct app_ctx *c, int64_t id, struct arende *a)
{
	int err;

	if (id <= 0) {
		return B_NOTFOUND;
	}
	err = store_case_get(c->st, id, a);
	if (err != B_OK) {
		return err;
	}
	/* Not visible is reported exactly like missing. */
	if (!perm_case_visible(c->user, a)) {
		memset(a, 0, sizeof(*a));
		return B_NOTFOUND;
	}
	return B_OK;
}

/*
 * The parties given on a new case must belong to its förbund; their kind
 * and name are copied from it so the rows are complete for the rules.
 */
static void
check_create_parties(struct arende *a, const struct forbund *fb,
    struct field_errors *fe)
{
	size_t i;

	for (i = 0; i < a->nparties; i++) {
		struct party_row *row = &a->parties[i];
		const struct party *p = forbund_party(fb, row->party_id);
		char field[32];

		if (p != NULL) {
			row->kind = p->kind;
			memcpy(row->party_name, p->name,
			    sizeof(row->party_name));
			continue;
		}
		snprintf(field, sizeof(field), "parties[%zu]", i);
		field_error_add(fe, field, "Part %lld hör inte till förbundet.",
		    (long long)row->party_id);
	}
}

/*
 * A ledamot who identifies a need for a case starts it for its own party:
 * that party takes part, so the creator may go on acting on it.
 */
static void
creator_takes_part(const struct app_ctx *c, struct arende *a)
{
	struct party_row *own;

	if (c->user->role != ROLE_LEDAMOT || c->user->party_id == 0) {
		return;
	}
	if ((own = arende_party_mut(a, c->user->party_id)) == NULL) {
		if (a->nparties >= MAX_PARTIES) {
			return;
		}
		own = &a->parties[a->nparties++];
		memset(own, 0, sizeof(*own));
		own->party_id = c->user->party_id;
	}
	own->deltar = true;
}

int
svc_case_comment(struct app_ctx *c, int64_t id, const char *text,
    struct field_errors *fe, struct history_entry *out)
{
	struct arende *a = xmalloc(sizeof(*a));
	const char *why;
	int err;

	err = svc_case_get(c, id, a);
	free(a);
	if (err != B_OK) {
		return err;
	}
	if ((why = comment_refusal(text)) != NULL) {
		field_error_add(fe, "text", "%s", why);
		return B_INVALID;
	}
	return store_case_comment(c->st, id, c->user->id, text, out);
}

int
svc_case_create(struct app_ctx *c, struct arende *a, struct field_errors *fe)
{
	struct forbund *fb = xmalloc(sizeof(*fb));
	struct need n;
	int err;

	err = store_forbund_get(c->st, a->forbund_id, fb);
	if (err == B_NOTFOUND ||
	    (err == B_OK && !perm_forbund_visible(c->user, a->forbund_id))) {
		field_error_add(fe, "forbund_id", "Förbundet finns inte.");
		err = B_NOTFOUND;
		goto out;
	}
	if (err != B_OK) {
		goto out;
	}
	if (!perm_case_create(c->user, a->forbund_id)) {
		err = B_FORBIDDEN;
		goto out;
	}
	if (a->title[0] == '\0') {
		field_error_add(fe, "title", "Titel måste fyllas i.");
	}
	if (a->need_id != 0) {
		err = store_need_get(c->st, a->need_id, &n);
		if (err != B_OK && err != B_NOTFOUND) {
			goto out;
		}
		if (err == B_NOTFOUND || n.forbund_id != a->forbund_id) {
			field_error_add(fe, "need_id",
			    "Behovet finns inte i förbundets kartläggning.");
		}
	}
	check_create_parties(a, fb, fe);
	if (fe->n > 0) {
		err = B_INVALID;
		goto out;
	}
	creator_takes_part(c, a);
	a->state = ST_IDENTIFIERAD;
	err = store_case_create(c->st, a, c->user->id);
	if (err == B_OK) {
		err = store_case_get(c->st, a->id, a);
	}
out:
	free(fb);
	return err;
}

/*
 * What a step already taken rests on (domain/rules_fields.c: R2, R5, R8,
 * R9) may not be undone by an edit: each failure goes beside its field.
 */
static void
check_fixed_fields(const struct arende *before, const struct arende *after,
    struct field_errors *fe)
{
	struct rule_list rl;
	const struct rule_result *f;
	size_t i;

	rule_list_init(&rl);
	if (case_fields_check(before, after, &rl) == 0) {
		return;
	}
	for (i = 0; i < rl.n; i++) {
		f = &rl.r[i];
		if (f->ok || f->field[0] == '\0') {
			continue; /* rules_fields.c always names one */
		}
		if (strcmp(f->rule, "G") == 0) {
			field_error_add(fe, f->field, "%s.", f->message);
		} else {
			field_error_add(fe, f->field, "%s (%s).", f->message,
			    f->rule);
		}
	}
}

/* True if the case field name differs between a and b. */
static bool
field_changed(const struct arende *a, const struct arende *b, const char *name)
{
	const struct field_def *f = case_field(name);

	return f == NULL ||
	    memcmp((const char *)a + f->off, (const char *)b + f->off,
		f->size) != 0;
}

/*
 * The failures of rl beside their fields, for the fields this edit
 * changed (a date stored long ago does not block an unrelated edit; the
 * move that rests on it is refused instead). A submission date is judged
 * again when the call changes.
 */
static void
rules_to_fields(const struct rule_list *rl, const struct arende *before,
    const struct arende *after, struct field_errors *fe)
{
	for (size_t i = 0; i < rl->n; i++) {
		const struct rule_result *r = &rl->r[i];

		if (r->ok || r->field[0] == '\0') {
			continue;
		}
		if (!field_changed(before, after, r->field) &&
		    !(strcmp(r->field, "submitted_on") == 0 &&
			before->call_id != after->call_id)) {
			continue;
		}
		if (strcmp(r->rule, "G") == 0) {
			field_error_add(fe, r->field, "%s.", r->message);
		} else {
			field_error_add(fe, r->field, "%s (%s).", r->message,
			    r->rule);
		}
	}
}

/* Validates the references and orderings of an edited case into fe. */
/* An amount in kronor: -1 (not set) or 0 up to Finsam money's bound. */
static void
amount_check(struct field_errors *fe, const char *field, const char *label,
    int64_t v)
{
	if (v < -1) {
		field_error_add(fe, field, "%s kan inte vara negativt.", label);
	} else if (v > BUDGET_AMOUNT_MAX) {
		/* The same bound as Finsam money, so sums stay in int64. */
		field_error_add(fe, field,
		    "%s får vara högst 1 000 000 000 000 kr.", label);
	}
}

static int
check_case_fields(struct app_ctx *c, const struct arende *before,
    const struct arende *after, struct field_errors *fe)
{
	struct utlysning call;
	struct rule_list rl;
	bool have_call = false;
	int err;

	if (after->title[0] == '\0') {
		field_error_add(fe, "title", "Titel måste fyllas i.");
	}
	if (after->owner_party_id != 0 &&
	    arende_party(before, after->owner_party_id) == NULL) {
		field_error_add(fe, "owner_party_id",
		    "Projektägaren måste vara en part i förbundet.");
	}
	if (after->call_id != 0) {
		err = store_call_get(c->st, after->call_id, &call);
		if (err == B_NOTFOUND) {
			field_error_add(fe, "call_id",
			    "Utlysningen finns inte.");
		} else if (err != B_OK) {
			return err;
		}
		have_call = err == B_OK;
	}
	/* G, R8: dates that cannot be true, a closed call (domain). */
	rule_list_init(&rl);
	(void)case_dates_check(after, have_call ? &call : NULL, c->today, &rl);
	if (have_call && after->call_id != before->call_id) {
		(void)call_link_check(&call, c->today, &rl);
	}
	rules_to_fields(&rl, before, after, fe);
	amount_check(fe, "granted_amount", "Beviljat belopp",
	    after->granted_amount);
	amount_check(fe, "applied_amount", "Sökt belopp",
	    after->applied_amount);
	check_fixed_fields(before, after, fe);
	return B_OK;
}

bool
svc_case_scope(const struct user *u, int64_t fid, struct case_filter *f)
{
	int only = perm_case_kind_only(u);

	/* R1 (the board: Finsam only) is decided in perm.c. */
	if (only >= 0) {
		if (f->kind >= 0 && f->kind != only) {
			return false; /* a kind the role cannot see */
		}
		f->kind = only;
	}
	switch (u->role) {
	case ROLE_NATIONELL:
	case ROLE_ADMIN:
		f->forbund_id = fid;
		return true;
	case ROLE_ESF_KANSLI:
		/* ESF+ cases where FK takes part. */
		f->forbund_id = fid;
		f->fk_deltar = true;
		return true;
	default:
		f->forbund_id = u->forbund_id;
		return u->forbund_id != 0 && (fid == 0 || fid == u->forbund_id);
	}
}

int
svc_search(struct app_ctx *c, const char *q, struct search_hit **out, size_t *n,
    struct field_errors *fe)
{
	char word[SEARCH_WORDS_MAX][65];
	const char *words[SEARCH_WORDS_MAX];
	struct case_filter f;
	size_t nw = 0, len;

	*out = NULL;
	*n = 0;
	while (q != NULL && *q != '\0' && nw < SEARCH_WORDS_MAX) {
		q += strspn(q, " \t\r\n");
		len = strcspn(q, " \t\r\n");
		if (len == 0) {
			break;
		}
		/* A long word is cut at a character's end: still a prefix. */
		text_copy(word[nw], sizeof(word[nw]), q);
		word[nw][text_prefix(word[nw], len < 64 ? len : 64)] = '\0';
		words[nw] = word[nw];
		nw++;
		q += len;
	}
	if (nw == 0) {
		field_error_add(fe, "q",
		    "Skriv ett eller flera ord att söka "
		    "efter.");
		return B_INVALID;
	}
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.state = -1;
	if (!svc_case_scope(c->user, 0, &f)) {
		return B_OK; /* nothing the user may see */
	}
	return store_search(c->st, words, nw, &f, SEARCH_LIMIT, out, n);
}

int
svc_case_update(struct app_ctx *c, const struct arende *before,
    const struct arende *after, struct field_errors *fe)
{
	struct arende *next;
	int err;

	if (!perm_case_edit(c->user, before)) {
		return B_FORBIDDEN;
	}
	err = check_case_fields(c, before, after, fe);
	if (err != B_OK) {
		return err;
	}
	if (fe->n > 0) {
		return B_INVALID;
	}
	/*
	 * Only case fields change here: identity, state and party rows
	 * keep their stored values whatever the caller passed.
	 */
	next = xmalloc(sizeof(*next));
	*next = *after;
	next->id = before->id;
	next->forbund_id = before->forbund_id;
	next->kind = before->kind;
	next->state = before->state;
	next->version = before->version;
	memcpy(next->identified_on, before->identified_on, DATE_LEN);
	next->nparties = before->nparties;
	memcpy(next->parties, before->parties, sizeof(next->parties));
	err = store_case_save(c->st, before, next, c->user->id, "");
	free(next);
	return err;
}

int
svc_party_update(struct app_ctx *c, const struct arende *before,
    const struct party_row *row, struct rule_list *rl)
{
	const struct party_row *stored;
	struct party_row *dst;
	struct arende *after;
	int err;

	stored = arende_party(before, row->party_id);
	if (stored == NULL) {
		return B_NOTFOUND;
	}
	/* G: a closed case keeps its party rows as they were. */
	if (case_closed_check(before, rl) > 0) {
		return B_CONFLICT;
	}
	/* R7 is decided by perm_party_row_save (domain/perm.c). */
	if (!perm_party_row_save(c->user, stored, row)) {
		rule_add(rl, "R7", false,
		    "Förankring, medfinansiering, mandat, ägarprövning "
		    "och beslut för %s registreras bara av partens egen "
		    "ledamot.",
		    stored->party_name);
		return B_FORBIDDEN;
	}
	/* Only the parties taking part and the kansli (perm.c). */
	if (!perm_party_row_edit(c->user, before, row->party_id)) {
		return B_FORBIDDEN;
	}
	if (party_row_check(row, rl) > 0 ||
	    party_change_check(before, stored, row, c->today, rl) > 0) {
		return B_CONFLICT;
	}
	after = xmalloc(sizeof(*after));
	*after = *before;
	dst = arende_party_mut(after, row->party_id);
	if (dst == NULL) {
		err = B_NOTFOUND;
		goto out;
	}
	dst->deltar = row->deltar;
	dst->medfinansiar = row->medfinansiar;
	memcpy(dst->medfinansiering, row->medfinansiering,
	    sizeof(dst->medfinansiering));
	dst->medfinansiering[sizeof(dst->medfinansiering) - 1] = '\0';
	dst->utforare = row->utforare;
	memcpy(dst->forankrad, row->forankrad, DATE_LEN);
	dst->forankrad[DATE_LEN - 1] = '\0';
	dst->mandat = row->mandat;
	dst->agarprovning = row->agarprovning;
	dst->beslut = row->beslut;
	err = store_case_save(c->st, before, after, c->user->id, "");
	if (err == B_OK) {
		notify_case(c, after, after->state);
	}
out:
	free(after);
	return err;
}

void
svc_rule_ctx(struct app_ctx *c, const struct arende *a, struct rule_ctx *ctx,
    struct utlysning *callbuf)
{
	app_rule_ctx(c, ctx);
	ctx->call = NULL;
	if (a->call_id != 0 &&
	    store_call_get(c->st, a->call_id, callbuf) == B_OK) {
		ctx->call = callbuf;
	}
}

int
svc_case_move(struct app_ctx *c, struct arende *a, enum state to,
    const char *comment, bool board_decision, struct rule_list *rl)
{
	struct rule_ctx ctx;
	struct utlysning call;
	struct arende *before = NULL, *after = NULL;
	int err;

	if (!perm_case_edit(c->user, a)) {
		return B_FORBIDDEN;
	}
	svc_rule_ctx(c, a, &ctx, &call);
	ctx.board_decision = board_decision;
	if (transition_check(a, to, &ctx, rl) > 0) {
		return B_CONFLICT;
	}
	/*
	 * Save against the stored case, not against a: the caller may
	 * have set fields on a (the reason for avbruten) that must be
	 * saved as changes. A stale a is a version conflict.
	 */
	before = xmalloc(sizeof(*before));
	after = xmalloc(sizeof(*after));
	err = store_case_get(c->st, a->id, before);
	if (err != B_OK) {
		goto out;
	}
	if (before->version != a->version) {
		err = B_CONFLICT;
		goto out;
	}
	*after = *a;
	after->state = to;
	err = store_case_save(c->st, before, after, c->user->id,
	    comment != NULL ? comment : "");
	if (err == B_OK) {
		err = store_case_get(c->st, a->id, a);
	}
	if (err == B_OK) {
		notify_case(c, a, before->state);
	}
out:
	free(after);
	free(before);
	return err;
}
