/*
 * rules_dates.c - what can be true of a case's dates and of an edit of a
 * party row (rules.h: case_dates_check, party_change_check).
 *
 * Dates record things done, so they follow each other and never lie in
 * the future (DOMAIN.md 7): identified <= förankrad <= today; identified
 * <= submitted <= ESF-rådet's decision <= today, and the submission falls
 * within the linked call (R8, so back-dating cannot defeat it); project
 * start < project end <= final report <= today; the överenskommelse is
 * dated no later than today. A party field is set only from the step it
 * belongs to, and once the parties agreed (overens) who takes part and
 * who co-finances are fixed (R2).
 *
 * Every failure carries the field it concerns as data and names the date
 * it conflicts with. Pure: the caller supplies today.
 */
#include <string.h>

#include "rules.h"
#include "util/date.h"

/* date (field f, labelled what) is set and lies after today. */
static void
not_future(struct rule_list *l, const char *f, const char *what,
    const char *date, const char *today)
{
	if (date_valid(date) && strcmp(date, today) > 0) {
		rule_add_field(l, "G", false, f,
		    "%s (%s) ligger i framtiden; i dag är det %s", what, date,
		    today);
	}
}

/* Both set, and date (field f) lies before earlier (labelled ewhat). */
static void
not_before(struct rule_list *l, const char *f, const char *what,
    const char *date, const char *ewhat, const char *earlier)
{
	if (date_valid(date) && date_valid(earlier) &&
	    strcmp(date, earlier) < 0) {
		rule_add_field(l, "G", false, f,
		    "%s (%s) kan inte ligga före %s (%s)", what, date, ewhat,
		    earlier);
	}
}

size_t
case_dates_check(const struct arende *a, const struct utlysning *call,
    const char *today, struct rule_list *out)
{
	size_t before = rule_failures(out);
	const char *id = a->identified_on;

	not_future(out, "identified_on", "Identifieringsdatumet", id, today);
	not_before(out, "submitted_on", "Inskickningsdatumet", a->submitted_on,
	    "identifieringsdatumet", id);
	not_future(out, "submitted_on", "Inskickningsdatumet", a->submitted_on,
	    today);
	/* R8: a submission within the linked call, also when back-dated. */
	if (call != NULL && date_valid(a->submitted_on)) {
		not_before(out, "submitted_on", "Inskickningsdatumet",
		    a->submitted_on, "utlysningens öppningsdatum", call->opens);
		if (date_valid(call->closes) &&
		    strcmp(a->submitted_on, call->closes) > 0) {
			rule_add_field(out, "R8", false, "submitted_on",
			    "Inskickningsdatumet (%s) ligger efter att "
			    "utlysningen stängde (%s)",
			    a->submitted_on, call->closes);
		}
	}
	if (a->kind == KIND_ESF) {
		not_before(out, "decision_on", "ESF-rådets beslutsdatum",
		    a->decision_on, "inskickningsdatumet", a->submitted_on);
		not_before(out, "decision_on", "ESF-rådets beslutsdatum",
		    a->decision_on, "identifieringsdatumet", id);
		not_future(out, "decision_on", "ESF-rådets beslutsdatum",
		    a->decision_on, today);
	}
	if (date_valid(a->project_start) && date_valid(a->project_end) &&
	    strcmp(a->project_start, a->project_end) >= 0) {
		rule_add_field(out, "G", false, "project_end",
		    "Periodens slut (%s) måste ligga efter dess start (%s)",
		    a->project_end, a->project_start);
	}
	not_before(out, "final_report_on", "Slutrapportens datum",
	    a->final_report_on, "projektperiodens slut", a->project_end);
	not_future(out, "final_report_on", "Slutrapportens datum",
	    a->final_report_on, today);
	not_future(out, "overenskommelse_on", "Överenskommelsens datum",
	    a->overenskommelse_on, today);
	not_before(out, "overenskommelse_on", "Överenskommelsens datum",
	    a->overenskommelse_on, "identifieringsdatumet", id);
	return rule_failures(out) - before;
}

size_t
case_party_dates_check(const struct arende *a, const char *today,
    struct rule_list *out)
{
	size_t before = rule_failures(out);

	for (size_t i = 0; i < a->nparties && i < MAX_PARTIES; i++) {
		const struct party_row *p = &a->parties[i];

		if (!p->deltar || !date_valid(p->forankrad)) {
			continue;
		}
		if (strcmp(p->forankrad, today) > 0) {
			rule_add_field(out, "G", false, "forankrad",
			    "%s har förankring daterad %s, i framtiden; i dag "
			    "är det %s",
			    p->party_name, p->forankrad, today);
		}
		not_before(out, "forankrad", "Förankringen", p->forankrad,
		    "identifieringsdatumet", a->identified_on);
	}
	return rule_failures(out) - before;
}

