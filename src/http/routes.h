/*
 * routes.h - the one route table and every handler it names.
 *
 * Policy lives in the table, not in handlers: the dispatcher enforces it
 * before a handler runs. A path that matches no route is 404; a path that
 * matches with another method is 405 (with Allow). ":id" matches a
 * positive decimal int64 and fills r->id[] in order; anything else in its
 * place is 404. A final "*" segment matches any rest of the path.
 */
#ifndef BERED_ROUTES_H
#define BERED_ROUTES_H

#include "req.h"

enum route_policy {
	P_PUBLIC = 0,
	P_LOGIN = 1 << 0,	/* page: a logged-in session, else 303 /login */
	P_CSRF = 1 << 1,	/* form POST: _csrf must equal the session's */
	P_API = 1 << 2,		/* JSON: bearer token, errors as JSON, 401 */
	P_NOSTORE = 1 << 3	/* Cache-Control: no-store (case data) */
};

typedef void (*handler_fn)(struct req *r);

struct route {
	const char	*method;
	const char	*pattern;
	handler_fn	 fn;
	unsigned	 policy;
};

extern const struct route routes[];
extern const size_t nroutes;

/* ---- platform (http.c, ui_account.c) ---- */
void	 h_healthz(struct req *r);
void	 h_static(struct req *r);		/* /static/... from memory */
void	 h_login_form(struct req *r);
void	 h_login(struct req *r);
void	 h_logout(struct req *r);
void	 h_account(struct req *r);		/* /konto: own API tokens */
void	 h_token_create(struct req *r);
void	 h_token_revoke(struct req *r);

/* ---- API, ESF+ routine (api_*.c) ---- */
void	 api_me(struct req *r);
void	 api_openapi(struct req *r);
void	 api_forbund_list(struct req *r);
void	 api_forbund_get(struct req *r);
void	 api_forbund_create(struct req *r);
void	 api_users_create(struct req *r);
void	 api_needs_list(struct req *r);
void	 api_needs_create(struct req *r);
void	 api_calls_list(struct req *r);
void	 api_calls_create(struct req *r);
void	 api_cases_create(struct req *r);
void	 api_cases_list(struct req *r);
void	 api_case_get(struct req *r);
void	 api_case_patch(struct req *r);
void	 api_case_party_put(struct req *r);
void	 api_case_transition(struct req *r);
void	 api_case_fk_eligibility(struct req *r);
void	 api_followup(struct req *r);

/* ---- UI, ESF+ routine (ui_*.c) ---- */
void	 ui_start(struct req *r);		/* GET / : my to-do */
void	 ui_cases_list(struct req *r);		/* GET /arenden */
void	 ui_case_new(struct req *r);		/* GET /arenden/ny */
void	 ui_case_create(struct req *r);		/* POST /arenden */
void	 ui_case_show(struct req *r);		/* GET /arenden/:id */
void	 ui_case_update(struct req *r);		/* POST /arenden/:id */
void	 ui_case_party(struct req *r);		/* POST /arenden/:id/parter/:id */
void	 ui_case_transition(struct req *r);	/* POST /arenden/:id/overgang */
void	 ui_needs(struct req *r);		/* GET /behov */
void	 ui_need_create(struct req *r);		/* POST /behov */
void	 ui_calls(struct req *r);		/* GET /utlysningar */
void	 ui_call_create(struct req *r);		/* POST /utlysningar */
void	 ui_forbund_list(struct req *r);	/* GET /forbund */
void	 ui_forbund_show(struct req *r);	/* GET /forbund/:id */
void	 ui_forbund_create(struct req *r);	/* POST /forbund */
void	 ui_users(struct req *r);		/* GET /anvandare */
void	 ui_user_create(struct req *r);		/* POST /anvandare */
void	 ui_followup(struct req *r);		/* GET /uppfoljning */

/* ---- Finsam: board, budget, participants (issue 3) ---- */
void	 api_meetings_create(struct req *r);	/* POST /api/v1/forbund/:id/meetings */
void	 api_meetings_list(struct req *r);	/* GET  /api/v1/forbund/:id/meetings */
void	 api_meeting_get(struct req *r);	/* GET  /api/v1/meetings/:id */
void	 api_meeting_agenda(struct req *r);	/* POST /api/v1/meetings/:id/agenda */
void	 api_meeting_decision(struct req *r);	/* POST /api/v1/meetings/:id/decisions */
void	 api_budget_get(struct req *r);		/* GET  /api/v1/forbund/:id/budgets/:id */
void	 api_budget_put(struct req *r);		/* PUT  /api/v1/forbund/:id/budgets/:id */
void	 api_participants_put(struct req *r);	/* PUT  /api/v1/cases/:id/participants/:id */
void	 api_participants_get(struct req *r);	/* GET  /api/v1/cases/:id/participants */
void	 ui_meetings(struct req *r);		/* GET  /styrelse */
void	 ui_meeting_create(struct req *r);	/* POST /styrelse */
void	 ui_meeting_show(struct req *r);	/* GET  /styrelse/moten/:id */
void	 ui_meeting_update(struct req *r);	/* POST /styrelse/moten/:id */
void	 ui_meeting_agenda(struct req *r);	/* POST /styrelse/moten/:id/dagordning */
void	 ui_meeting_decision(struct req *r);	/* POST /styrelse/moten/:id/beslut */
void	 ui_meeting_print(struct req *r);	/* GET  /styrelse/moten/:id/protokoll */
void	 ui_budget(struct req *r);		/* GET  /budget?ar= */
void	 ui_budget_save(struct req *r);		/* POST /budget */
void	 ui_participants_save(struct req *r);	/* POST /arenden/:id/deltagare */

#endif
