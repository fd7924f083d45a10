/*
 * finsam.c - Finsam money (DOMAIN.md 2, rule R9): checks a förbund's
 * budget offers, computes the budget frame T, which party binds it and
 * what each party pays, in whole kronor that add up exactly to T.
 *
 * Pure C: no I/O, no allocation. The web layer converts input into a
 * struct budget, calls budget_prepare_shares() and budget_check(), stores
 * it and calls budget_compute() to show or answer it.
 *
 * The frame (R9, DOMAIN.md 2): the state (FK, also for AF) pays half, the
 * kommuner together a quarter and the regioner together a quarter; each
 * kommun's part of its quarter is its share (ppm) as the förbundsordning
 * says. The party that offers least relative to what it must pay sets
 * the frame:
 *
 *	T = min(2*S, 4*O_i*SHARE_ONE/share_i for every kommun and region i)
 *
 * rounded down to whole kronor. A förbund whose members are all of one
 * kind (Gotland: Region Gotland is kommun 0980 with regional tasks and
 * stands for both) lets that group carry the other quarter as well, so
 * its members' limits are 2*O_i*SHARE_ONE/share_i.
 *
 * AF makes no offer of its own (the state's half is paid through FK): an
 * offer from AF is refused by budget_check, not silently ignored, so that
 * a client learns that the money it entered does not count.
 */
#include "finsam.h"

#include <stdarg.h>
#include <string.h>

#include "util/date.h"
#include "util/text.h"

/*
 * Products of kronor and ppm can approach the int64 limit (4 * 10^12 kr
 * * 10^6), so intermediate arithmetic is done in 128 bits.
 */
typedef __int128 wide;

/* The groups that split a quarter of the frame among their members. */
static bool
is_member_kind(enum party_kind k)
{
	return k == PK_KOMMUN || k == PK_REGION;
}

const struct budget_offer *
budget_offer_of(const struct budget *b, int64_t party_id)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->o[i].party_id == party_id) {
			return &b->o[i];
		}
	}
	return NULL;
}

int
budget_groups(const struct budget *b)
{
	bool k = false, r = false;
	size_t i;

	for (i = 0; i < b->n; i++) {
		if (b->o[i].kind == PK_KOMMUN) {
			k = true;
		} else if (b->o[i].kind == PK_REGION) {
			r = true;
		}
	}
	return (k ? 1 : 0) + (r ? 1 : 0);
}

bool
budget_group_split(const struct budget *b, enum party_kind kind)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->o[i].kind == kind && b->o[i].share_ppm != 0) {
			return true;
		}
	}
	return false;
}

/* Kronor the members of kind offer together (K or R of DOMAIN.md 2). */
static int64_t
group_sum(const struct budget *b, enum party_kind kind)
{
	wide sum = 0;

	for (size_t i = 0; i < b->n; i++) {
		if (b->o[i].kind == kind && b->o[i].amount > 0) {
			sum += b->o[i].amount;
		}
	}
	return sum > INT64_MAX ? INT64_MAX : (int64_t)sum;
}

/*
 * R9 failed for field name ("party_id", "amount", "share") of offer i:
 * the field is kept as data, "offers[i].name", for the API and the page.
 */
