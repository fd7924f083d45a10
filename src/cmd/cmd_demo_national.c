/*
 * cmd_demo_national.c - `bered demo --national [--scale N]`: the country
 * at follow-up scale (issue 8). About 70 förbund of up to four kommuner,
 * each with FK, AF and its län's region, cover the 290 kommuner but a few
 * left out on purpose; ten years of about 1,100 Finsam insatser and 200
 * ESF+ ideas a year (times N), all walked through the same state machine
 * and operations as the small demo (cmd_demo_walk.c), so every figure
 * the follow-up shows was produced by the rules.
 *
 * Each year is built on a calendar of its own: d->today is moved to that
 * year's December (the real today for this year), the year's utlysningar
 * and board meetings are made around it, and the small demo's plans are
 * walked from there. Older years draw only plans that end (avslutad,
 * avslag, avbruten, utanför rutinen); the last years also projects that
 * still run, and this year every state. Plans refer to parties by
 * position; a förbund with fewer than four kommuner has its kommun
 * positions folded onto the ones it has. Random choices come from a fixed
 * seed, so two runs give the same country.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/org.h"
#include "cmd_demo.h"
#include "domain/finsam.h"
#include "domain/kommuner.h"
#include "store/store.h"
#include "util/date.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define NAT_FINSAM_YEAR 1100
#define NAT_ESF_YEAR    200
#define NAT_DOMAIN      "nationell.demo.bered.se"
/* Every LEAVE_OUT-th kommun stays outside every förbund. */
#define NAT_LEAVE_OUT   41

/* xorshift64*: a fixed, portable sequence (not for secrets). */
static uint64_t
nat_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static int
nat_pick(uint64_t *s, int n)
{
	return (int)(nat_rand(s) % (uint64_t)n);
}

/* One national förbund: its side and how many kommun positions it has. */
struct nat_fb {
	struct side sd;
	struct forbund *fb;
	int nk;
	char first[64]; /* the first kommun's name, for titles */
	int64_t need[DEMO_NNEEDS];
};

/* P_K3, P_K4 folded onto the kommuner a förbund has. */
static int
fold(const struct nat_fb *f, int p)
{
	if (p >= P_K1 && p <= P_K4 && p - P_K1 >= f->nk) {
		return P_K1 + (p - P_K1) % f->nk;
	}
	return p;
}

static unsigned
fold_bits(const struct nat_fb *f, unsigned bits)
{
	unsigned out = 0;

	for (int p = 0; p < NPA; p++) {
		if (bits & B(p)) {
			out |= B(fold(f, p));
		}
	}
	return out;
}

/* A case's parties folded; two at least, as the plan had (rule G). */
static unsigned
fold_parties(const struct nat_fb *f, unsigned bits)
{
	unsigned out = fold_bits(f, bits);

	if (bits != 0 && (out & (out - 1)) == 0) {
		out |= (out & B(P_REGION)) ? B(P_AF) : B(P_REGION);
	}
	return out;
}

/*
 * ESF+ templates (indexes into demo_esf_plans) by how far the year lies
 * back: ended cases only, ended or running, or any state.
 */
static const int esf_old[] = { 8, 12, 12, 12, 12, 11, 13, 14, 15, 9, 7, 10, 12,
	13 };
static const int esf_recent[] = { 8, 9, 10, 10, 11, 12, 13, 14, 15, 12 };
static const int finsam_old[] = { 4, 6, 6, 6, 6, 6, 6, 7, 5, 3 };
static const int finsam_recent[] = { 4, 5, 5, 5, 6, 6, 7, 3 };

static int
year_kind(int back)
{
	return back >= 3 ? 0 : back >= 1 ? 1 : 2;
}

/*
 * ESF+ plan template t for a year `back` years ago, folded onto f: a
 * granted project of an older year has run to its end.
 */
static void
esf_plan_for(const struct nat_fb *f, int t, int back, uint64_t *rs,
    struct esf_plan *pl)
{
	*pl = demo_esf_plans[t];
	if (back >= 3 &&
	    (pl->last == ST_BEVILJAD || pl->last == ST_GENOMFORANDE ||
		pl->last == ST_SLUTRAPPORTERAD)) {
		pl->call = CALL_OLD;
		pl->last = pl->offramp = ST_AVSLUTAD;
		pl->end_rel = -120 - nat_pick(rs, 60);
	}
	pl->parties = fold_parties(f, pl->parties);
	pl->cofin = fold_bits(f, pl->cofin);
	pl->utf = fold_bits(f, pl->utf);
	if (pl->owner >= 0) {
		pl->owner = fold(f, pl->owner);
	}
	if (pl->amount > 0) {
		pl->amount = pl->amount / 100 * (60 + nat_pick(rs, 80));
	}
}

