/*
 * arende.h - the domain's core types: parties, users, cases (ärenden) with
 * their per-party rows, utlysningar, and the stable codes of DOMAIN.md.
 *
 * Pure data and pure functions: no I/O, no library headers beyond libc.
 * Codes (state_code etc.) are the API's stable ASCII names; labels are the
 * Swedish UI text. Dates are ISO strings (util/date.h), "" = not set.
 * Strings are fixed-size, NUL-terminated arrays so that these structs own
 * no heap memory and can be copied with '='.
 */
#ifndef BERED_ARENDE_H
#define BERED_ARENDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/date.h"

#define MAX_PARTIES      64 /* parties in one förbund (FK, AF, members) */
/*
 * Text limits are in characters (what people and JSON Schema count); the
 * buffers hold that many characters of any UTF-8 width: 4 bytes each.
 */
#define TITLE_CHARS      200               /* titles */
#define TEXT_CHARS       4000              /* long free text */
#define NAME_CHARS       127               /* names of people and parties */
#define SHORT_CHARS      255               /* references, e-mail, short notes */
#define TITLE_MAX        (TITLE_CHARS * 4) /* bytes, not counting NUL */
#define TEXT_MAX         (TEXT_CHARS * 4)  /* bytes, not counting NUL */
#define NAME_MAX_        (NAME_CHARS * 4 + 1)  /* buffer size */
#define SHORT_MAX        (SHORT_CHARS * 4 + 1) /* buffer size */
/*
 * The character limit of a text buffer of size bytes: a quarter of it
 * for the text buffers above (all 4n + 1 bytes); small buffers hold
 * ASCII codes ("identifierad"), where characters are bytes.
 */
#define TEXT_LIMIT(size) ((size) > 64 ? ((size)-1) / 4 : (size)-1)

enum kind { KIND_ESF = 0, KIND_FINSAM };

enum party_kind { PK_FK = 0, PK_AF, PK_KOMMUN, PK_REGION, PK__COUNT };

/*
 * Every state of both machines (DOMAIN.md 7). Which states a kind uses is
 * decided by rules.c; ST_ANSVARSFORDELNING is Finsam only, ST_OVERENS ..
 * ST_INSKICKAD, ST_SLUTRAPPORTERAD and ST_UTANFOR_RUTINEN are ESF+ only.
 */
enum state {
	ST_IDENTIFIERAD = 0,
	ST_UTFORMNING,
	ST_OVERENS,
	ST_ANSVARSFORDELNING,
	ST_ANSOKAN,
	ST_PARTSBESLUT,
	ST_INSKICKAD,
	ST_BEVILJAD,
	ST_AVSLAG,
	ST_GENOMFORANDE,
	ST_SLUTRAPPORTERAD,
	ST_AVSLUTAD,
	ST_AVBRUTEN,
	ST_UTANFOR_RUTINEN,
	ST__COUNT
};

enum agarprovning { AGP_NONE = 0, AGP_KAN, AGP_AVSTAR };
enum beslut { BESLUT_NONE = 0, BESLUT_JA, BESLUT_NEJ };

enum role {
	ROLE_LEDAMOT = 0,
	ROLE_KANSLI,
	ROLE_STYRELSE,
	ROLE_ESF_KANSLI,
	ROLE_NATIONELL,
	ROLE_ADMIN,
	ROLE__COUNT
};

/* Reasons a case ends without an application (avbruten). */
enum reason {
	REASON_NONE = 0,
	REASON_INGEN_UTLYSNING,        /* no fitting call */
	REASON_EJ_OVERENS,             /* the parties did not agree */
	REASON_MEDFINANSIERING_SAKNAS, /* co-financing missing */
	REASON_FINSAM_INSATS,          /* handled as a Finsam insats instead */
	REASON_UTANFOR_RUTINEN,        /* outside the routine */
	REASON_ANNAT,                  /* other (see reason_text) */
	REASON__COUNT
};

