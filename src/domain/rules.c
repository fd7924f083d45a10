/*
 * rules.c - the two case state machines of DOMAIN.md 7 and the rules
 * R1-R6 and R8 that guard their moves (R7 is a permission: perm.c; R9
 * money: finsam.c).
 *
 * Every guard is decided here and only here. A check never stops at the
 * first failure: it appends one rule_result per guard, passing or not, so
 * the page can show a checklist and a refused move names every failing
 * rule. Messages are Swedish and name the parties concerned.
 *
 * The helpers over party rows, the R4 and R5 conditions and the
 * per-party checks (party_pending, party_row_check) live in rules_party.c;
 * rules_int.h is what the two files share.
 *
 * Pure: "today", the configuration and the linked call come in through
 * struct rule_ctx. No clock, no file, no database, no stdio (messages are
 * formatted through util/buf).
 */
#include "rules.h"

#include <stdarg.h>
#include <string.h>

#include "rules_int.h"
#include "util/buf.h"
#include "util/text.h"

#define NELEM(x) (sizeof(x) / sizeof((x)[0]))

void
esf_config_default(struct esf_config *c)
{
	text_copy(c->calls_until, sizeof(c->calls_until), "2027-12-31");
	text_copy(c->activity_until, sizeof(c->activity_until), "2029-12-31");
	text_copy(c->period_start, sizeof(c->period_start), "2021-01-01");
}

void
rule_list_init(struct rule_list *l)
{
	memset(l, 0, sizeof(*l));
}

/*
 * Appends a result. The list is bounded (RULES_MAX); when it is full a
 * failure replaces the last passing entry, so that a failing rule is never
 * lost: a refused move must name every failing rule.
 */
void
rule_vadd(struct rule_list *l, const char *rule, bool ok, const char *field,
    const char *fmt, va_list ap)
{
	struct rule_result *r = NULL;
	struct buf b;

	if (l->n < RULES_MAX) {
		r = &l->r[l->n++];
	} else if (!ok) {
		for (size_t i = l->n; i > 0 && r == NULL; i--) {
			if (l->r[i - 1].ok) {
				r = &l->r[i - 1];
			}
		}
	}
	if (r == NULL) {
		return;
	}
	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	text_copy(r->rule, sizeof(r->rule), rule);
	r->ok = ok;
	text_copy(r->field, sizeof(r->field), field);
	text_copy(r->message, sizeof(r->message), buf_cstr(&b));
	buf_free(&b);
}

void
rule_add(struct rule_list *l, const char *rule, bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rule_vadd(l, rule, ok, NULL, fmt, ap);
	va_end(ap);
}

void
rule_add_field(struct rule_list *l, const char *rule, bool ok,
    const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rule_vadd(l, rule, ok, field, fmt, ap);
	va_end(ap);
}

size_t
rule_failures(const struct rule_list *l)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n && i < RULES_MAX; i++) {
		if (!l->r[i].ok) {
			n++;
		}
	}
	return n;
}

/* ctx, or an empty context (no call, no board decision) for NULL. */
const struct rule_ctx *
ctx_or_empty(const struct rule_ctx *ctx)
{
	static const struct rule_ctx empty;

	return ctx != NULL ? ctx : &empty;
}

/* ---- the guards of each edge (DOMAIN.md 7) ---- */

typedef void (*guard_fn)(const struct arende *, enum state,
    const struct rule_ctx *, struct rule_list *);

/* identifierad -> utformning: at least two parties take part. */
static void
g_two_parties(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	size_t n = participants_where(a, NULL, NULL);

	(void)to;
	(void)ctx;
	if (n >= 2) {
		rule_add(l, "G", true, "%zu parter deltar", n);
	} else {
		rule_add(l, "G", false,
		    "Minst två parter måste delta; nu "
		    "deltar %zu",
		    n);
	}
}

/* utformning -> overens / ansvarsfordelning: everyone has förankrat. */
static void
g_forankrad(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)to;
	(void)ctx;
	all_participating(a, l, "G", lacks_forankring,
	    "Alla deltagande parter har förankrat internt",
	    "saknar förankring");
}