/* Finsam template t, likewise: an older grant has been carried out. */
static void
finsam_plan_for(const struct nat_fb *f, int t, int back, uint64_t *rs,
    struct finsam_plan *pl)
{
	*pl = demo_finsam_plans[t];
	if (back >= 1 &&
	    (pl->last == ST_BEVILJAD ||
		(back >= 3 && pl->last == ST_GENOMFORANDE))) {
		pl->last = pl->offramp = ST_AVSLUTAD;
		pl->meeting = 0;
		pl->start_rel = -130;
		pl->end_rel = -10;
		if (pl->women + pl->men == 0) {
			pl->women = 10 + nat_pick(rs, 30);
			pl->men = 8 + nat_pick(rs, 25);
			pl->work = pl->women / 5;
			pl->studies = pl->men / 6;
			pl->seeking = 4;
			pl->other = 2;
		}
	}
	pl->parties = fold_parties(f, pl->parties);
	pl->utf = fold_bits(f, pl->utf);
	if (pl->amount > 0) {
		pl->amount = pl->amount / 100 * (60 + nat_pick(rs, 80));
	}
}

/* ---- förbund, users, budgets -------------------------------------------- */

static int
nat_user(struct demo *d, const char *local, const char *name, enum role r,
    const struct nat_fb *f, int p, const char *hash, int64_t *id)
{
	struct user u;
	int e;

	memset(&u, 0, sizeof(u));
	snprintf(u.email, sizeof(u.email), "%s@%s", local, NAT_DOMAIN);
	text_copy(u.name, sizeof(u.name), name);
	u.role = r;
	u.forbund_id = f != NULL ? f->sd.fid : 0;
	u.party_id = f != NULL && p >= 0 ? f->sd.pid[p] : 0;
	e = store_user_create(d->st, &u, hash, d->uid[U_ADMIN], id);
	if (e != B_OK) {
		return demo_fail(d, "kunde inte skapa %s (fel %d)", u.email, e);
	}
	return 0;
}

/* Förbund number no of kommuner codes[0..nk) in län lan, with its users. */
static int
nat_forbund(struct demo *d, int no, const char *lan, const char **codes, int nk,
    const char *hash, struct nat_fb *f)
{
	struct demo_party ps[NPA];
	int pos[NPA], n = 0, i;
	char name[128], local[64], org[NPA][64];

	ps[n] = (struct demo_party){ PK_FK, "", "Försäkringskassan" };
	pos[n++] = P_FK;
	ps[n] = (struct demo_party){ PK_AF, "", "Arbetsförmedlingen" };
	pos[n++] = P_AF;
	for (i = 0; i < nk; i++) {
		kommun_org_name(codes[i], org[i], sizeof(org[i]));
		ps[n] = (struct demo_party){ PK_KOMMUN, codes[i], org[i] };
		pos[n++] = P_K1 + i;
	}
	ps[n] = (struct demo_party){ PK_REGION, lan, region_name(lan) };
	pos[n++] = P_REGION;
	f->nk = nk;
	text_copy(f->first, sizeof(f->first), kommun_name(codes[0]));
	snprintf(name, sizeof(name), "Samordningsförbundet %s m.fl.", f->first);
	f->fb = xcalloc(1, sizeof(*f->fb));
	if (demo_forbund_new(d, name, ps, pos, (size_t)n, &f->sd, f->fb) != 0) {
		return -1;
	}
	snprintf(local, sizeof(local), "kansli.f%d", no);
	if (nat_user(d, local, "Kansli", ROLE_KANSLI, f, -1, hash,
		&f->sd.kansli) != 0) {
		return -1;
	}
	snprintf(local, sizeof(local), "styrelse.f%d", no);
	if (nat_user(d, local, "Styrelse", ROLE_STYRELSE, f, -1, hash,
		&(int64_t){ 0 }) != 0) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		snprintf(local, sizeof(local), "ledamot.f%d.p%d", no, pos[i]);
		if (nat_user(d, local, ps[i].name, ROLE_LEDAMOT, f, pos[i],
			hash, &f->sd.ledamot[pos[i]]) != 0) {
			return -1;
		}
	}
	return 0;
}

