/*
 * routes.c - the route table: every URL Bered answers, with its policy.
 * Order matters only for readability; matching is exact per segment.
 */
#include "routes.h"

#define API  (P_API | P_NOSTORE)
#define PAGE (P_LOGIN | P_NOSTORE)
#define FORM (P_LOGIN | P_CSRF | P_NOSTORE)

const struct route routes[] = {
	/* platform */
	{ "GET", "/healthz", h_healthz, P_PUBLIC },
	{ "GET", "/static/*", h_static, P_PUBLIC | P_NODB },
	{ "GET", "/login", h_login_form, P_PUBLIC | P_NOSTORE },
	{ "POST", "/login", h_login, P_PUBLIC | P_NOSTORE | P_SMALL },
	{ "POST", "/logout", h_logout, FORM | P_SMALL | P_PWCHANGE },
	{ "GET", "/konto", h_account, PAGE | P_PWCHANGE },
	{ "POST", "/konto/losenord", h_password_change, FORM | P_PWCHANGE },
	{ "POST", "/konto/aviseringar", h_notify_save, FORM | P_SMALL },
	{ "POST", "/konto/kalender", h_feed_create, FORM | P_SMALL },
	{ "POST", "/konto/kalender/aterkalla", h_feed_revoke, FORM | P_SMALL },
	{ "GET", "/kalender/*", h_calendar, P_PUBLIC | P_NOSTORE },
	{ "POST", "/konto/nycklar", h_token_create, FORM },
	{ "POST", "/konto/nycklar/:id/aterkalla", h_token_revoke, FORM },

	/* API: ESF+ routine */
	{ "GET", "/api/v1/openapi.json", api_openapi, P_PUBLIC | P_NODB },
	{ "GET", "/api/v1/me", api_me, API },
	{ "GET", "/api/v1/forbund", api_forbund_list, API },
	{ "POST", "/api/v1/forbund", api_forbund_create, API },
	{ "GET", "/api/v1/forbund/:id", api_forbund_get, API },
	{ "GET", "/api/v1/users", api_users_list, API },
	{ "POST", "/api/v1/users", api_users_create, API },
	{ "PATCH", "/api/v1/users/:id", api_user_patch, API },
	{ "POST", "/api/v1/me/password", api_me_password, API },
	{ "PUT", "/api/v1/me/notifications", api_me_notifications, API },
	{ "GET", "/api/v1/audit", api_audit, API },
	{ "GET", "/api/v1/forbund/:id/needs", api_needs_list, API },
	{ "POST", "/api/v1/forbund/:id/needs", api_needs_create, API },
	{ "GET", "/api/v1/calls", api_calls_list, API },
	{ "POST", "/api/v1/calls", api_calls_create, API },
	{ "POST", "/api/v1/calls/import", api_calls_import, API },
	{ "GET", "/api/v1/cases", api_cases_list, API },
	{ "POST", "/api/v1/cases", api_cases_create, API },
	{ "GET", "/api/v1/cases/:id", api_case_get, API },
	{ "PATCH", "/api/v1/cases/:id", api_case_patch, API },
	{ "PUT", "/api/v1/cases/:id/parties/:id", api_case_party_put, API },
	{ "POST", "/api/v1/cases/:id/transitions", api_case_transition, API },
	{ "POST", "/api/v1/cases/:id/comments", api_case_comment, API },
	{ "GET", "/api/v1/cases/:id/fk-eligibility", api_case_fk_eligibility,
	    API },
	{ "GET", "/api/v1/followup", api_followup, API },

	/* API: Finsam */
	{ "GET", "/api/v1/forbund/:id/meetings", api_meetings_list, API },
	{ "POST", "/api/v1/forbund/:id/meetings", api_meetings_create, API },
	{ "GET", "/api/v1/meetings/:id", api_meeting_get, API },
	{ "POST", "/api/v1/meetings/:id/agenda", api_meeting_agenda, API },
	{ "DELETE", "/api/v1/meetings/:id/agenda/:id",
	    api_meeting_agenda_remove, API },
	{ "POST", "/api/v1/meetings/:id/decisions", api_meeting_decision, API },
	{ "GET", "/api/v1/forbund/:id/budgets/:id", api_budget_get, API },
	{ "PUT", "/api/v1/forbund/:id/budgets/:id", api_budget_put, API },
	{ "GET", "/api/v1/cases/:id/participants", api_participants_get, API },
	{ "PUT", "/api/v1/cases/:id/participants/:id", api_participants_put,
	    API },

	/* UI: ESF+ routine */
	{ "GET", "/", ui_start, PAGE },
	{ "GET", "/arenden", ui_cases_list, PAGE },
	{ "GET", "/arenden/ny", ui_case_new, PAGE },
	{ "POST", "/arenden", ui_case_create, FORM },
	{ "GET", "/arenden/:id", ui_case_show, PAGE },
	{ "POST", "/arenden/:id", ui_case_update, FORM },
	{ "POST", "/arenden/:id/parter/:id", ui_case_party, FORM },
	{ "POST", "/arenden/:id/overgang", ui_case_transition, FORM },
	{ "POST", "/arenden/:id/kommentar", ui_case_comment, FORM },
	{ "GET", "/behov", ui_needs, PAGE },
	{ "POST", "/behov", ui_need_create, FORM },
	{ "GET", "/utlysningar", ui_calls, PAGE },
	{ "POST", "/utlysningar", ui_call_create, FORM },
	{ "POST", "/utlysningar/import", ui_calls_import, FORM },
	{ "GET", "/utlysningar/:id", ui_call_edit, PAGE },
	{ "POST", "/utlysningar/:id", ui_call_save, FORM },
	{ "GET", "/forbund", ui_forbund_list, PAGE },
	{ "POST", "/forbund", ui_forbund_create, FORM },
	{ "GET", "/forbund/:id", ui_forbund_show, PAGE },
	{ "GET", "/anvandare", ui_users, PAGE },
	{ "POST", "/anvandare", ui_user_create, FORM },
	{ "GET", "/anvandare/:id", ui_user_edit, PAGE },
	{ "POST", "/anvandare/:id", ui_user_save, FORM },
	{ "POST", "/anvandare/:id/losenord", ui_user_password, FORM },
	{ "GET", "/logg", ui_audit, PAGE },
	{ "GET", "/utkorg", ui_outbox, PAGE },
	{ "GET", "/uppfoljning", ui_followup, PAGE },

	/* UI: Finsam */
	{ "GET", "/styrelse", ui_meetings, PAGE },
	{ "POST", "/styrelse", ui_meeting_create, FORM },
	{ "GET", "/styrelse/moten/:id", ui_meeting_show, PAGE },
	{ "POST", "/styrelse/moten/:id", ui_meeting_update, FORM },
	{ "POST", "/styrelse/moten/:id/dagordning", ui_meeting_agenda, FORM },
	{ "POST", "/styrelse/moten/:id/dagordning/:id/stryk",
	    ui_meeting_agenda_remove, FORM },
	{ "POST", "/styrelse/moten/:id/dagordning/:id/upp",
	    ui_meeting_agenda_up, FORM },
	{ "POST", "/styrelse/moten/:id/beslut", ui_meeting_decision, FORM },
	{ "GET", "/styrelse/moten/:id/protokoll", ui_meeting_print, PAGE },
	{ "GET", "/budget", ui_budget, PAGE },
	{ "POST", "/budget", ui_budget_save, FORM },
	{ "POST", "/arenden/:id/deltagare", ui_participants_save, FORM },
};

const size_t nroutes = sizeof(routes) / sizeof(routes[0]);