/* R3: the owner (not FK) has examined ownership with the answer kan. */
static void
owner_agarprovning(const struct party_row *o, struct rule_list *l)
{
	if (o->agarprovning == AGP_KAN) {
		rule_add(l, "R3", true,
		    "Projektägaren %s har prövat och kan "
		    "vara projektägare",
		    row_name(o));
	} else if (o->agarprovning == AGP_AVSTAR) {
		rule_add(l, "R3", false,
		    "Projektägaren %s har avstått från "
		    "att vara projektägare",
		    row_name(o));
	} else {
		rule_add(l, "R3", false,
		    "Projektägaren %s har inte prövat om "
		    "den kan vara projektägare",
		    row_name(o));
	}
}

/* The checks that apply when FK is the chosen owner (R4, R5, R6). */
static void
fk_owner(const struct arende *a, const struct party_row *o,
    const struct rule_ctx *ctx, struct rule_list *l)
{
	/* R4: FK only as fallback, with every condition. */
	fk_conditions(a, ctx, l);
	/* R6: outside the routine FK cannot be owner. */
	if (outside_routine(a)) {
		rule_add(l, "R6", false,
		    "Ärendet ligger utanför rutinen "
		    "(annan målgrupp eller medfinansiär utanför Finsam), så "
		    "Försäkringskassan kan inte vara projektägare");
	} else {
		rule_add(l, "R6", true, "Ärendet ligger inom rutinen");
	}
	r5_other_performs(a, l);
	(void)fk_row_not_utforare(o, l, true);
}

/* overens -> ansokan: owner, mandate (R2), examination (R3), R4-R6. */
static void
g_overens_ansokan(const struct arende *a, enum state to,
    const struct rule_ctx *ctx, struct rule_list *l)
{
	const struct party_row *o = arende_party(a, a->owner_party_id);
	bool owner_ok = false;

	(void)to;
	if (a->owner_party_id == 0) {
		rule_add(l, "G", false, "Ingen projektägare är vald");
	} else if (o == NULL) {
		rule_add(l, "G", false,
		    "Den valda projektägaren är inte part "
		    "i ärendet");
	} else if (!o->deltar) {
		rule_add(l, "G", false,
		    "Projektägaren %s deltar inte i "
		    "ärendet",
		    row_name(o));
	} else {
		rule_add(l, "G", true, "Projektägare: %s", row_name(o));
		owner_ok = true;
	}
	/* R2: every participating representative has mandate. */
	all_participating(a, l, "R2", lacks_mandat,
	    "Alla deltagande parters representanter har mandat",
	    "saknar mandat att komma överens om projektägare och "
	    "medfinansiärer");
	/* R3: every participating party has examined ownership. */
	all_participating(a, l, "R3", lacks_agarprovning,
	    "Alla deltagande parter har prövat om de kan vara projektägare",
	    "har inte prövat om den kan vara projektägare");
	if (participants_where(a, is_medfinansiar, NULL) > 0) {
		rule_add(l, "G", true, "Minst en part är medfinansiär");
	} else {
		rule_add(l, "G", false,
		    "Ingen deltagande part är "
		    "medfinansiär");
	}
	if (owner_ok && o->kind == PK_FK) {
		fk_owner(a, o, ctx, l);
		return;
	}
	if (owner_ok) {
		owner_agarprovning(o, l);
	}
	for (size_t i = 0; i < nrows(a); i++) {
		(void)fk_row_not_utforare(&a->parties[i], l, false);
	}
}

/* R8: the linked call, or NULL if none is linked and loaded. */
static const struct utlysning *
linked_call(const struct arende *a, const struct rule_ctx *ctx)
{
	if (a->call_id == 0 || ctx->call == NULL ||
	    ctx->call->id != a->call_id) {
		return NULL;
	}
	return ctx->call;
}

/* ansokan -> partsbeslut: R8, an utlysning is linked. */
static void
g_call_linked(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	const struct utlysning *c = linked_call(a, ctx);

	(void)to;
	if (c != NULL) {
		rule_add(l, "R8", true, "Utlysning: %s", c->title);
	} else {
		rule_add(l, "R8", false,
		    "Ingen utlysning är kopplad; en "
		    "ansökan skrivs alltid mot en utlysning");
	}
}

