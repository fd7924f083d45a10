/*
 * store.c - the backend dispatch behind store.h. store_open() picks the
 * backend by URL (a file path = SQLite, "postgres://..." = PostgreSQL);
 * every other function forwards through the backend's
 * struct store_ops. No SQL and no policy here: contracts are in store.h.
 */
#include <stdio.h>
#include <string.h>

#include "store_int.h"

int
store_open(const char *url, struct store **out, char *err, size_t errlen)
{
	*out = NULL;
	if (url == NULL || url[0] == '\0') {
		snprintf(err, errlen, "Ingen databas angiven (--db).");
		return B_INVALID;
	}
	if (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0) {
		return store_pg_open(url, out, err, errlen);
	}
	if (strncmp(url, "sqlite://", 9) == 0) {
		url += 9;
	}
	return store_sqlite_open(url, out, err, errlen);
}

void
store_close(struct store *s)
{
	if (s != NULL) {
		s->ops->close(s);
	}
}

void
store_set_now(struct store *s, int64_t t)
{
	s->now = t;
}

int
store_backup(struct store *s, const char *path, char *err, size_t errlen)
{
	return s->ops->backup(s, path, err, errlen);
}

int
store_copy(struct store *src, struct store *dst, struct copy_table **out,
    size_t *n, char *err, size_t errlen)
{
	*out = NULL;
	*n = 0;
	if (src->ops != dst->ops) {
		snprintf(err, errlen, "Databaserna kan inte kopieras mellan.");
		return B_INVALID;
	}
	return src->ops->copy(src, dst, out, n, err, errlen);
}

int
store_migrate(struct store *s, char *err, size_t errlen)
{
	return s->ops->migrate(s, err, errlen);
}

int
store_schema_version(struct store *s, int *db_version, int *binary_version)
{
	return s->ops->schema_version(s, db_version, binary_version);
}

int
store_begin(struct store *s)
{
	return s->ops->begin(s);
}

int
store_commit(struct store *s)
{
	return s->ops->commit(s);
}

int
store_rollback(struct store *s)
{
	return s->ops->rollback(s);
}

int
store_read_begin(struct store *s)
{
	return s != NULL ? s->ops->read_begin(s) : B_OK;
}

void
store_read_end(struct store *s)
{
	if (s != NULL) {
		s->ops->read_end(s);
	}
}

/* ---- förbund and parties ------------------------------------------ */

int
store_forbund_create(struct store *s, const struct forbund *in, int64_t actor,
    int64_t *id)
{
	return s->ops->forbund_create(s, in, actor, id);
}

int
store_forbund_get(struct store *s, int64_t id, struct forbund *out)
{
	return s->ops->forbund_get(s, id, out);
}

int
store_forbund_name(struct store *s, int64_t id, char *name, size_t namelen)
{
	return s->ops->forbund_name(s, id, name, namelen);
}

int
store_forbund_list(struct store *s, struct forbund_brief **out, size_t *n)
{
	return s->ops->forbund_list(s, out, n);
}

int
store_party_get(struct store *s, int64_t id, struct party *out)
{
	return s->ops->party_get(s, id, out);
}

/* ---- users ---------------------------------------------------------- */

int
store_user_create(struct store *s, const struct user *u, const char *pwhash,
    int64_t actor, int64_t *id)
{
	return s->ops->user_create(s, u, pwhash, actor, id);
}

int
store_user_get(struct store *s, int64_t id, struct user *out)
{
	return s->ops->user_get(s, id, out);
}

int
store_user_by_email(struct store *s, const char *email, struct user *out,
    char *pwhash, size_t pwlen)
{
	return s->ops->user_by_email(s, email, out, pwhash, pwlen);
}

int
store_user_set_pwhash(struct store *s, int64_t user_id, const char *hash)
{
	return s->ops->user_set_pwhash(s, user_id, hash);
}

int
store_user_list(struct store *s, int64_t forbund_id, struct user **out,
    size_t *n)
{
	return s->ops->user_list(s, forbund_id, out, n);
}

/* ---- sessions, throttling, tokens ----------------------------------- */

