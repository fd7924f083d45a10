/*
 * cmd_demo.h - the data of `bered demo` (cmd_demo_data.c) as the builder
 * (cmd_demo.c) reads it: parties, users, needs, utlysningar and one plan
 * per case saying how far along the state machine it is walked.
 * Internal to the demo; nothing else includes this header.
 */
#ifndef BERED_CMD_DEMO_H
#define BERED_CMD_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "domain/arende.h"

#define DEMO_PASSWORD	"demo-losen-2026"
#define DEMO_FORBUND	"Samordningsförbundet Sydost-demo"
#define DEMO_FORBUND2	"Samordningsförbundet Blekinge-demo"

/* Parties of a förbund, by position; the second förbund uses a subset. */
enum { P_FK, P_AF, P_K1, P_K2, P_K3, P_K4, P_REGION, NPA };
#define B(p)	(1u << (p))
#define ALLK	(B(P_K1) | B(P_K2) | B(P_K3) | B(P_K4))

struct demo_party {
	enum party_kind	 kind;
	const char	*code;
	const char	*name;
};

struct demo_user {
	const char	*email;
	const char	*name;
	enum role	 role;
	int		 forbund;	/* 0 none, 1 first, 2 second */
	int		 party;		/* P_*, -1 none */
};

struct demo_need {
	const char	*malgrupp, *behov, *utbud;
};

struct demo_call {
	const char	*title;		/* " – YEAR" is appended */
	int		 refno;
	int		 opens, closes;	/* days relative to today */
	const char	*omrade;
	int		 pct;
};

enum { CALL_OLD, CALL_CLOSED, CALL_SOON, CALL_LATER, NCALLS };

/* One ESF+ case: the parties' roles and how far it goes. */
struct esf_plan {
	const char	*title;
	const char	*desc;
	int		 need;		/* index into demo_needs, -1 none */
	bool		 outside;	/* not the Finsam målgrupp (R6) */
	unsigned	 parties, cofin, utf;
	int		 owner;		/* P_*, -1 none */
	int		 call;
	enum state	 last;		/* last state on the main path */
	enum state	 offramp;	/* avbruten/utanfor_rutinen, or = last */
	enum reason	 reason;
	const char	*reason_text;
	int64_t		 amount;
	int		 end_rel;	/* project end relative to today, 0 default */
};

/* One Finsam insats. */
struct finsam_plan {
	const char	*title;
	const char	*desc;
	int		 need;
	unsigned	 parties, utf;
	enum state	 last;		/* main path: .. beviljad/avslag .. */
	enum state	 offramp;
	int		 meeting;	/* 0 or 1, for the board decision */
	int64_t		 amount;
	int		 start_rel, end_rel;
	int64_t		 women, men, work, studies, seeking, other;
};

#define DEMO_NUSERS	13
#define DEMO_NNEEDS	4
#define U_KANSLI	7	/* indexes into demo_users */
#define U_ADMIN		11

extern const struct demo_party	 demo_parties_a[NPA];
extern const struct demo_party	 demo_parties_b[];
extern const int		 demo_parties_b_pos[];
extern const size_t		 demo_nparties_b;
extern const struct demo_user	 demo_users[DEMO_NUSERS];
extern const struct demo_need	 demo_needs[DEMO_NNEEDS];
extern const struct demo_call	 demo_calls[NCALLS];
extern const struct esf_plan	 demo_esf_plans[];
extern const size_t		 demo_nesf;
extern const struct finsam_plan	 demo_finsam_plans[];
extern const size_t		 demo_nfinsam;
extern const struct esf_plan	 demo_esf_plan_b;
extern const struct finsam_plan	 demo_finsam_plan_b;

#endif