static void offer_fail(struct rule_list *out, size_t i, const char *name,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
offer_fail(struct rule_list *out, size_t i, const char *name, const char *fmt,
    ...)
{
	char field[40], digits[24];
	size_t nd = 0, o;
	va_list ap;

	do {
		digits[nd++] = (char)('0' + i % 10);
		i /= 10;
	} while (i > 0 && nd < sizeof(digits));
	memcpy(field, "offers[", 7);
	for (o = 7; nd > 0; o++) {
		field[o] = digits[--nd];
	}
	field[o++] = ']';
	field[o++] = '.';
	text_copy(field + o, sizeof(field) - o, name);
	va_start(ap, fmt);
	rule_vadd(out, "R9", false, field, fmt, ap);
	va_end(ap);
}

/* R9: one offer on its own: its party, kind, amount and share. */
static void
check_offer(const struct budget *b, size_t i, const struct forbund *fb,
    struct rule_list *out)
{
	const struct budget_offer *o = &b->o[i];
	const struct party *p;
	size_t j;

	p = forbund_party(fb, o->party_id);
	if (p == NULL) {
		offer_fail(out, i, "party_id",
		    "Parten %lld "
		    "hör inte till förbundet.",
		    (long long)o->party_id);
		return;
	}
	for (j = 0; j < i; j++) {
		if (b->o[j].party_id == o->party_id) {
			offer_fail(out, i, "party_id",
			    "%s "
			    "har redan ett bidrag i listan.",
			    p->name);
			return;
		}
	}
	if (p->kind != o->kind) {
		offer_fail(out, i, "party_id",
		    "Fel partstyp "
		    "för %s.",
		    p->name);
		return;
	}
	if (p->kind == PK_AF) {
		offer_fail(out, i, "party_id",
		    ""
		    "Arbetsförmedlingen lämnar inget eget bidrag; statens "
		    "hälft betalas genom Försäkringskassan.");
		return;
	}
	if (o->amount < 0) {
		offer_fail(out, i, "amount",
		    "Beloppet för %s "
		    "kan inte vara negativt.",
		    p->name);
	} else if (o->amount > BUDGET_AMOUNT_MAX) {
		offer_fail(out, i, "amount",
		    "Beloppet för %s "
		    "är orimligt stort.",
		    p->name);
	}
	if (p->kind == PK_FK && o->share_ppm != 0) {
		offer_fail(out, i, "share",
		    "Försäkringskassan "
		    "har ingen andel; staten betalar alltid hälften av ramen.");
	} else if (is_member_kind(p->kind) && budget_group_split(b, p->kind) &&
	    (o->share_ppm <= 0 || o->share_ppm > SHARE_ONE)) {
		offer_fail(out, i, "share",
		    "Andelen för %s "
		    "måste vara större än 0 och högst 1.",
		    p->name);
	}
}

/*
 * R9: each group's shares (all of them valid) sum to exactly 1. Offers
 * already refused for their party (unknown, repeated, wrong kind) do not
 * count, so one mistake is reported once.
 */
static void
check_group_sum(const struct budget *b, const struct forbund *fb,
    enum party_kind kind, struct rule_list *out)
{
	const struct party *p;
	int64_t sum = 0;
	size_t i, last = 0, n = 0;

	for (i = 0; i < b->n; i++) {
		p = forbund_party(fb, b->o[i].party_id);
		if (b->o[i].kind != kind || p == NULL || p->kind != kind ||
		    budget_offer_of(b, p->id) != &b->o[i]) {
			continue;
		}
		if (b->o[i].share_ppm <= 0 || b->o[i].share_ppm > SHARE_ONE) {
			return; /* already reported per offer */
		}
		sum += b->o[i].share_ppm;
		last = i;
		n++;
	}
	if (n == 0 || sum == SHARE_ONE) {
		return;
	}
	offer_fail(out, last, "share",
	    "%s andelar summerar "
	    "till %lld,%06lld, inte 1.",
	    kind == PK_KOMMUN ? "Kommunernas" : "Regionernas",
	    (long long)(sum / SHARE_ONE), (long long)(sum % SHARE_ONE));
}

size_t
budget_check(const struct budget *b, const struct forbund *fb,
    struct rule_list *out)
{
	size_t before = rule_failures(out), i, members = 0;
	bool fk = false;

	for (i = 0; i < b->n; i++) {
		check_offer(b, i, fb, out);
	}
	/* R9: FK and every member kommun and region must have an offer. */
	for (i = 0; i < fb->nparties; i++) {
		const struct party *p = &fb->parties[i];

		if (p->kind == PK_FK) {
			fk = true;
		} else if (is_member_kind(p->kind)) {
			members++;
		} else {
			continue;
		}
		if (budget_offer_of(b, p->id) == NULL) {
			rule_add_field(out, "R9", false, "offers",
			    "Bidrag saknas från "
			    "%s.",
			    p->name);
		}
	}
	if (!fk) {
		rule_add_field(out, "R9", false, "offers",
		    "Förbundet saknar "
		    "Försäkringskassan som part.");
	}
	if (members == 0) {
		rule_add_field(out, "R9", false, "offers",
		    "Förbundet har ingen kommun "
		    "eller region som medlem.");
	}
	check_group_sum(b, fb, PK_KOMMUN, out);
	check_group_sum(b, fb, PK_REGION, out);
	return rule_failures(out) - before;
}

/* Shares of one group: equal when all omitted, rounding slack absorbed. */
static void
prepare_group(struct budget *b, enum party_kind kind)
{
	int64_t sum = 0, diff;
	size_t idx[MAX_PARTIES], i, n = 0, given = 0;

	for (i = 0; i < b->n && n < MAX_PARTIES; i++) {
		if (b->o[i].kind == kind) {
			idx[n++] = i;
			if (b->o[i].share_ppm != 0) {
				given++;
			}
			sum += b->o[i].share_ppm;
		}
	}
	if (n == 0) {
		return;
	}
	if (given == 0) {
		/* No split registered: the group binds by its sum (R9). */
		return;
	}
	if (given != n) {
		return; /* some omitted: budget_check names them */
	}
	diff = SHARE_ONE - sum;
	if (diff != 0 && diff >= -(int64_t)n && diff <= (int64_t)n &&
	    b->o[idx[n - 1]].share_ppm + diff > 0) {
		b->o[idx[n - 1]].share_ppm += diff;
	}
}

void
budget_prepare_shares(struct budget *b)
{
	prepare_group(b, PK_KOMMUN);
	prepare_group(b, PK_REGION);
}

/*
 * The frame party o of b alone allows; -1 when it sets no limit (AF). A
 * member of a group without a registered split binds with its group:
 * T <= 2 * groups * K (DOMAIN.md 2: T = min(2S, 4K, 4R)).
 */
static int64_t
offer_limit(const struct budget *b, const struct budget_offer *o, int groups)
{
	wide l;

	if (o->kind == PK_FK) {
		return 2 * o->amount;
	}
	if (is_member_kind(o->kind) && !budget_group_split(b, o->kind)) {
		l = (wide)2 * groups * group_sum(b, o->kind);
		return l > INT64_MAX ? INT64_MAX : (int64_t)l;
	}
	if (!is_member_kind(o->kind) || o->share_ppm <= 0) {
		return -1;
	}
	/* The group's part of T is 1/(2*groups): a quarter, or a half. */
	l = (wide)2 * groups * o->amount * SHARE_ONE / o->share_ppm;
	return l > INT64_MAX ? INT64_MAX : (int64_t)l;
}

static bool
group_present(const struct budget *b, enum party_kind kind)
{
	for (size_t i = 0; i < b->n; i++) {
		if (b->o[i].kind == kind) {
			return true;
		}
	}
	return false;
}

/* Splits part among the members of kind into pays (see budget_compute). */
static void
group_pays(const struct budget *b, enum party_kind kind, int64_t part,
    int64_t *pays)
{
	int64_t w[MAX_PARTIES], out[MAX_PARTIES], total = 0;
	size_t idx[MAX_PARTIES], n = 0, i;
	bool split = budget_group_split(b, kind);

	for (i = 0; i < b->n && n < MAX_PARTIES; i++) {
		if (b->o[i].kind != kind) {
			continue;
		}
		idx[n] = i;
		w[n] = split ? b->o[i].share_ppm : b->o[i].amount;
		w[n] = w[n] > 0 ? w[n] : 0;
		total += w[n];
		n++;
	}
	if (n == 0) {
		return;
	}
	for (i = 0; total == 0 && i < n; i++) {
		w[i] = 1;
	}
	split_largest_remainder(part, w, n, out);
	for (i = 0; i < n; i++) {
		pays[idx[i]] = out[i];
	}
}

void
budget_compute(struct budget *b)
{
	int64_t pays[MAX_PARTIES] = { 0 };
	int64_t t = -1;
	int groups;
	size_t i;

	if (b->n > MAX_PARTIES) {
		b->n = MAX_PARTIES;
	}
	groups = budget_groups(b);

	for (i = 0; i < b->n; i++) {
		b->o[i].limit = offer_limit(b, &b->o[i], groups);
		b->o[i].binding = false;
		b->o[i].pays = 0;
		if (b->o[i].limit >= 0 && (t < 0 || b->o[i].limit < t)) {
			t = b->o[i].limit;
		}
	}
	if (t < 0 || groups == 0) {
		t = 0;
	}
	b->frame = t;
	for (i = 0; i < b->n; i++) {
		if (b->o[i].limit >= 0 && b->o[i].limit == t) {
			b->o[i].binding = true;
		}
	}
	/*
	 * What each pays, in whole kronor adding up to T: FK half, each
	 * group its part (a quarter, or the other half when it is alone),
	 * split among its members by their shares, or by their offers when
	 * no split is registered.
	 */
	{
		bool hk = group_present(b, PK_KOMMUN);
		bool hr = group_present(b, PK_REGION);
		int64_t parts[3], w3[3] = { groups, hk ? 1 : 0, hr ? 1 : 0 };

		split_largest_remainder(t, w3, 3, parts);
		for (i = 0; i < b->n; i++) {
			if (b->o[i].kind == PK_FK) {
				pays[i] = parts[0];
			}
		}
		group_pays(b, PK_KOMMUN, parts[1], pays);
		group_pays(b, PK_REGION, parts[2], pays);
	}
	for (i = 0; i < b->n; i++) {
		b->o[i].pays = pays[i];
	}
}

void
budget_equal_shares(size_t n, int64_t *out)
{
	int64_t ones[MAX_PARTIES];
	size_t i;

	if (n == 0) {
		return;
	}
	if (n > MAX_PARTIES) {
		n = MAX_PARTIES;
	}
	for (i = 0; i < n; i++) {
		ones[i] = 1;
	}
	split_largest_remainder(SHARE_ONE, ones, n, out);
}

/*
 * True if part a (remainder ra) comes before part b in the order the
 * leftover kronor are handed out: larger remainder first, then lower
 * index.
 */
static bool
before_in_order(wide ra, size_t a, wide rb, size_t b)
{
	return ra > rb || (ra == rb && a < b);
}

/*
 * total and weights must be >= 0. With all weights 0 every part is 0.
 * The leftover kronor (fewer than n) go one each to the parts with the
 * largest remainders; each round picks the next part in that order after
 * the one picked before, so no scratch memory is needed.
 */
void
split_largest_remainder(int64_t total, const int64_t *weights, size_t n,
    int64_t *out)
{
	wide w = 0, given = 0, left, prev_r = 0, best_r;
	size_t i, prev = 0, best;
	bool have_prev = false;

	for (i = 0; i < n; i++) {
		w += weights[i];
	}
	if (w <= 0) {
		memset(out, 0, n * sizeof(*out));
		return;
	}
	for (i = 0; i < n; i++) {
		out[i] = (int64_t)((wide)total * weights[i] / w);
		given += out[i];
	}
	for (left = total - given; left > 0; left--) {
		best = n;
		best_r = -1;
		for (i = 0; i < n; i++) {
			wide r = (wide)total * weights[i] % w;

			if (have_prev && !before_in_order(prev_r, prev, r, i)) {
				continue; /* already handed out */
			}
			if (best == n || before_in_order(r, i, best_r, best)) {
				best = i;
				best_r = r;
			}
		}
		if (best == n) {
			break; /* cannot happen: left < n */
		}
		out[best]++;
		prev = best;
		prev_r = best_r;
		have_prev = true;
	}
}

/*
 * R9: the budget year a board grant counts in is the year its grant
 * period starts (the year the money is used), or without a period the
 * year of the decision. The store's granted sum selects by the same rule
 * (store_sqlite_budget.c, sq_granted_sum).
 */
int
budget_grant_year(const char *period_start, const char *decided_on)
{
	const char *d = period_start != NULL && date_valid(period_start)
	    ? period_start
	    : decided_on;

	if (d == NULL || !date_valid(d)) {
		return 0;
	}
	return (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 +
	    (d[3] - '0');
}

/*
 * R9: a year's grants against its frame. Granting beyond the frame is
 * allowed but flagged; with no budget registered any grant is beyond it.
 */
bool
budget_over(bool has_budget, int64_t frame, int64_t granted)
{
	return has_budget ? granted > frame : granted > 0;
}

/*
 * R9: the board decides on Finsam insatser only as items of its agenda,
 * and once per item.
 */
size_t
board_item_check(bool on_agenda, bool decided, const char *meeting_date,
    struct rule_list *out)
{
	if (!on_agenda) {
		rule_add(out, "R9", false,
		    "Ärendet står inte på dagordningen "
		    "för sammanträdet %s; styrelsen beslutar bara om ärenden "
		    "på dagordningen.",
		    meeting_date);
		return 1;
	}
	if (decided) {
		rule_add(out, "R9", false,
		    "Styrelsen har redan fattat beslut "
		    "om ärendet vid detta sammanträde.");
		return 1;
	}
	return 0;
}

/*
 * R10: only aggregate counts, never personal data: the one place that
 * decides which fields a participants record has.
 */
const char *const participant_fields[PARTICIPANT_NFIELDS + 1] = { "women",
	"men", "to_work", "to_studies", "job_seeking", "other", NULL };

bool
participant_field_known(const char *key)
{
	for (size_t i = 0; participant_fields[i] != NULL; i++) {
		if (strcmp(key, participant_fields[i]) == 0) {
			return true;
		}
	}
	return false;
}

bool
budget_state_granted(enum state s)
{
	return s == ST_BEVILJAD || s == ST_GENOMFORANDE || s == ST_AVSLUTAD;
}

size_t
decision_frame_check(const struct frame_status_in *f, int64_t amount,
    bool confirmed, struct rule_list *out)
{
	char have[64], need[64];

	/* R9: beyond what is left of the frame needs explicit confirmation. */
	if (confirmed ||
	    !budget_over(f->has_budget, f->frame, f->granted + amount)) {
		return 0;
	}
	money_format(amount, need, sizeof(need));
	if (!f->has_budget) {
		rule_add_field(out, "R9", false, "confirm_over_frame",
		    "Ingen budget är registrerad för %d, så beslutet om %s "
		    "ligger utanför en fastställd ram; styrelsen måste "
		    "bekräfta beslutet uttryckligen",
		    f->year, need);
		return 1;
	}
	money_format(f->frame - f->granted, have, sizeof(have));
	rule_add_field(out, "R9", false, "confirm_over_frame",
	    "Beslutet beviljar %s men bara %s återstår av ramen för %d; "
	    "styrelsen måste bekräfta beslutet över ramen uttryckligen",
	    need, f->frame - f->granted < 0 ? "0 kr" : have, f->year);
	return 1;
}

size_t
decision_meeting_check(const char *meeting_date, const char *today,
    struct rule_list *out)
{
	/* R9: the board decides in a meeting that has been held. */
	if (date_valid(meeting_date) && date_valid(today) &&
	    strcmp(meeting_date, today) > 0) {
		rule_add_field(out, "R9", false, "date",
		    "Styrelsen beslutar i ett sammanträde som har hållits; det "
		    "här är den %s och i dag är det %s",
		    meeting_date, today);
		return 1;
	}
	return 0;
}

size_t
participants_year_check(const struct arende *a, int year, struct rule_list *out)
{
	int first = budget_grant_year(a->project_start, a->decision_on);
	int last = date_valid(a->project_end)
	    ? (a->project_end[0] - '0') * 1000 +
		(a->project_end[1] - '0') * 100 +
		(a->project_end[2] - '0') * 10 + (a->project_end[3] - '0')
	    : first;

	/* R10 counts are of the insats's own years: its granted period. */
	if (first != 0 && (year < first || year > last)) {
		rule_add_field(out, "G", false, "year",
		    "Insatsen är beviljad för perioden %s–%s; deltagare "
		    "registreras för åren %d–%d, inte %d",
		    a->project_start, a->project_end, first, last, year);
		return 1;
	}
	return 0;
}

const char *
outcome_code(int outcome)
{
	if (outcome == OUTCOME_BORDLAGD) {
		return "bordlagd";
	}
	return outcome == ST_BEVILJAD || outcome == ST_AVSLAG
	    ? state_code((enum state)outcome)
	    : "";
}
