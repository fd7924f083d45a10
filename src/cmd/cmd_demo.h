/*
 * cmd_demo.h - the data of `bered demo` (cmd_demo_data.c) as the builder
 * (cmd_demo.c) reads it: parties, users, needs, utlysningar and one plan
 * per case saying how far along the state machine it is walked.
 * Also the builder's state and helpers shared by cmd_demo.c and
 * cmd_demo_finsam.c. Internal to the demo; nothing else includes it.
 */
#ifndef BERED_CMD_DEMO_H
#define BERED_CMD_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "domain/arende.h"
#include "domain/rules.h"
#include "store/store.h"
#include "util/fielderr.h"

#define DEMO_PASSWORD "demo-losen-2026"
#define DEMO_FORBUND  "Samordningsförbundet Sydost-demo"
#define DEMO_FORBUND2 "Samordningsförbundet Blekinge-demo"

/* Parties of a förbund, by position; the second förbund uses a subset. */
enum { P_FK, P_AF, P_K1, P_K2, P_K3, P_K4, P_REGION, NPA };
#define B(p) (1u << (p))
#define ALLK (B(P_K1) | B(P_K2) | B(P_K3) | B(P_K4))

struct demo_party {
	enum party_kind kind;
	const char *code;
	const char *name;
};

struct demo_user {
	const char *email;
	const char *name;
	enum role role;
	int forbund; /* 0 none, 1 first, 2 second */
	int party;   /* P_*, -1 none */
};

struct demo_need {
	const char *malgrupp, *behov, *utbud;
};

struct demo_call {
	const char *title; /* " – YEAR" is appended */
	int refno;
	int opens, closes; /* days relative to today */
	const char *omrade;
	int pct;
};

enum { CALL_OLD, CALL_CLOSED, CALL_SOON, CALL_LATER, NCALLS };

/* One ESF+ case: the parties' roles and how far it goes. */
struct esf_plan {
	const char *title;
	const char *desc;
	int need;     /* index into demo_needs, -1 none */
	bool outside; /* not the Finsam målgrupp (R6) */
	unsigned parties, cofin, utf;
	int owner; /* P_*, -1 none */
	int call;
	enum state last;    /* last state on the main path */
	enum state offramp; /* avbruten/utanfor_rutinen, or = last */
	enum reason reason;
	const char *reason_text;
	int64_t amount;
	int end_rel; /* project end relative to today, 0 default */
};

/* One Finsam insats. */
struct finsam_plan {
	const char *title;
	const char *desc;
	int need;
	unsigned parties, utf;
	enum state last; /* main path: .. beviljad/avslag .. */
	enum state offramp;
	int meeting; /* 0 or 1, for the board decision */
	int64_t amount;
	int start_rel, end_rel;
	int64_t women, men, work, studies, seeking, other;
};

#define DEMO_NUSERS  14
#define DEMO_NNEEDS  4
#define U_KANSLI     7 /* indexes into demo_users */
#define U_ESF_KANSLI 9
#define U_ADMIN      11
#define U_KANSLI_B   13 /* Blekinge-demo's kansli */

extern const struct demo_party demo_parties_a[NPA];
extern const struct demo_party demo_parties_b[];
extern const int demo_parties_b_pos[];
extern const size_t demo_nparties_b;
extern const struct demo_user demo_users[DEMO_NUSERS];
extern const struct demo_need demo_needs[DEMO_NNEEDS];
extern const struct demo_call demo_calls[NCALLS];
extern const struct esf_plan demo_esf_plans[];
extern const size_t demo_nesf;
extern const struct finsam_plan demo_finsam_plans[];
extern const size_t demo_nfinsam;
extern const struct esf_plan demo_esf_plan_b;
extern const struct finsam_plan demo_finsam_plan_b;

/* One förbund as the walk sees it. */
struct side {
	int64_t fid;
	int64_t pid[NPA];     /* 0 = not a party here */
	int64_t ledamot[NPA]; /* user id of each party's ledamot */
	int64_t kansli;       /* who drafts and moves */
};

struct demo {
	struct store *st;
	char today[DATE_LEN];
	char err[512];
	struct esf_config cfg;
	struct app_config app_cfg; /* the operations' settings (cfg inside) */
	struct user actor;         /* who acts now (as_user) */
	struct side a, b;
	int64_t uid[DEMO_NUSERS];
	int64_t need[DEMO_NNEEDS];
	struct utlysning call[NCALLS];
	struct meeting meeting[2];
	struct arende before, after; /* the case being edited */
	int day;                     /* the step being built, days from today */
	int step_days; /* days between steps; 0 = DEMO_STEP_DAYS */
	unsigned tick; /* minutes after 08:00 UTC, see demo_at */
};

/* Days between two steps of a case inside the beredning (three weeks+). */
#define DEMO_STEP_DAYS  24
/* When the förbund, users and behovskartläggning were set up. */
#define DEMO_SETUP_DAYS (-1000)

