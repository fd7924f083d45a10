/*
 * fuzz_rules.c - the domain checks (rules.c, rules_fields.c) on cases
 * built from any bytes: transition_check, fk_fallback_eligible,
 * case_fields_check, case_closed_check, party_row_check, and the state
 * machine queries.
 *
 * The input is read as a compact description (kind, states, dates from a
 * small table or raw bytes, up to MAX_PARTIES rows, then edits turning
 * the case into its "after" copy). Enums are kept valid, text is valid
 * UTF-8, as the store guarantees. Oracles: no crash; returned counts equal
 * the failing entries; every failing entry has a rule id and a non-empty
 * UTF-8 message; a missing edge always fails; an unchanged open case has
 * no field failures and a closed one exactly one.
 */
#include "fuzz.h"

#include "domain/rules.h"
#include "http/form.h"

static const char *const dates[] = { "", "", "1899-12-31", "1900-01-01",
	"2020-12-31", "2021-01-01", "2023-05-17", "2024-02-29", "2025-06-30",
	"2027-12-31", "2028-01-01", "2029-12-31", "2030-01-01", "2199-12-31",
	"2023-02-30", "x" };

static void
pick_date(struct fuzz_in *in, char out[DATE_LEN])
{
	uint8_t v = fuzz_u8(in);

	if (v < 240) {
		snprintf(out, DATE_LEN, "%s", dates[v % 16]);
	} else {
		/* Not a date, but text as the store holds it: UTF-8. */
		fuzz_str(in, out, DATE_LEN - 1);
		if (!text_valid_utf8(out, false)) {
			snprintf(out, DATE_LEN, "x");
		}
	}
}

/* Text: empty, a name, or raw bytes made valid UTF-8 (else "X"). */
static void
pick_text(struct fuzz_in *in, char *out, size_t cap)
{
	uint8_t v = fuzz_u8(in);

	if (v < 100) {
		out[0] = '\0';
	} else if (v < 200) {
		snprintf(out, cap, "%s", v & 1 ? "Anna Åberg" : "Kommun");
	} else {
		fuzz_str(in, out, cap - 1);
		if (!text_valid_utf8(out, false)) {
			snprintf(out, cap, "X");
		}
	}
}

static void
pick_row(struct fuzz_in *in, struct party_row *p)
{
	uint8_t f;

	memset(p, 0, sizeof(*p));
	p->party_id = fuzz_u8(in) % 8;
	p->kind = (enum party_kind)(fuzz_u8(in) % PK__COUNT);
	f = fuzz_u8(in);
	p->deltar = f & 1;
	p->medfinansiar = f & 2;
	p->utforare = f & 4;
	p->mandat = f & 8;
	p->agarprovning = (enum agarprovning)(fuzz_u8(in) % 3);
	p->beslut = (enum beslut)(fuzz_u8(in) % 3);
	pick_date(in, p->forankrad);
	pick_text(in, p->party_name, sizeof(p->party_name));
	pick_text(in, p->medfinansiering, sizeof(p->medfinansiering));
}

static int64_t
pick_amount(struct fuzz_in *in)
{
	uint8_t v = fuzz_u8(in);

	return v < 80 ? -1
	    : v < 160 ? (int64_t)v * 1000
		      : (int64_t)fuzz_u64(in);
}

/* One field of a set from the input (an edit when called again). */
static void
pick_field(struct fuzz_in *in, struct arende *a, unsigned which)
{
	switch (which % 16) {
	case 0:
		a->owner_party_id = fuzz_u8(in) % 8;
		break;
	case 1:
		a->call_id = fuzz_u8(in) % 3;
		break;
	case 2:
		pick_date(in, a->submitted_on);
		break;
	case 3:
		pick_date(in, a->decision_on);
		break;
	case 4:
		a->granted_amount = pick_amount(in);
		break;
	case 5:
		pick_date(in, a->project_start);
		break;
	case 6:
		pick_date(in, a->project_end);
		break;
	case 7:
		pick_text(in, a->projektledare, sizeof(a->projektledare));
		break;
	case 8:
		pick_text(in, a->controller, sizeof(a->controller));
		break;
	case 9:
		pick_text(in, a->administrator, sizeof(a->administrator));
		break;
	case 10:
		pick_date(in, a->overenskommelse_on);
		break;
	case 11:
		pick_date(in, a->final_report_on);
		break;
	case 12:
		a->reason = (enum reason)(fuzz_u8(in) % REASON__COUNT);
		break;
	case 13:
		pick_text(in, a->esf_arende_id, sizeof(a->esf_arende_id));
		break;
	case 14:
		pick_text(in, a->external_cofinancers,
		    sizeof(a->external_cofinancers));
		break;
	default:
		a->finsam_malgrupp = fuzz_u8(in) & 1;
		break;
	}
}