/* R8: submitted within the call's window. */
static void
r8_submitted(const struct arende *a, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	const struct utlysning *c = linked_call(a, ctx);
	const char *d = a->submitted_on;

	if (d[0] == '\0') {
		rule_add(l, "R8", false,
		    "Datum då ansökan skickades in "
		    "saknas");
	} else if (!date_valid(d)) {
		rule_add(l, "R8", false,
		    "Inskickningsdatumet %s är inte ett "
		    "giltigt datum",
		    d);
	} else if (c == NULL) {
		rule_add(l, "R8", false,
		    "Ingen utlysning är kopplad; en "
		    "ansökan skickas alltid mot en utlysning");
	} else if (c->closes[0] != '\0' && strcmp(d, c->closes) > 0) {
		rule_add(l, "R8", false,
		    "Ansökan skickades in %s, efter att "
		    "utlysningen stängde %s",
		    d, c->closes);
	} else if (c->opens[0] != '\0' && strcmp(d, c->opens) < 0) {
		rule_add(l, "R8", false,
		    "Ansökan skickades in %s, innan "
		    "utlysningen öppnade %s",
		    d, c->opens);
	} else {
		rule_add(l, "R8", true,
		    "Ansökan skickades in %s, inom "
		    "utlysningens tid",
		    d);
	}
}

/* partsbeslut -> inskickad: every party said ja; R8 dates. */
static void
g_submit(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)to;
	all_participating(a, l, "G", lacks_ja,
	    "Alla deltagande parter har beslutat ja till sina åtaganden",
	    "har inte beslutat ja till sina åtaganden");
	r8_submitted(a, ctx, l);
}

/* inskickad -> beviljad / avslag: ESF-rådet's decision. */
static void
g_decision(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)ctx;
	if (date_valid(a->decision_on)) {
		rule_add(l, "G", true, "ESF-rådets beslut: %s", a->decision_on);
	} else {
		rule_add(l, "G", false, "Datum för ESF-rådets beslut saknas");
	}
	if (to != ST_BEVILJAD) {
		return;
	}
	if (a->granted_amount >= 0) {
		rule_add(l, "G", true, "Beviljat belopp är angivet");
	} else {
		rule_add(l, "G", false, "Beviljat belopp saknas");
	}
}

/* A named role of the projektorganisation is filled in. */
static void
named(struct rule_list *l, const char *value, const char *what)
{
	if (value[0] != '\0') {
		rule_add(l, "G", true, "%s: %s", what, value);
	} else {
		rule_add(l, "G", false, "%s är inte namngiven", what);
	}
}

/* ESF+ beviljad -> genomforande: projektorganisation; R5 agreement. */
static void
g_esf_start(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	const struct party_row *o = arende_party(a, a->owner_party_id);
	const char *s = a->project_start, *e = a->project_end;

	(void)to;
	if (!date_valid(s) || !date_valid(e)) {
		rule_add(l, "G", false,
		    "Projektperioden (start- och "
		    "slutdatum) är inte angiven");
	} else if (strcmp(s, e) > 0) {
		rule_add(l, "G", false,
		    "Projektperioden slutar %s, före "
		    "startdatumet %s",
		    e, s);
	} else {
		rule_add(l, "G", true, "Projektperiod %s – %s", s, e);
	}
	named(l, a->projektledare, "Projektledare");
	named(l, a->controller, "Controller");
	named(l, a->administrator, "Administratör");
	/*
	 * R5: with FK as owner another party still carries out the
	 * rehabilitation (rows may have changed since ansokan), and an
	 * överenskommelse comes first. R4: now that the project dates are
	 * set, the FK-owned project must end within the programme period.
	 */
	if (o != NULL && o->kind == PK_FK) {
		r4_period(a, ctx, l);
		r5_other_performs(a, l);
		r5_agreement(a, l);
	}
}

/* genomforande -> slutrapporterad: the final report date. */
static void
g_final_report(const struct arende *a, enum state to,
    const struct rule_ctx *ctx, struct rule_list *l)
{
	(void)to;
	(void)ctx;
	if (date_valid(a->final_report_on)) {
		rule_add(l, "G", true, "Slutrapport inlämnad %s",
		    a->final_report_on);
	} else {
		rule_add(l, "G", false, "Datum för slutrapporten saknas");
	}
}