int
store_session_create(struct store *s, const struct session *in)
{
	return s->ops->session_create(s, in);
}

int
store_session_get(struct store *s, const char *id_hash, struct session *out)
{
	return s->ops->session_get(s, id_hash, out);
}

int
store_session_touch(struct store *s, const char *id_hash, int64_t now)
{
	return s->ops->session_touch(s, id_hash, now);
}

int
store_session_delete(struct store *s, const char *id_hash)
{
	return s->ops->session_delete(s, id_hash);
}

int
store_session_purge(struct store *s, int64_t idle_before, int64_t abs_before)
{
	return s->ops->session_purge(s, idle_before, abs_before);
}

int
store_throttle_take(struct store *s, const struct throttle_key *keys, size_t n,
    int64_t now, int64_t since, bool *allowed)
{
	*allowed = false;
	return s->ops->throttle_take(s, keys, n, now, since, allowed);
}

int
store_throttle_release(struct store *s, const char *key)
{
	return s->ops->throttle_release(s, key);
}

int
store_throttle_clear(struct store *s, const char *key)
{
	return s->ops->throttle_clear(s, key);
}

int
store_token_create(struct store *s, int64_t user_id, const char *name,
    const char *hash, int64_t *id)
{
	return s->ops->token_create(s, user_id, name, hash, id);
}

int
store_token_user(struct store *s, const char *hash, int64_t *user_id)
{
	return s->ops->token_user(s, hash, user_id);
}

int
store_token_list(struct store *s, int64_t user_id, struct api_token **out,
    size_t *n)
{
	return s->ops->token_list(s, user_id, out, n);
}

int
store_token_revoke(struct store *s, int64_t user_id, int64_t token_id)
{
	return s->ops->token_revoke(s, user_id, token_id);
}

/* ---- needs and calls ------------------------------------------------ */

int
store_need_create(struct store *s, struct need *in, int64_t actor)
{
	return s->ops->need_create(s, in, actor);
}

int
store_need_get(struct store *s, int64_t id, struct need *out)
{
	return s->ops->need_get(s, id, out);
}

int
store_need_list(struct store *s, int64_t forbund_id, struct need **out,
    size_t *n)
{
	return s->ops->need_list(s, forbund_id, out, n);
}

int
store_call_create(struct store *s, struct utlysning *in, int64_t actor)
{
	return s->ops->call_create(s, in, actor);
}

int
store_call_get(struct store *s, int64_t id, struct utlysning *out)
{
	return s->ops->call_get(s, id, out);
}

int
store_call_list(struct store *s, struct utlysning **out, size_t *n)
{
	return s->ops->call_list(s, out, n);
}

/* ---- cases ------------------------------------------------------------- */

int
store_case_create(struct store *s, struct arende *a, int64_t actor)
{
	return s->ops->case_create(s, a, actor);
}

int
store_case_get(struct store *s, int64_t id, struct arende *out)
{
	return s->ops->case_get(s, id, out);
}

int
store_case_list(struct store *s, const struct case_filter *f,
    struct case_brief **out, size_t *n)
{
	return s->ops->case_list(s, f, out, n);
}

int
store_case_count(struct store *s, const struct case_filter *f, int64_t *n)
{
	return s->ops->case_count(s, f, n);
}

int
store_search(struct store *s, const char *const *words, size_t nwords,
    const struct case_filter *scope, size_t limit, struct search_hit **out,
    size_t *n)
{
	return s->ops->search(s, words, nwords, scope, limit, out, n);
}

int
store_group_create(struct store *s, struct group_meeting *g, int64_t actor)
{
	return s->ops->group_create(s, g, actor);
}

int
store_group_get(struct store *s, int64_t id, struct group_meeting *out)
{
	return s->ops->group_get(s, id, out);
}

int
store_group_list(struct store *s, int64_t fid, int64_t case_id,
    struct group_meeting_brief **out, size_t *n)
{
	return s->ops->group_list(s, fid, case_id, out, n);
}

int
store_group_save(struct store *s, const struct group_meeting *g, int64_t actor)
{
	return s->ops->group_save(s, g, actor);
}