size_t
call_link_check(const struct utlysning *call, const char *today,
    struct rule_list *out)
{
	/* R8: an application is written against a call that is still open. */
	if (date_valid(call->closes) && strcmp(call->closes, today) < 0) {
		rule_add_field(out, "R8", false, "call_id",
		    "Utlysningen ”%s” stängde %s; en ansökan kan inte skrivas "
		    "mot en stängd utlysning",
		    call->title, call->closes);
		return 1;
	}
	return 0;
}

/* The ESF+ step of state s: 1 identifierad ... 9, by DOMAIN.md 3.2. */
static int
esf_step(enum state s)
{
	switch (s) {
	case ST_IDENTIFIERAD:
		return 1;
	case ST_UTFORMNING:
		return 2;
	case ST_OVERENS:
		return 3;
	case ST_ANSOKAN:
		return 4;
	case ST_PARTSBESLUT:
		return 5;
	case ST_INSKICKAD:
		return 6;
	case ST_BEVILJAD:
	case ST_AVSLAG:
		return 7;
	default:
		return 9;
	}
}

/*
 * A party field that changed in an edit at step: false (and a failure)
 * when the step is not one where it is set. lo..hi are ESF+ steps.
 */
static bool
in_step(struct rule_list *l, const struct arende *a, const char *f,
    const char *what, int lo, int hi)
{
	int step = esf_step(a->state);

	if (step >= lo && step <= hi) {
		return true;
	}
	rule_add_field(l, "G", false, f,
	    "%s registreras %s; ärendet är nu i läget %s", what,
	    lo == hi && lo == 5 ? "i steget Parternas beslut"
		: lo == 2       ? "från steget Utformning och förankring"
				: "i stegen inom beredningen",
	    state_label(a->state));
	return false;
}

size_t
party_change_check(const struct arende *a, const struct party_row *stored,
    const struct party_row *row, const char *today, struct rule_list *out)
{
	size_t before = rule_failures(out);
	bool esf = a->kind == KIND_ESF;
	bool fixed = esf ? esf_step(a->state) > 3
			 : a->state != ST_IDENTIFIERAD &&
		a->state != ST_UTFORMNING && a->state != ST_ANSVARSFORDELNING;

	/* R2: once agreed, who takes part and who co-finances are fixed. */
	if (fixed && stored->deltar != row->deltar) {
		rule_add_field(out, "R2", false, "deltar",
		    "Vilka parter som deltar är fastslaget sedan parterna "
		    "kom överens och kan inte ändras i läget %s",
		    state_label(a->state));
	}
	if (fixed && stored->medfinansiar != row->medfinansiar) {
		rule_add_field(out, "R2", false, "medfinansiar",
		    "Vilka parter som medfinansierar är fastslaget sedan "
		    "parterna kom överens och kan inte ändras i läget %s",
		    state_label(a->state));
	}
	if (fixed && strcmp(stored->forankrad, row->forankrad) != 0) {
		rule_add_field(out, "R2", false, "forankrad",
		    "Förankringen låg till grund för överenskommelsen och kan "
		    "inte ändras i läget %s",
		    state_label(a->state));
	} else if (strcmp(stored->forankrad, row->forankrad) != 0 &&
	    row->forankrad[0] != '\0') {
		/* Step 2: förankring happens while the idea is designed. */
		if (a->state == ST_IDENTIFIERAD) {
			rule_add_field(out, "G", false, "forankrad",
			    "Förankringen registreras från steget Utformning "
			    "och förankring; ärendet är nu i läget %s",
			    state_label(a->state));
		}
		not_future(out, "forankrad", "Förankringen", row->forankrad,
		    today);
		not_before(out, "forankrad", "Förankringen", row->forankrad,
		    "identifieringsdatumet", a->identified_on);
	}
	if (esf &&
	    (stored->mandat != row->mandat ||
		stored->agarprovning != row->agarprovning)) {
		/* Steps 2-3: mandate and ownership examination, R2, R3. */
		(void)in_step(out, a,
		    stored->mandat != row->mandat ? "mandat" : "agarprovning",
		    "Mandat och ägarprövning", 2, 3);
	}
	if (esf && stored->beslut != row->beslut) {
		/* Step 5: each party's formal decision on its commitments. */
		(void)in_step(out, a, "beslut", "Partens formella beslut", 5,
		    5);
	}
	return rule_failures(out) - before;
}
