/*
 * ui_handlers.h - the page handlers that http/routes.c names (ui_*.c), with
 * /healthz, /static and login (ui_account.c).
 * Each takes the request the dispatcher has built after enforcing the
 * route's policy (http/routes.c) and answers in r->out.
 */
#ifndef BERED_UI_HANDLERS_H
#define BERED_UI_HANDLERS_H

#include "http/req.h"

void h_healthz(struct req *r);
void h_static(struct req *r); /* /static/... from memory */
void h_login_form(struct req *r);
void h_login(struct req *r);
void h_logout(struct req *r);
void h_account(struct req *r); /* /konto: own API tokens */
void h_token_create(struct req *r);
void h_password_change(struct req *r);
void h_notify_save(struct req *r);
void h_feed_create(struct req *r);
void h_feed_revoke(struct req *r);
void h_calendar(struct req *r);
void ui_user_edit(struct req *r);
void ui_user_save(struct req *r);
void ui_user_password(struct req *r);
void ui_audit(struct req *r);
void ui_calls_import(struct req *r);
void ui_call_edit(struct req *r);
void ui_call_save(struct req *r);
void ui_outbox(struct req *r);
void h_token_revoke(struct req *r);
void ui_start(struct req *r);       /* GET / : my to-do */
void ui_cases_list(struct req *r);  /* GET /arenden */
void ui_case_new(struct req *r);    /* GET /arenden/ny */
void ui_case_create(struct req *r); /* POST /arenden */
void ui_case_show(struct req *r);   /* GET /arenden/:id */
void ui_case_update(struct req *r); /* POST /arenden/:id */
void ui_case_party(struct req *r);  /* POST /arenden/:id/parter/:id */
void ui_case_transition(struct req *r);
void ui_case_comment(struct req *r);         /* POST /arenden/:id/kommentar */
void ui_case_document_add(struct req *r);    /* POST /arenden/:id/dokument */
void ui_document_download(struct req *r);    /* GET /dokument/:id */
void ui_meeting_document_add(struct req *r); /* POST .../moten/:id/dokument */
void ui_group_document_add(struct req *r);
void ui_search(struct req *r);         /* GET /sok */
void ui_groups(struct req *r);         /* GET /beredningsgrupp */
void ui_group_create(struct req *r);   /* POST /beredningsgrupp */
void ui_group_show(struct req *r);     /* GET /beredningsgrupp/moten/:id */
void ui_group_save(struct req *r);     /* POST /beredningsgrupp/moten/:id */
void ui_group_item(struct req *r);     /* POST .../moten/:id/punkt */
void ui_group_print(struct req *r);    /* GET .../moten/:id/protokoll */
void ui_needs(struct req *r);          /* GET /behov */
void ui_need_create(struct req *r);    /* POST /behov */
void ui_calls(struct req *r);          /* GET /utlysningar */
void ui_call_create(struct req *r);    /* POST /utlysningar */
void ui_forbund_list(struct req *r);   /* GET /forbund */
void ui_forbund_show(struct req *r);   /* GET /forbund/:id */
void ui_forbund_create(struct req *r); /* POST /forbund */
void ui_users(struct req *r);          /* GET /anvandare */
void ui_user_create(struct req *r);    /* POST /anvandare */
void ui_followup(struct req *r);       /* GET /uppfoljning */
void ui_meetings(struct req *r);       /* GET  /styrelse */
void ui_meeting_create(struct req *r); /* POST /styrelse */
void ui_meeting_show(struct req *r);   /* GET  /styrelse/moten/:id */
void ui_meeting_update(struct req *r); /* POST /styrelse/moten/:id */
void ui_meeting_agenda(struct req *r); /* POST /styrelse/moten/:id/dagordning */
/* POST .../dagordning/:id/stryk and .../upp */
void ui_meeting_agenda_remove(struct req *r);
void ui_meeting_agenda_up(struct req *r);
void ui_meeting_decision(struct req *r); /* POST /styrelse/moten/:id/beslut */
void ui_meeting_print(struct req *r); /* GET  /styrelse/moten/:id/protokoll */
void ui_budget(struct req *r);        /* GET  /budget?ar= */
void ui_budget_save(struct req *r);   /* POST /budget */
void ui_participants_save(struct req *r); /* POST /arenden/:id/deltagare */

#endif