int
store_group_item_add(struct store *s, int64_t meeting,
    const struct group_item *it, int64_t actor)
{
	return s->ops->group_item_add(s, meeting, it, actor);
}

int
store_document_add(struct store *s, struct document *d, FILE *f, int64_t actor)
{
	return s->ops->document_add(s, d, f, actor);
}

int
store_document_get(struct store *s, int64_t id, struct document *out)
{
	return s->ops->document_get(s, id, out);
}

int
store_document_list(struct store *s, int64_t case_id, int64_t meeting_id,
    int64_t group_id, struct document **out, size_t *n)
{
	return s->ops->document_list(s, case_id, meeting_id, group_id, out, n);
}

int
store_document_chunk(struct store *s, int64_t id, int64_t seq, void *buf,
    size_t *len)
{
	return s->ops->document_chunk(s, id, seq, buf, len);
}

int
store_case_updated(struct store *s, int64_t id, char out[TS_LEN])
{
	return s->ops->case_updated(s, id, out);
}

int
store_case_save(struct store *s, const struct arende *before,
    const struct arende *after, int64_t actor, const char *comment)
{
	return s->ops->case_save(s, before, after, actor, comment);
}

int
store_case_history(struct store *s, int64_t case_id, struct history_entry **out,
    size_t *n)
{
	return s->ops->case_history(s, case_id, out, n);
}

int
store_case_comment(struct store *s, int64_t case_id, int64_t actor,
    const char *text, struct history_entry *out)
{
	return s->ops->case_comment(s, case_id, actor, text, out);
}

int
store_followup_rows(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct followup_row **out, size_t *n)
{
	return s->ops->followup_rows(s, forbund_id, lan, from, to, out, n);
}

int
store_forbund_lans(struct store *s, struct forbund_lan **out, size_t *n)
{
	return s->ops->forbund_lans(s, out, n);
}

int
store_member_kommuner(struct store *s, char (**out)[8], size_t *n)
{
	return s->ops->member_kommuner(s, out, n);
}

int
store_followup_quarters(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, struct followup_row **out, size_t *n)
{
	return s->ops->followup_quarters(s, forbund_id, lan, from, to, out, n);
}

int
store_followup_frames(struct store *s, int64_t forbund_id, const char *lan,
    int y0, int y1, struct fu_frame **out, size_t *n)
{
	return s->ops->followup_frames(s, forbund_id, lan, y0, y1, out, n);
}

int
store_followup_names(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, bool cofin, struct followup_name **out,
    size_t *n)
{
	return s->ops->followup_names(s, forbund_id, lan, from, to, cofin, out,
	    n);
}

int
store_followup_days(struct store *s, int64_t forbund_id, const char *lan,
    const char *from, const char *to, const char *today, struct days_bin **out,
    size_t *n)
{
	return s->ops->followup_days(s, forbund_id, lan, from, to, today, out,
	    n);
}

/* ---- Finsam ------------------------------------------------------------ */

int
store_meeting_create(struct store *s, struct meeting *in, int64_t actor)
{
	return s->ops->meeting_create(s, in, actor);
}

int
store_meeting_get(struct store *s, int64_t id, struct meeting *out)
{
	return s->ops->meeting_get(s, id, out);
}

int
store_meeting_list(struct store *s, int64_t forbund_id, struct meeting **out,
    size_t *n)
{
	return s->ops->meeting_list(s, forbund_id, out, n);
}

int
store_meeting_update(struct store *s, const struct meeting *in, int64_t actor)
{
	return s->ops->meeting_update(s, in, actor);
}

int
store_agenda_add(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	return s->ops->agenda_add(s, meeting_id, case_id, actor);
}

int
store_agenda_remove(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	return s->ops->agenda_remove(s, meeting_id, case_id, actor);
}

int
store_agenda_up(struct store *s, int64_t meeting_id, int64_t case_id,
    int64_t actor)
{
	return s->ops->agenda_up(s, meeting_id, case_id, actor);
}

int
store_agenda_decide(struct store *s, int64_t meeting_id,
    const struct agenda_item *item, int64_t actor)
{
	return s->ops->agenda_decide(s, meeting_id, item, actor);
}