static void
check_list(const struct rule_list *l, size_t failures)
{
	FUZZ_CHECK(l->n <= RULES_MAX);
	FUZZ_CHECK(rule_failures(l) == failures);
	for (size_t i = 0; i < l->n; i++) {
		const struct rule_result *r = &l->r[i];

		FUZZ_CHECK(memchr(r->rule, '\0', sizeof(r->rule)) != NULL);
		FUZZ_CHECK(
		    memchr(r->message, '\0', sizeof(r->message)) != NULL);
		FUZZ_CHECK(r->rule[0] != '\0');
		FUZZ_CHECK(r->ok || r->message[0] != '\0');
		FUZZ_CHECK(text_valid_utf8(r->message, false));
	}
}

static void
check_machine(enum kind k, enum state from)
{
	enum state t[ST__COUNT];
	size_t n = transition_targets(k, from, t), m = 0;
	int step = state_process_step(k, from);

	FUZZ_CHECK(n <= ST__COUNT);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(transition_exists(k, from, t[i]));
	}
	for (int s = 0; s < ST__COUNT; s++) {
		m += transition_exists(k, from, (enum state)s);
	}
	FUZZ_CHECK(m == n);
	FUZZ_CHECK(step >= 0 && step <= 9);
	(void)state_inside_beredning(k, from);
}

static void
build(struct fuzz_in *in, struct arende *a, struct rule_ctx *ctx,
    struct utlysning *call, enum state *to)
{
	uint8_t f;

	arende_init(a);
	a->id = 1;
	a->forbund_id = 1;
	a->kind = (enum kind)(fuzz_u8(in) % 2);
	a->state = (enum state)(fuzz_u8(in) % ST__COUNT);
	*to = (enum state)(fuzz_u8(in) % ST__COUNT);
	f = fuzz_u8(in);
	snprintf(a->title, sizeof(a->title), "Ärende");
	pick_date(in, a->identified_on);
	for (unsigned i = 0; i < 16; i++) {
		pick_field(in, a, i);
	}
	pick_text(in, a->reason_text, sizeof(a->reason_text));
	a->nparties = fuzz_u8(in) % (MAX_PARTIES + 1);
	for (size_t i = 0; i < a->nparties; i++) {
		pick_row(in, &a->parties[i]);
	}
	memset(ctx, 0, sizeof(*ctx));
	pick_date(in, ctx->today);
	ctx->board_decision = f & 1;
	if (f & 2) {
		memset(call, 0, sizeof(*call));
		call->id = a->call_id;
		pick_date(in, call->opens);
		pick_date(in, call->closes);
		call->esf_share_pct = fuzz_u8(in) % 101;
		ctx->call = call;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arende a, b;
	static struct esf_config cfg;
	struct fuzz_in in = { data, size };
	struct rule_ctx ctx;
	struct utlysning call;
	struct rule_list l;
	enum state to;
	size_t n, edits;
	bool ok;

	esf_config_default(&cfg);
	build(&in, &a, &ctx, &call, &to);
	ctx.cfg = &cfg;

	n = transition_check(&a, to, &ctx, &l);
	check_list(&l, n);
	FUZZ_CHECK(transition_exists(a.kind, a.state, to) || n >= 1);
	FUZZ_CHECK(!(a.kind == KIND_ESF && ctx.board_decision) || n >= 1);
	n = transition_check(&a, to, NULL, &l);
	check_list(&l, n);

	ok = fk_fallback_eligible(&a, &ctx, &l);
	check_list(&l, rule_failures(&l));
	FUZZ_CHECK(ok == (rule_failures(&l) == 0));

	rule_list_init(&l);
	n = case_fields_check(&a, &a, &l);
	check_list(&l, n);
	FUZZ_CHECK(n == (state_is_final(a.state) ? 1 : 0));
	rule_list_init(&l);
	FUZZ_CHECK(case_closed_check(&a, &l) == state_is_final(a.state));
	check_list(&l, state_is_final(a.state) ? 1 : 0);

	b = a;
	edits = fuzz_u8(&in) % 8;
	for (size_t i = 0; i < edits; i++) {
		pick_field(&in, &b, fuzz_u8(&in));
	}
	rule_list_init(&l);
	n = case_fields_check(&a, &b, &l);
	check_list(&l, n);
	for (size_t i = 0; i < l.n; i++) {
		/* "field: message", the API field name first. */
		FUZZ_CHECK(l.r[i].ok || strstr(l.r[i].message, ": ") != NULL);
	}

	rule_list_init(&l);
	for (size_t i = 0; i < a.nparties; i++) {
		size_t before = rule_failures(&l);

		n = party_row_check(&a.parties[i], &l);
		FUZZ_CHECK(rule_failures(&l) - before == n);
		FUZZ_CHECK(
		    !(a.parties[i].kind == PK_FK && a.parties[i].utforare) ||
		    n >= 1 || l.n == RULES_MAX);
	}
	check_list(&l, rule_failures(&l));
	check_machine(a.kind, a.state);
	return 0;
}