/* -> avbruten: a reason that fits the kind (and a text for "annat"). */
static void
g_reason(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)to;
	(void)ctx;
	if (a->reason <= REASON_NONE || a->reason >= REASON__COUNT) {
		rule_add(l, "G", false,
		    "Ange skälet till att ärendet "
		    "avbryts");
	} else if (!reason_fits(a->kind, a->reason)) {
		/* G: the reason fits the kind of case (ESF+ reasons are
		 * ESF+'s). */
		rule_add_field(l, "G", false, "reason",
		    "Skälet ”%s” gäller ESF+-projekt; en Finsam-insats avbryts "
		    "för att parterna inte kom överens eller av annat skäl",
		    reason_label(a->reason));
	} else if (a->reason == REASON_ANNAT && a->reason_text[0] == '\0') {
		rule_add(l, "G", false,
		    "Beskriv skälet när skälet är "
		    "”Annat skäl”");
	} else {
		rule_add(l, "G", true, "Skäl: %s", reason_label(a->reason));
	}
}

/* -> utanfor_rutinen: R6, another target group or outside co-financer. */
static void
g_outside(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)to;
	(void)ctx;
	if (!a->finsam_malgrupp) {
		rule_add(l, "R6", true, "Målgruppen är inte Finsams målgrupp");
	} else if (a->external_cofinancers[0] != '\0') {
		rule_add(l, "R6", true, "Medfinansiärer utanför Finsam: %s",
		    a->external_cofinancers);
	} else {
		rule_add(l, "R6", false,
		    "Målgruppen är Finsams målgrupp och "
		    "alla medfinansiärer är Finsam-parter i förbundet, så "
		    "ärendet hör till rutinen");
	}
}

/* Finsam genomforande -> avslutad: not before the granted period ends. */
static void
g_finsam_end(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)to;
	if (date_valid(a->project_end) && date_valid(ctx->today) &&
	    strcmp(ctx->today, a->project_end) <= 0) {
		rule_add_field(l, "G", false, "project_end",
		    "Insatsen är beviljad till och med %s och kan avslutas "
		    "först efter det; i dag är det %s",
		    a->project_end, ctx->today);
	} else {
		rule_add(l, "G", true, "Den beviljade perioden är slut");
	}
}

/* Finsam ansvarsfordelning -> beviljad / avslag: R1, R9 the board. */
static void
g_board(const struct arende *a, enum state to, const struct rule_ctx *ctx,
    struct rule_list *l)
{
	(void)a;
	(void)to;
	/* R1, R9: only the board decides, in a meeting. */
	if (ctx->board_decision) {
		rule_add(l, "R1", true,
		    "Förbundsstyrelsens beslut i "
		    "sammanträde");
	} else {
		rule_add(l, "R1", false,
		    "Bara förbundsstyrelsen beslutar om "
		    "finansiering av en Finsam-insats, i ett sammanträde där "
		    "ärendet står på dagordningen");
	}
}

/* ---- the machines ---- */

struct edge {
	enum kind kind;
	enum state from;
	enum state to;
	guard_fn guard; /* NULL: no guard */
};