int
store_budget_get(struct store *s, int64_t forbund_id, int year,
    struct budget *out)
{
	return s->ops->budget_get(s, forbund_id, year, out);
}

int
store_budget_put(struct store *s, int64_t forbund_id, const struct budget *in,
    int64_t actor)
{
	return s->ops->budget_put(s, forbund_id, in, actor);
}

int
store_granted_sum(struct store *s, int64_t forbund_id, int year, int64_t *sum)
{
	return s->ops->granted_sum(s, forbund_id, year, sum);
}

int
store_participants_put(struct store *s, const struct participants *in,
    int64_t actor)
{
	return s->ops->participants_put(s, in, actor);
}

int
store_participants_list(struct store *s, int64_t case_id,
    struct participants **out, size_t *n)
{
	return s->ops->participants_list(s, case_id, out, n);
}

int
store_user_page(struct store *s, int64_t forbund_id, int64_t after,
    size_t limit, struct user **out, size_t *n, int64_t *total)
{
	return s->ops->user_page(s, forbund_id, after, limit, out, n, total);
}

int
store_user_update(struct store *s, int64_t actor, const struct user *after)
{
	return s->ops->user_update(s, actor, after);
}

int
store_user_set_password(struct store *s, int64_t actor, int64_t user_id,
    const char *hash, bool must_change, const char *keep_session)
{
	return s->ops->user_set_password(s, actor, user_id, hash, must_change,
	    keep_session);
}

int
store_user_set_notify(struct store *s, int64_t user_id, enum notify_mode m)
{
	return s->ops->user_set_notify(s, user_id, m);
}

int
store_audit_list(struct store *s, const struct audit_filter *f,
    struct audit_row **out, size_t *n, int64_t *total)
{
	return s->ops->audit_list(s, f, out, n, total);
}

int
store_notice_add(struct store *s, int64_t user_id, int64_t case_id,
    const char *key, const char *subject, const char *body)
{
	return s->ops->notice_add(s, user_id, case_id, key, subject, body);
}

int
store_notice_waiting(struct store *s, struct notice_mail **out, size_t *n)
{
	return s->ops->notice_waiting(s, out, n);
}

int
store_mail_queue(struct store *s, const struct mail *m, const int64_t *ids,
    size_t n, const char *digest_date)
{
	return s->ops->mail_queue(s, m, ids, n, digest_date);
}

int
store_notice_skip(struct store *s, int64_t user_id)
{
	return s->ops->notice_skip(s, user_id);
}

int
store_mail_due(struct store *s, int64_t now, size_t limit, struct mail **out,
    size_t *n)
{
	return s->ops->mail_due(s, now, limit, out, n);
}

int
store_mail_sent(struct store *s, int64_t id)
{
	return s->ops->mail_sent(s, id);
}

int
store_mail_failed(struct store *s, int64_t id, int64_t next_try,
    const char *error)
{
	return s->ops->mail_failed(s, id, next_try, error);
}

int
store_mail_wake(struct store *s, int64_t now)
{
	return s->ops->mail_wake(s, now);
}

int
store_mail_list(struct store *s, size_t limit, struct mail **out, size_t *n,
    int64_t *waiting, int64_t *failing)
{
	return s->ops->mail_list(s, limit, out, n, waiting, failing);
}

int
store_cases_still(struct store *s, const char *before, int64_t **ids, size_t *n)
{
	return s->ops->cases_still(s, before, ids, n);
}

int
store_cases_call_closing(struct store *s, const char *from, const char *to,
    int64_t **ids, size_t *n)
{
	return s->ops->cases_call_closing(s, from, to, ids, n);
}

int
store_call_update(struct store *s, const struct utlysning *in, int64_t actor)
{
	return s->ops->call_update(s, in, actor);
}

int
store_feed_set(struct store *s, int64_t user_id, const char *hash)
{
	return s->ops->feed_set(s, user_id, hash);
}

int
store_feed_user(struct store *s, const char *hash, int64_t *user_id)
{
	return s->ops->feed_user(s, hash, user_id);
}