struct party {
	int64_t id;
	int64_t forbund_id;
	enum party_kind kind;
	char code[8]; /* kommunkod "0180", länskod "01", "" for FK/AF */
	char name[NAME_MAX_];
};

struct forbund {
	int64_t id;
	char name[NAME_MAX_];
	size_t nparties;
	struct party parties[MAX_PARTIES];
};

/* How a user wants to hear of what waits for them (issue 9). */
enum notify_mode {
	NOTIFY_DIREKT = 0,
	NOTIFY_DAGLIGEN,
	NOTIFY_AV,
	NOTIFY__COUNT
};

struct user {
	int64_t id;
	char email[SHORT_MAX];
	char name[NAME_MAX_];
	enum role role;
	int64_t forbund_id;  /* 0 = none (nationell, admin, esf-kansli) */
	int64_t party_id;    /* 0 = none */
	bool active;         /* false: cannot log in, sessions and tokens end */
	bool must_change_pw; /* a one-time password was set by an admin */
	enum notify_mode notify;
};

/* One party's row on a case (DOMAIN.md 7). */
struct party_row {
	int64_t party_id;
	enum party_kind kind; /* copied from the party, for the rules */
	char party_name[NAME_MAX_];
	bool deltar;
	bool medfinansiar;
	char medfinansiering[SHORT_MAX]; /* "500 000 kr, 0,5 åa" */
	bool utforare;
	char forankrad[DATE_LEN]; /* "" = not recorded */
	bool mandat;
	enum agarprovning agarprovning;
	enum beslut beslut;
};

/* An ESF-rådet call for applications (utlysning). */
struct utlysning {
	int64_t id;
	char title[TITLE_MAX + 1];
	char reference[SHORT_MAX];
	char opens[DATE_LEN];
	char closes[DATE_LEN];
	char programomrade[SHORT_MAX];
	int esf_share_pct; /* share of costs ESF+ covers, 0-100 */
};

/* A need from the behovskartläggning. */
struct need {
	int64_t id;
	int64_t forbund_id;
	char malgrupp[TEXT_MAX + 1];
	char behov[TEXT_MAX + 1];
	char utbud[TEXT_MAX + 1];
	char created_on[DATE_LEN];
};

struct arende {
	int64_t id;
	int64_t forbund_id;
	enum kind kind;
	enum state state;
	char title[TITLE_MAX + 1];
	char description[TEXT_MAX + 1];
	bool finsam_malgrupp; /* target group is the Finsam målgrupp */
	char external_cofinancers[SHORT_MAX]; /* non-Finsam co-financers, "" =
						 none (R4, R6) */
	int64_t need_id;                      /* 0 = none */
	int64_t owner_party_id;               /* projektägare, 0 = none */
	int64_t call_id;                      /* utlysning, 0 = none */
	char identified_on[DATE_LEN];         /* set at creation */
	char submitted_on[DATE_LEN];
	char esf_arende_id[SHORT_MAX]; /* ESF-rådet's ärende-id */
	int64_t applied_amount;        /* kronor applied for, -1 = not set */
	char decision_on[DATE_LEN];
	int64_t granted_amount;       /* kronor, -1 = not set */
	char project_start[DATE_LEN]; /* also Finsam grant period */
	char project_end[DATE_LEN];
	char projektledare[NAME_MAX_];
	char controller[NAME_MAX_];
	char administrator[NAME_MAX_];
	char overenskommelse_on[DATE_LEN]; /* R5 */
	char final_report_on[DATE_LEN];
	enum reason reason; /* when avbruten */
	char reason_text[SHORT_MAX];
	int64_t version; /* optimistic locking, bumped by store */
	size_t nparties;
	struct party_row parties[MAX_PARTIES];
};

