/*
 * rules_fields.c - what an edit of a case's own fields may not undo
 * (rules.h, case_fields_check).
 *
 * The guards of rules.c are checked when a case moves; without this
 * check a later edit could quietly remove what a move rested on: the
 * projektägare the parties agreed on (R2, and R4 for FK as fallback
 * owner), the utlysning an application was submitted against (R8), or
 * a Finsam insats's grant, which only the board decides (R9). A case in
 * a final state is closed and takes no edit at all (G). Each
 * failure names the field first ("owner_party_id: ..."), so the web
 * layer can show it beside that field and the API can answer 422 naming
 * it.
 *
 * Pure: no I/O; the caller supplies the stored case and the edited one.
 */
#include <string.h>

#include "rules.h"

/* ESF+: the application has been submitted (inskickad or later). */
static bool
esf_submitted(enum state s)
{
	return s == ST_INSKICKAD || s == ST_BEVILJAD || s == ST_AVSLAG ||
	    s == ST_GENOMFORANDE || s == ST_SLUTRAPPORTERAD || s == ST_AVSLUTAD;
}

/* ESF+: ESF-rådet has decided (beviljad or avslag, or later). */
static bool
esf_decided(enum state s)
{
	return esf_submitted(s) && s != ST_INSKICKAD;
}

/* ESF+: granted by ESF-rådet (beviljad or later on that path). */
static bool
esf_granted(enum state s)
{
	return esf_decided(s) && s != ST_AVSLAG;
}

/* ESF+: the project is being or has been carried out. */
static bool
esf_started(enum state s)
{
	return s == ST_GENOMFORANDE || s == ST_SLUTRAPPORTERAD ||
	    s == ST_AVSLUTAD;
}

/* A text or date field was set and is now empty. */
static bool
cleared(const char *before, const char *after)
{
	return before[0] != '\0' && after[0] == '\0';
}

/* Adds a failure when a required text or date was removed. */
static void
keep(struct rule_list *l, const char *rule, const char *field,
    const char *before, const char *after, const char *what)
{
	if (cleared(before, after)) {
		rule_add_field(l, rule, false, field,
		    "%s krävdes för ett steg "
		    "som ärendet redan har tagit och kan inte tas bort",
		    what);
	}
}

/* R9: a Finsam insats's grant is the board's decision, nothing else. */
static void
finsam_money(const struct arende *b, const struct arende *a,
    struct rule_list *l)
{
	static const char msg[] = "sätts bara genom förbundsstyrelsens "
				  "beslut i ett sammanträde";

	if (a->granted_amount != b->granted_amount) {
		rule_add_field(l, "R9", false, "granted_amount",
		    "Beviljat belopp %s", msg);
	}
	if (strcmp(a->decision_on, b->decision_on) != 0) {
		rule_add_field(l, "R9", false, "decision_on", "Beslutsdatum %s",
		    msg);
	}
	if (strcmp(a->project_start, b->project_start) != 0) {
		rule_add_field(l, "R9", false, "project_start",
		    "Den beviljade "
		    "perioden %s",
		    msg);
	}
	if (strcmp(a->project_end, b->project_end) != 0) {
		rule_add_field(l, "R9", false, "project_end",
		    "Den beviljade "
		    "perioden %s",
		    msg);
	}
}

/* R2, R8: what the agreement and the submission fixed. */
static void
esf_fixed(const struct arende *b, const struct arende *a, struct rule_list *l)
{
	/* R2 (R4 for FK): the owner was agreed inside the beredning. */
	if (a->owner_party_id != b->owner_party_id &&
	    !state_inside_beredning(KIND_ESF, b->state)) {
		rule_add_field(l, "R2", false, "owner_party_id",
		    "Parterna kom "
		    "överens om projektägaren i steg 3; den kan inte bytas "
		    "när ärendet har lämnat beredningsstrukturen");
	}
	/* R8: the application went in against this call, on this day. */
	if (esf_submitted(b->state)) {
		if (a->call_id != b->call_id) {
			rule_add_field(l, "R8", false, "call_id",
			    "Ansökan är redan "
			    "inskickad mot utlysningen; utlysningen kan inte "
			    "bytas");
		}
		if (strcmp(a->submitted_on, b->submitted_on) != 0) {
			rule_add_field(l, "R8", false, "submitted_on",
			    "Ansökan är "
			    "redan inskickad; inskickningsdatumet kan inte "
			    "ändras");
		}
	}
}

/* Dates, amounts and names the passed ESF+ guards required. */
static void
esf_kept(const struct arende *b, const struct arende *a, struct rule_list *l)
{
	const struct party_row *o = arende_party(b, b->owner_party_id);

	if (esf_decided(b->state)) {
		keep(l, "G", "decision_on", b->decision_on, a->decision_on,
		    "ESF-rådets beslutsdatum");
	}
	if (esf_granted(b->state) && b->granted_amount >= 0 &&
	    a->granted_amount < 0) {
		rule_add_field(l, "G", false, "granted_amount",
		    "Beviljat belopp "
		    "krävdes för ett steg som ärendet redan har tagit och kan "
		    "inte tas bort");
	}
	if (esf_started(b->state)) {
		keep(l, "G", "project_start", b->project_start,
		    a->project_start, "Projektperiodens start");
		keep(l, "G", "project_end", b->project_end, a->project_end,
		    "Projektperiodens slut");
		keep(l, "G", "projektledare", b->projektledare,
		    a->projektledare, "Projektledaren");
		keep(l, "G", "controller", b->controller, a->controller,
		    "Controllern");
		keep(l, "G", "administrator", b->administrator,
		    a->administrator, "Administratören");
		/* R5: with FK as owner the agreement stays registered. */
		if (o != NULL && o->kind == PK_FK) {
			keep(l, "R5", "overenskommelse_on",
			    b->overenskommelse_on, a->overenskommelse_on,
			    "Överenskommelsen med Försäkringskassan som "
			    "projektägare");
		}
	}
	if (b->state == ST_SLUTRAPPORTERAD || b->state == ST_AVSLUTAD) {
		keep(l, "G", "final_report_on", b->final_report_on,
		    a->final_report_on, "Slutrapportens datum");
	}
}

/*
 * G: the one place deciding that a closed case stays as it was closed;
 * field is the field case_fields_check's failures carry ("state"), or
 * NULL for a party row.
 */
static void
closed(struct rule_list *l, const char *field, enum state s)
{
	rule_add_field(l, "G", false, field,
	    "Ärendet är avslutat (läge: %s) "
	    "och kan inte längre ändras",
	    state_label(s));
}

size_t
case_closed_check(const struct arende *a, struct rule_list *out)
{
	if (!state_is_final(a->state)) {
		return 0;
	}
	closed(out, NULL, a->state);
	return 1;
}

size_t
case_fields_check(const struct arende *before, const struct arende *after,
    struct rule_list *out)
{
	size_t before_n = rule_failures(out);

	if (state_is_final(before->state)) {
		/* G: a closed case refuses the edit as a whole. */
		closed(out, "state", before->state);
	} else if (before->kind == KIND_FINSAM) {
		finsam_money(before, after, out);
	} else {
		esf_fixed(before, after, out);
		esf_kept(before, after, out);
	}
	return rule_failures(out) - before_n;
}
