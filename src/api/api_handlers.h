/*
 * api_handlers.h - the JSON API handlers that http/routes.c names (api_*.c).
 * Each takes the request the dispatcher has built after enforcing the
 * route's policy (http/routes.c) and answers in r->out.
 */
#ifndef BERED_API_HANDLERS_H
#define BERED_API_HANDLERS_H

#include "http/req.h"

void api_me(struct req *r);
void api_openapi(struct req *r);
void api_forbund_list(struct req *r);
void api_forbund_get(struct req *r);
void api_forbund_create(struct req *r);
void api_users_create(struct req *r);
void api_users_list(struct req *r);
void api_calls_import(struct req *r);
void api_user_patch(struct req *r);
void api_me_password(struct req *r);
void api_me_notifications(struct req *r);
void api_audit(struct req *r);
void api_needs_list(struct req *r);
void api_needs_create(struct req *r);
void api_calls_list(struct req *r);
void api_calls_create(struct req *r);
void api_cases_create(struct req *r);
void api_cases_list(struct req *r);
void api_case_get(struct req *r);
void api_case_patch(struct req *r);
void api_case_party_put(struct req *r);
void api_case_transition(struct req *r);
void api_case_fk_eligibility(struct req *r);
void api_case_comment(struct req *r);
void api_case_documents(struct req *r);
void api_case_document_add(struct req *r);
void api_document_get(struct req *r);
void api_meeting_documents(struct req *r);
void api_meeting_document_add(struct req *r);
void api_group_documents(struct req *r);
void api_group_document_add(struct req *r);
void api_search(struct req *r);
void api_groups_list(struct req *r);
void api_groups_create(struct req *r);
void api_group_get(struct req *r);
void api_group_patch(struct req *r);
void api_group_item_add(struct req *r);
void api_followup(struct req *r);
void api_meetings_create(struct req *r); /* POST /api/v1/forbund/:id/meetings */
void api_meetings_list(struct req *r);   /* GET  /api/v1/forbund/:id/meetings */
void api_meeting_get(struct req *r);     /* GET  /api/v1/meetings/:id */
void api_meeting_agenda(struct req *r);  /* POST /api/v1/meetings/:id/agenda */
void api_meeting_agenda_remove(struct req *r); /* DELETE .../agenda/:id */
void api_meeting_decision(
    struct req *r);                 /* POST /api/v1/meetings/:id/decisions */
void api_budget_get(struct req *r); /* GET  /api/v1/forbund/:id/budgets/:id */
void api_budget_put(struct req *r); /* PUT  /api/v1/forbund/:id/budgets/:id */
void api_participants_put(
    struct req *r); /* PUT  /api/v1/cases/:id/participants/:id */
void api_participants_get(
    struct req *r); /* GET  /api/v1/cases/:id/participants */

#endif