/* Year's budget of f: FK half, the kommuner and the region a quarter each. */
static int
nat_budget(struct demo *d, const struct nat_fb *f, int year, int scale)
{
	struct budget b;
	struct rule_list rl;
	int64_t quarter = 12000000LL * scale;
	int e;

	memset(&b, 0, sizeof(b));
	b.year = year;
	for (size_t i = 0; i < f->fb->nparties; i++) {
		const struct party *p = &f->fb->parties[i];

		if (p->kind == PK_AF) {
			continue;
		}
		b.o[b.n].party_id = p->id;
		b.o[b.n].kind = p->kind;
		b.o[b.n].amount = p->kind == PK_FK ? 2 * quarter
		    : p->kind == PK_REGION         ? quarter
						   : quarter / f->nk;
		b.n++;
	}
	budget_prepare_shares(&b);
	rule_list_init(&rl);
	if (budget_check(&b, f->fb, &rl) != 0) {
		return demo_fail(d, "budgeten underkänns: %s", rl.r[0].message);
	}
	budget_compute(&b);
	if ((e = store_budget_put(d->st, f->sd.fid, &b, f->sd.kansli)) !=
	    B_OK) {
		return demo_fail(d, "kunde inte spara budgeten (fel %d)", e);
	}
	return 0;
}

/* ---- one year of one förbund ---------------------------------------------
 */

/* A template without a call: left through avbruten (no call fits). */
#define ESF_NO_CALL   13
/* Days from identification to submission at most (five steps and more). */
#define ESF_LEAD_DAYS 320

/* R4: ESF+ ideas from the year the programme period has run in. */
static bool
esf_year_open(const struct demo *d)
{
	char from[DATE_LEN];

	date_from_days(date_to_days(d->today) - 100, from);
	return strcmp(from, d->cfg.period_start) >= 0;
}

/* R4: every step of plan pl's case falls within the programme period. */
static bool
esf_plan_fits(const struct demo *d, const struct esf_plan *pl)
{
	char from[DATE_LEN];

	if (pl->last < ST_PARTSBESLUT && pl->offramp == pl->last) {
		return true; /* no call yet: the steps are recent */
	}
	if (pl->call < 0 || pl->call >= NCALLS ||
	    (pl->last <= ST_OVERENS && pl->offramp != pl->last)) {
		return true;
	}
	date_from_days(date_to_days(d->call[pl->call].closes) - ESF_LEAD_DAYS,
	    from);
	return strcmp(from, d->cfg.period_start) >= 0;
}

/* How many of total a year, spread over nf förbund (f's share, jittered). */
static int
share(int total, int nf, int idx, uint64_t *rs)
{
	int base = total / nf, rest = total % nf;
	int n = base + (idx < rest ? 1 : 0);

	/* ±20 %, the same sum on average. */
	return n + (n >= 5 ? nat_pick(rs, n / 5 * 2 + 1) - n / 5 : 0);
}

static int
nat_year(struct demo *d, struct nat_fb *f, int idx, int nf, int back, int scale,
    uint64_t *rs)
{
	struct esf_plan ep;
	struct finsam_plan fp;
	char title[512];
	int k = year_kind(back), n, i, t;

	d->a = f->sd;
	if (demo_meeting_new(d, 0, -150, "Styrelsen beslutade om insatser.") !=
		0 ||
	    demo_meeting_new(d, 1, -20, "Styrelsen behandlade ansökningar.") !=
		0) {
		return -1;
	}
	n = esf_year_open(d) ? share(NAT_ESF_YEAR * scale, nf, idx, rs) : 0;
	for (i = 0; i < n; i++) {
		int tries = 0;

		do {
			t = k == 0
			    ? esf_old[nat_pick(rs,
				  (int)(sizeof(esf_old) / sizeof(esf_old[0])))]
			    : k == 1 ? esf_recent[nat_pick(rs,
					   (int)(sizeof(esf_recent) /
					       sizeof(esf_recent[0])))]
				     : nat_pick(rs, (int)demo_nesf);
			esf_plan_for(f, t, back, rs, &ep);
		} while (!esf_plan_fits(d, &ep) && ++tries < 20);
		if (!esf_plan_fits(d, &ep)) {
			esf_plan_for(f, ESF_NO_CALL, back, rs, &ep);
		}
		snprintf(title, sizeof(title), "%s – %s %d", ep.title, f->first,
		    demo_year(d->today));
		ep.title = title;
		/* Some ideas move fast, some slowly. */
		d->step_days = 8 + nat_pick(rs, 50);
		if (demo_esf_build(d, &f->sd, &ep, (size_t)i) != 0) {
			return -1;
		}
	}
	n = share(NAT_FINSAM_YEAR * scale, nf, idx, rs);
	for (i = 0; i < n; i++) {
		/* An agenda holds 64 items: a new pair of meetings a week
		 * earlier for every 40 insatser. */
		if (i > 0 && i % 40 == 0 &&
		    (demo_meeting_new(d, 0, -150 - 7 * (i / 40),
			 "Styrelsen beslutade om insatser.") != 0 ||
			demo_meeting_new(d, 1, -20 - 7 * (i / 40),
			    "Styrelsen behandlade ansökningar.") != 0)) {
			return -1;
		}
		t = k == 0
		    ? finsam_old[nat_pick(rs,
			  (int)(sizeof(finsam_old) / sizeof(finsam_old[0])))]
		    : k == 1 ? finsam_recent[nat_pick(rs,
				   (int)(sizeof(finsam_recent) /
				       sizeof(finsam_recent[0])))]
			     : nat_pick(rs, (int)demo_nfinsam);
		finsam_plan_for(f, t, back, rs, &fp);
		snprintf(title, sizeof(title), "%s – %s %d", fp.title, f->first,
		    demo_year(d->today));
		fp.title = title;
		d->step_days = 8 + nat_pick(rs, 40);
		if (demo_finsam_build(d, &f->sd, &fp, (size_t)i) != 0) {
			return -1;
		}
	}
	return 0;
}

