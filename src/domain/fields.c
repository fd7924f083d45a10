/*
 * fields.c - the tables of fields.h. The order is the order of the
 * history's audit rows and of the case form.
 */
#include "fields.h"

#include <string.h>

/* clang-format off: one field per line reads best as written */
#define CF(n, l, t, f)                                                         \
	{                                                                      \
#n, l, t, offsetof(struct arende, n),                          \
		    sizeof(((struct arende *)0)->n), f                         \
	}

const struct field_def case_fields[] = {
	CF(title, "Titel", FT_TEXT, FF_PATCH | FF_REQUIRED),
	CF(description, "Beskrivning", FT_LONGTEXT, FF_PATCH),
	CF(finsam_malgrupp, "Finsams målgrupp", FT_BOOL, FF_PATCH),
	CF(external_cofinancers, "Externa medfinansiärer", FT_TEXT, FF_PATCH),
	CF(need_id, "Behov", FT_ID, 0),
	CF(owner_party_id, "Projektägare", FT_PARTY, FF_PATCH),
	CF(call_id, "Utlysning", FT_CALL, FF_PATCH),
	CF(identified_on, "Identifierad", FT_DATE, FF_REQUIRED),
	CF(submitted_on, "Inskickad", FT_DATE, FF_PATCH),
	CF(esf_arende_id, "ESF-rådets ärende-id", FT_TEXT, FF_PATCH),
	CF(applied_amount, "Sökt belopp", FT_MONEY, FF_PATCH),
	CF(decision_on, "Beslutsdatum", FT_DATE, FF_PATCH),
	CF(granted_amount, "Beviljat belopp", FT_MONEY, FF_PATCH),
	CF(project_start, "Projektstart", FT_DATE, FF_PATCH),
	CF(project_end, "Projektslut", FT_DATE, FF_PATCH),
	CF(projektledare, "Projektledare", FT_TEXT, FF_PATCH),
	CF(controller, "Controller", FT_TEXT, FF_PATCH),
	CF(administrator, "Administratör", FT_TEXT, FF_PATCH),
	CF(overenskommelse_on, "Överenskommelse", FT_DATE, FF_PATCH),
	CF(final_report_on, "Slutrapport", FT_DATE, FF_PATCH),
	CF(reason, "Skäl", FT_REASON, 0),
	CF(reason_text, "Skäl (fritext)", FT_TEXT, 0),
};
#undef CF
/* clang-format on */
const size_t ncase_fields = sizeof(case_fields) / sizeof(case_fields[0]);

/* clang-format off */
#define PF(n, l, t)                                                            \
	{ #n, l, t, offsetof(struct party_row, n),                             \
		sizeof(((struct party_row *)0)->n), 0 }

const struct field_def party_fields[] = {
	PF(deltar, "deltar", FT_BOOL),
	PF(medfinansiar, "medfinansierar", FT_BOOL),
	PF(medfinansiering, "medfinansiering", FT_TEXT),
	PF(utforare, "utförare", FT_BOOL),
	PF(forankrad, "förankrad", FT_DATE),
	PF(mandat, "mandat", FT_BOOL),
	PF(agarprovning, "ägarprövning", FT_AGP),
	PF(beslut, "beslut", FT_BESLUT),
};
#undef PF
/* clang-format on */
const size_t nparty_fields = sizeof(party_fields) / sizeof(party_fields[0]);

const struct field_def *
case_field(const char *name)
{
	for (size_t i = 0; i < ncase_fields; i++) {
		if (strcmp(case_fields[i].name, name) == 0) {
			return &case_fields[i];
		}
	}
	return NULL;
}