/* In display order: the main path first, then the exits. */
static const struct edge edges[] = {
	{ KIND_ESF, ST_IDENTIFIERAD, ST_UTFORMNING, g_two_parties },
	{ KIND_ESF, ST_IDENTIFIERAD, ST_AVBRUTEN, g_reason },
	{ KIND_ESF, ST_IDENTIFIERAD, ST_UTANFOR_RUTINEN, g_outside },
	{ KIND_ESF, ST_UTFORMNING, ST_OVERENS, g_forankrad },
	{ KIND_ESF, ST_UTFORMNING, ST_AVBRUTEN, g_reason },
	{ KIND_ESF, ST_UTFORMNING, ST_UTANFOR_RUTINEN, g_outside },
	{ KIND_ESF, ST_OVERENS, ST_ANSOKAN, g_overens_ansokan },
	{ KIND_ESF, ST_OVERENS, ST_AVBRUTEN, g_reason },
	{ KIND_ESF, ST_OVERENS, ST_UTANFOR_RUTINEN, g_outside },
	{ KIND_ESF, ST_ANSOKAN, ST_PARTSBESLUT, g_call_linked },
	{ KIND_ESF, ST_ANSOKAN, ST_AVBRUTEN, g_reason },
	{ KIND_ESF, ST_PARTSBESLUT, ST_INSKICKAD, g_submit },
	{ KIND_ESF, ST_PARTSBESLUT, ST_AVBRUTEN, g_reason },
	{ KIND_ESF, ST_INSKICKAD, ST_BEVILJAD, g_decision },
	{ KIND_ESF, ST_INSKICKAD, ST_AVSLAG, g_decision },
	{ KIND_ESF, ST_BEVILJAD, ST_GENOMFORANDE, g_esf_start },
	{ KIND_ESF, ST_GENOMFORANDE, ST_SLUTRAPPORTERAD, g_final_report },
	{ KIND_ESF, ST_SLUTRAPPORTERAD, ST_AVSLUTAD, NULL },
	{ KIND_FINSAM, ST_IDENTIFIERAD, ST_UTFORMNING, g_two_parties },
	{ KIND_FINSAM, ST_IDENTIFIERAD, ST_AVBRUTEN, g_reason },
	{ KIND_FINSAM, ST_UTFORMNING, ST_ANSVARSFORDELNING, g_forankrad },
	{ KIND_FINSAM, ST_UTFORMNING, ST_AVBRUTEN, g_reason },
	{ KIND_FINSAM, ST_ANSVARSFORDELNING, ST_BEVILJAD, g_board },
	{ KIND_FINSAM, ST_ANSVARSFORDELNING, ST_AVSLAG, g_board },
	{ KIND_FINSAM, ST_ANSVARSFORDELNING, ST_AVBRUTEN, g_reason },
	{ KIND_FINSAM, ST_BEVILJAD, ST_GENOMFORANDE, NULL },
	{ KIND_FINSAM, ST_GENOMFORANDE, ST_AVSLUTAD, g_finsam_end },
};

static const struct edge *
find_edge(enum kind k, enum state from, enum state to)
{
	for (size_t i = 0; i < NELEM(edges); i++) {
		if (edges[i].kind == k && edges[i].from == from &&
		    edges[i].to == to) {
			return &edges[i];
		}
	}
	return NULL;
}

bool
transition_exists(enum kind k, enum state from, enum state to)
{
	return find_edge(k, from, to) != NULL;
}

size_t
transition_targets(enum kind k, enum state from, enum state *out)
{
	size_t n = 0;

	for (size_t i = 0; i < NELEM(edges) && n < ST__COUNT; i++) {
		if (edges[i].kind == k && edges[i].from == from) {
			out[n++] = edges[i].to;
		}
	}
	return n;
}

/* True if l has no failure of rule. */
static bool
no_failure_of(const struct rule_list *l, const char *rule)
{
	for (size_t i = 0; i < l->n; i++) {
		if (!l->r[i].ok && strcmp(l->r[i].rule, rule) == 0) {
			return false;
		}
	}
	return true;
}

size_t
transition_check(const struct arende *a, enum state to,
    const struct rule_ctx *ctx, struct rule_list *out)
{
	const struct edge *e = find_edge(a->kind, a->state, to);

	ctx = ctx_or_empty(ctx);
	rule_list_init(out);
	if (e == NULL) {
		rule_add(out, "G", false,
		    "Ett %s kan inte gå från ”%s” till "
		    "”%s”",
		    a->kind == KIND_FINSAM ? "Finsam-ärende" : "ESF+-ärende",
		    state_label(a->state), state_label(to));
	} else if (e->guard != NULL) {
		e->guard(a, to, ctx, out);
	}
	/*
	 * R6: from Utformning on, an ESF+ case outside the routine (another
	 * target group, or a co-financer outside Finsam) can only leave it.
	 */
	if (e != NULL && a->kind == KIND_ESF && a->state != ST_IDENTIFIERAD &&
	    to != ST_AVBRUTEN && to != ST_UTANFOR_RUTINEN &&
	    outside_routine(a) && no_failure_of(out, "R6")) {
		rule_add(out, "R6", false,
		    "Ärendet ligger utanför rutinen (%s); det kan bara gå "
		    "till Utanför rutinen eller avbrytas",
		    !a->finsam_malgrupp ? "målgruppen är inte Finsams målgrupp"
					: "det har medfinansiärer utanför "
					  "Finsam");
	}
	/* G, R8: no move rests on a date that cannot be true. */
	if (e != NULL && date_valid(ctx->today)) {
		(void)case_dates_check(a, ctx->call, ctx->today, out);
		(void)case_party_dates_check(a, ctx->today, out);
	}
	/* R1: the board never decides on an ESF+ matter. */
	if (a->kind == KIND_ESF && ctx->board_decision) {
		rule_add(out, "R1", false,
		    "ESF+-ärenden tas aldrig upp för "
		    "beslut i förbundsstyrelsen");
	}
	return rule_failures(out);
}