/* One entry of a case's history (read from the audit log). */
struct history_entry {
	int64_t id;
	char at[TS_LEN];
	int64_t user_id;
	char user_name[NAME_MAX_];
	char user_party[NAME_MAX_]; /* the party the user represents, or "" */
	int from;                   /* enum state, -1 for a field change */
	int to;                     /* enum state, -1 for a field change */
	bool is_comment; /* a comment on the case (issue 10), never edited */
	/*
	 * Owned, never NULL once read: most rows have a short comment or
	 * none, so a buffer of TEXT_MAX in every row made a long history
	 * cost 16 KiB a row (32 MiB for 2,000 changes) on every view.
	 */
	char *comment;
};

/* Frees the n entries' comments and then h (accepts NULL). */
void history_free(struct history_entry *h, size_t n);

/* The audit field that marks a comment on a case. */
#define HISTORY_COMMENT "kommentar"
/*
 * Why text cannot be a comment on a case, as one Swedish sentence, or
 * NULL: it must hold something besides spaces and at most TEXT_CHARS
 * characters.
 */
const char *comment_refusal(const char *text);

/* Codes and labels. *_from_code returns false for an unknown code. */
const char *kind_code(enum kind k); /* "esf", "finsam" */
bool kind_from_code(const char *s, enum kind *out);
const char *kind_label(enum kind k); /* "ESF+-projekt", "Finsam-insats" */
const char *party_kind_code(
    enum party_kind k); /* "fk", "af", "kommun", "region" */
bool party_kind_from_code(const char *s, enum party_kind *out);
const char *party_kind_label(enum party_kind k);
const char *state_code(enum state s); /* "identifierad", ... */
/*
 * The codes of every state for which pred holds, as ",code,code," into
 * out (size bytes; 256 fit every state): the SQL twin of a domain state
 * list is bound from it (instr(?, ',' || state || ',')), never retyped.
 */
void state_code_list(bool (*pred)(enum state), char *out, size_t size);
bool state_from_code(const char *s, enum state *out);
const char *state_label(enum state s); /* "Identifierad", ... Swedish */
const char *role_code(enum role r);    /* "ledamot", ..., "esf-kansli" */
bool role_from_code(const char *s, enum role *out);
const char *role_label(enum role r);
const char *notify_code(enum notify_mode m); /* "direkt", "dagligen", "av" */
bool notify_from_code(const char *s, enum notify_mode *out);
const char *notify_label(enum notify_mode m);
const char *agarprovning_code(enum agarprovning a); /* NULL for AGP_NONE */
bool agarprovning_from_code(const char *s, enum agarprovning *out);
const char *beslut_code(enum beslut b); /* NULL for BESLUT_NONE */
bool beslut_from_code(const char *s, enum beslut *out);
const char *reason_code(enum reason r); /* "ingen_utlysning", ... */
bool reason_from_code(const char *s, enum reason *out);
const char *reason_label(enum reason r);
/*
 * True if reason r fits a case of kind k: every reason fits an ESF+
 * case; a Finsam insats stops because the parties did not agree, or for
 * another reason (no call, no ESF+ co-financing, "handled as a Finsam
 * insats" and "outside the routine" are ESF+'s).
 */
bool reason_fits(enum kind k, enum reason r);

/*
 * Whether the call a case is linked to needs a warning (issue 8): only
 * while the application is still to be sent (identifierad .. partsbeslut)
 * and the call closes within CALL_WARN_DAYS days or has closed (R8: no
 * application after the closing date). *days: days left (negative when
 * closed).
 */
#define CALL_WARN_DAYS 30
enum call_warn { CALL_WARN_NONE = 0, CALL_WARN_SOON, CALL_WARN_CLOSED };
enum call_warn call_warning(const struct arende *a, const struct utlysning *c,
    const char *today, int64_t *days);

/* The row of party_id on a, or NULL. */
const struct party_row *arende_party(const struct arende *a, int64_t party_id);
struct party_row *arende_party_mut(struct arende *a, int64_t party_id);
/* The party id of the förbund fb, or NULL. */
const struct party *forbund_party(const struct forbund *fb, int64_t id);
/* A fresh case: zeroed, granted_amount = -1, state identifierad. */
void arende_init(struct arende *a);

#endif