/* ---- the builder's helpers (cmd_demo.c), shared with cmd_demo_finsam.c */

/* Loads case id as both d->before and d->after (the case being edited). */
int demo_edit_begin(struct demo *d, int64_t id);
/* The operations' context (app.h) for demo user actor, in d->actor. */
int demo_as_user(struct demo *d, int64_t actor, struct app_ctx *c);
/*
 * A refused operation is a demo bug: fails with a message naming what
 * (about the case being edited), err and every reason in rl and fe.
 */
int demo_refused(struct demo *d, const char *what, int err,
    const struct rule_list *rl, const struct field_errors *fe);
/* The year of a valid ISO date. */
int demo_year(const char *date);
/* The date `days` from d->today into out. */
void demo_rel(const struct demo *d, int days, char out[DATE_LEN]);
/*
 * Backdates what the store stamps next (audit, created_at, updated_at) to
 * `days` from today (never later than yesterday), a minute after the
 * previous stamp so that one day's steps keep their order.
 */
void demo_at(struct demo *d, int days);
/* Records the first error (printf-style) for the one-line message; -1. */
int demo_fail(struct demo *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Creates a case of kind k in sd's förbund (kansli as actor), identified
 * on d->day, and loads it as the case being edited (d->before, d->after).
 * 0 or -1.
 */
int demo_case_new(struct demo *d, const struct side *sd, enum kind k,
    const char *title, const char *desc, int need, bool outside);
/*
 * Moves the case being edited to `to` on d->day with its field changes so
 * far, if transition_check() allows it (board: a board decision, R1/R9);
 * a refused move is a demo bug and fails naming the rules. 0 or -1.
 */
int demo_move(struct demo *d, enum state to, int64_t actor, const char *comment,
    bool board);
/* Kansli marks which parties (P_* bits) take part, co-finance, carry out. */
int demo_participation(struct demo *d, const struct side *sd, unsigned parties,
    unsigned cofin, unsigned utf);
/*
 * R7: each party's ledamot saves its own field (what 0 förankrad = date,
 * 1 mandat and ägarprövning (owner kan, others avstår), 2 beslut ja),
 * a few days before the step's move on d->day.
 */
int demo_party_own(struct demo *d, const struct side *sd, unsigned parties,
    int what, int owner, const char *date);
/* Leaves the main path through avbruten (with why, text) or R6. */
int demo_offramp(struct demo *d, const struct side *sd, enum state to,
    enum reason why, const char *text);

/* ---- Finsam side (cmd_demo_finsam.c) ---------------------------------- */

/* Creates board meeting i of förbund a, `days` from today. 0 or -1. */
int demo_meeting_new(struct demo *d, int i, int days, const char *notes);
/*
 * Builds one Finsam insats along its plan; the board decision goes through
 * the plan's meeting (agenda item, decision, move). idx varies when the
 * newest step of a case still in preparation was taken. 0 or -1.
 */
int demo_finsam_build(struct demo *d, const struct side *sd,
    const struct finsam_plan *pl, size_t idx);
/*
 * The days from today at which a case enters each state of its path
 * path[0..n-1] (path[n-1] its last state): steps `step` days apart
 * (0: DEMO_STEP_DAYS)
 * ending `recent` days ago, or, with `anchor` >= 0, path[anchor] at
 * at[path[anchor]] as the caller set it (a submission or a board
 * meeting) and the earlier steps before it. Later anchored states are
 * the caller's; afterwards every day is made non-decreasing and before
 * today.
 */
void demo_schedule(const enum state *path, size_t n, int anchor, int recent,
    int step, int at[ST__COUNT]);
/* ---- what each file builds -------------------------------------------- */

/* cmd_demo_esf.c: the ESF+ case of plan pl (index idx) on side sd. */
int demo_esf_build(struct demo *d, const struct side *sd,
    const struct esf_plan *pl, size_t idx);
/* cmd_demo_org.c: förbund name with parties ps (n, at positions pos). */
int demo_forbund_new(struct demo *d, const char *name,
    const struct demo_party *ps, const int *pos, size_t n, struct side *sd,
    struct forbund *fb);
/* cmd_demo_org.c: the users of förbund which (0 = none, 1 = a, 2 = b). */
int demo_users_new(struct demo *d, int which, const char *hash);
/* cmd_demo_org.c: förbund a's behovskartläggning (d->need). */
int demo_needs_new(struct demo *d);
/* cmd_demo_org.c: the utlysningar around d->today (d->call). */
int demo_calls_new(struct demo *d);
/*
 * cmd_demo_national.c: the country (--national), scale times the yearly
 * volume, over the last `years` years; *nfb the förbund made. 0 or -1
 * (d->err).
 */
#define DEMO_NATIONAL_ADMIN "admin@nationell.demo.bered.se"
int demo_national_build(struct demo *d, const char *hash, int scale, int years,
    size_t *nfb);
/* The budget of year for förbund a (fb its parties), checked first. */
int demo_budget_build(struct demo *d, const struct forbund *fb, int year);

#endif