/*
 * R1: an ESF+ case never goes on the board's agenda (the store's trigger
 * refuses it too, by design); G: the board takes up a Finsam insats from
 * ansvarsfordelning, where its decision moves it on.
 */
size_t
board_agenda_check(const struct arende *a, struct rule_list *out)
{
	if (a->kind != KIND_FINSAM) {
		rule_add(out, "R1", false,
		    "ESF+-ärenden tas aldrig upp för "
		    "dialog eller beslut i förbundsstyrelsen; bara "
		    "Finsam-insatser kan stå på styrelsens dagordning.");
		return 1;
	}
	if (a->state != ST_ANSVARSFORDELNING) {
		rule_add(out, "G", false,
		    "Bara Finsam-insatser i steget %s "
		    "kan tas upp av styrelsen; ärendet är i steget %s.",
		    state_label(ST_ANSVARSFORDELNING), state_label(a->state));
		return 1;
	}
	return 0;
}

bool
state_inside_beredning(enum kind k, enum state s)
{
	if (s == ST_IDENTIFIERAD || s == ST_UTFORMNING) {
		return true;
	}
	return k == KIND_ESF ? s == ST_OVERENS : s == ST_ANSVARSFORDELNING;
}

bool
state_is_final(enum state s)
{
	return s == ST_AVSLUTAD || s == ST_AVBRUTEN ||
	    s == ST_UTANFOR_RUTINEN || s == ST_AVSLAG;
}

/*
 * The step of DOMAIN.md 3.2 (ESF+, 1..9) or 3.1 (Finsam, 1..6) on the
 * main path; 0 for avbruten, utanfor_rutinen and states the kind lacks.
 */
int
state_process_step(enum kind k, enum state s)
{
	static const int esf[ST__COUNT] = {
		[ST_IDENTIFIERAD] = 1,
		[ST_UTFORMNING] = 2,
		[ST_OVERENS] = 3,
		[ST_ANSOKAN] = 4,
		[ST_PARTSBESLUT] = 5,
		[ST_INSKICKAD] = 6,
		[ST_BEVILJAD] = 7,
		[ST_AVSLAG] = 7,
		[ST_GENOMFORANDE] = 8,
		[ST_SLUTRAPPORTERAD] = 9,
		[ST_AVSLUTAD] = 9,
	};
	static const int finsam[ST__COUNT] = {
		[ST_IDENTIFIERAD] = 1,
		[ST_UTFORMNING] = 2,
		[ST_ANSVARSFORDELNING] = 3,
		[ST_BEVILJAD] = 4,
		[ST_AVSLAG] = 4,
		[ST_GENOMFORANDE] = 5,
		[ST_AVSLUTAD] = 6,
	};

	if ((int)s < 0 || s >= ST__COUNT) {
		return 0;
	}
	return k == KIND_FINSAM ? finsam[s] : esf[s];
}

const char *
rule_about(const char *id)
{
	static const struct {
		const char *id, *about;
	} about[] = {
		{ "R1", "ESF+ tas aldrig upp i styrelsen" },
		{ "R2", "överenskommelse med mandat från varje part" },
		{ "R3", "varje part prövar om den kan vara projektägare" },
		{ "R4", "Försäkringskassan som projektägare i sista hand" },
		{ "R5", "Försäkringskassan administrerar men utför inte" },
		{ "R6", "Finsams målgrupp och Finsam-parter" },
		{ "R7", "partens egna uppgifter registreras av parten" },
		{ "R8", "ansökan mot en öppen utlysning" },
		{ "R9", "Finsam-medel inom budgetramen" },
		{ "R10", "inga personuppgifter om deltagare" },
	};

	for (size_t i = 0; i < sizeof(about) / sizeof(about[0]); i++) {
		if (strcmp(about[i].id, id) == 0) {
			return about[i].about;
		}
	}
	return "villkor";
}