/* ---- the country ---------------------------------------------------------
 */

/* d->today moved `back` years before the real today (December then). */
static void
nat_calendar(struct demo *d, const char *real, int back)
{
	if (back == 0) {
		text_copy(d->today, sizeof(d->today), real);
	} else {
		snprintf(d->today, sizeof(d->today), "%04u-12-10",
		    (unsigned)(demo_year(real) - back) % 10000u);
	}
}

int
demo_national_build(struct demo *d, const char *hash, int scale, int years,
    size_t *nfb)
{
	struct nat_fb *fs = xcalloc(KOMMUNER_TOTAL, sizeof(*fs));
	const char *codes[4];
	char real[DATE_LEN];
	uint64_t rs = 0x9E3779B97F4A7C15ULL;
	int nf = 0, nk, rc = -1, back, y;
	size_t i, k;

	text_copy(real, sizeof(real), d->today);
	nat_calendar(d, real, years - 1);
	demo_at(d, DEMO_SETUP_DAYS);
	if (nat_user(d, "admin", "Alva Admin", ROLE_ADMIN, NULL, -1, hash,
		&d->uid[U_ADMIN]) != 0 ||
	    nat_user(d, "esf-kansli", "Ingrid Sjöberg", ROLE_ESF_KANSLI, NULL,
		-1, hash, &d->uid[U_ESF_KANSLI]) != 0 ||
	    nat_user(d, "nationell", "Nils Åberg", ROLE_NATIONELL, NULL, -1,
		hash, &(int64_t){ 0 }) != 0) {
		goto out;
	}
	/* Gotland (no separate region) is one of those left out. */
	for (i = 0; i < LAN_TOTAL; i++) {
		const char *lan = lan_refs[i].code;

		nk = 0;
		for (k = 0; k <= KOMMUNER_TOTAL; k++) {
			bool in = k < KOMMUNER_TOTAL &&
			    strcmp(kommun_refs[k].lan, lan) == 0 &&
			    strcmp(lan, "09") != 0 && k % NAT_LEAVE_OUT != 7;

			if (in) {
				codes[nk++] = kommun_refs[k].code;
			}
			if (nk > 0 && (nk == 4 || k == KOMMUNER_TOTAL)) {
				demo_at(d, DEMO_SETUP_DAYS);
				if (nat_forbund(d, nf + 1, lan, codes, nk, hash,
					&fs[nf]) != 0) {
					goto out;
				}
				d->a = fs[nf].sd;
				nf++;
				nk = 0;
			}
		}
	}
	for (i = 0; i < (size_t)nf; i++) {
		d->a = fs[i].sd;
		if (demo_needs_new(d) != 0) {
			goto out;
		}
		memcpy(fs[i].need, d->need, sizeof(d->need));
	}
	for (back = years - 1; back >= 0; back--) {
		nat_calendar(d, real, back);
		/* R9: a frame for every year a grant period may start in. */
		y = demo_year(d->today);
		if (demo_calls_new(d) != 0) {
			goto out;
		}
		for (i = 0; i < (size_t)nf; i++) {
			demo_at(d, -380);
			if ((back == years - 1 &&
				nat_budget(d, &fs[i], y - 1, scale) != 0) ||
			    nat_budget(d, &fs[i], y, scale) != 0 ||
			    (back == 0 &&
				nat_budget(d, &fs[i], y + 1, scale) != 0)) {
				goto out;
			}
			memcpy(d->need, fs[i].need, sizeof(d->need));
			if (nat_year(d, &fs[i], (int)i, nf, back, scale, &rs) !=
			    0) {
				goto out;
			}
		}
	}
	store_set_now(d->st, 0);
	*nfb = (size_t)nf;
	rc = 0;
out:
	text_copy(d->today, sizeof(d->today), real);
	for (i = 0; i < (size_t)nf; i++) {
		free(fs[i].fb);
	}
	free(fs);
	return rc;
}
