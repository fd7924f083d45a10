/*
 * arende.c - the stable codes and Swedish labels of DOMAIN.md, and the
 * small helpers on a case's party rows.
 *
 * Codes are the API's ASCII names and must never change: integrations and
 * the acceptance tests depend on them. Labels are UI text and may be
 * reworded. Every lookup is table-driven so that a code and its label sit
 * on one line; an out-of-range enum gives "" (code) or "Okänd" (label)
 * rather than a crash, because values may come from a damaged database.
 */
#include "arende.h"

#include "util/date.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

struct code_label {
	const char *code;
	const char *label;
};

static const struct code_label kinds[] = {
	[KIND_ESF] = { "esf", "ESF+-projekt" },
	[KIND_FINSAM] = { "finsam", "Finsam-insats" },
};

static const struct code_label party_kinds[PK__COUNT] = {
	[PK_FK] = { "fk", "Försäkringskassan" },
	[PK_AF] = { "af", "Arbetsförmedlingen" },
	[PK_KOMMUN] = { "kommun", "Kommun" },
	[PK_REGION] = { "region", "Region" },
};

static const struct code_label states[ST__COUNT] = {
	[ST_IDENTIFIERAD] = { "identifierad", "Identifierad" },
	[ST_UTFORMNING] = { "utformning", "Utformning och förankring" },
	[ST_OVERENS] = { "overens", "Överens" },
	[ST_ANSVARSFORDELNING] = { "ansvarsfordelning", "Ansvarsfördelning" },
	[ST_ANSOKAN] = { "ansokan", "Ansökan skrivs" },
	[ST_PARTSBESLUT] = { "partsbeslut", "Parternas beslut" },
	[ST_INSKICKAD] = { "inskickad", "Inskickad till ESF-rådet" },
	[ST_BEVILJAD] = { "beviljad", "Beviljad" },
	[ST_AVSLAG] = { "avslag", "Avslag" },
	[ST_GENOMFORANDE] = { "genomforande", "Genomförande" },
	[ST_SLUTRAPPORTERAD] = { "slutrapporterad", "Slutrapporterad" },
	[ST_AVSLUTAD] = { "avslutad", "Avslutad" },
	[ST_AVBRUTEN] = { "avbruten", "Avbruten" },
	[ST_UTANFOR_RUTINEN] = { "utanfor_rutinen", "Utanför rutinen" },
};

static const struct code_label roles[ROLE__COUNT] = {
	[ROLE_LEDAMOT] = { "ledamot", "Ledamot i beredningsgruppen" },
	[ROLE_KANSLI] = { "kansli", "Förbundets kansli" },
	[ROLE_STYRELSE] = { "styrelse", "Förbundsstyrelsen" },
	[ROLE_ESF_KANSLI] = { "esf-kansli", "Försäkringskassans ESF-kansli" },
	[ROLE_NATIONELL] = { "nationell", "Nationell uppföljning" },
	[ROLE_ADMIN] = { "admin", "Administratör" },
};

static const struct code_label notify_modes[NOTIFY__COUNT] = {
	[NOTIFY_DIREKT] = { "direkt", "Direkt, ett mejl för varje händelse" },
	[NOTIFY_DAGLIGEN] = { "dagligen",
	    "Dagligen, en sammanfattning om dagen" },
	[NOTIFY_AV] = { "av", "Av, inga mejl" },
};

/* Index 0 (AGP_NONE, BESLUT_NONE) has no code: the API writes null. */
static const struct code_label agarprovningar[] = {
	[AGP_NONE] = { NULL, "Ej prövad" },
	[AGP_KAN] = { "kan", "Kan vara projektägare" },
	[AGP_AVSTAR] = { "avstar", "Avstår från att vara projektägare" },
};

static const struct code_label beslut_codes[] = {
	[BESLUT_NONE] = { NULL, "Inget beslut" },
	[BESLUT_JA] = { "ja", "Ja" },
	[BESLUT_NEJ] = { "nej", "Nej" },
};

static const struct code_label reasons[REASON__COUNT] = {
	[REASON_NONE] = { "", "Inget skäl angivet" },
	[REASON_INGEN_UTLYSNING] = { "ingen_utlysning",
	    "Ingen passande utlysning" },
	[REASON_EJ_OVERENS] = { "ej_overens", "Parterna kom inte överens" },
	[REASON_MEDFINANSIERING_SAKNAS] = { "medfinansiering_saknas",
	    "Medfinansiering saknas" },
	[REASON_FINSAM_INSATS] = { "finsam_insats",
	    "Hanteras som Finsam-insats i stället" },
	[REASON_UTANFOR_RUTINEN] = { "utanfor_rutinen", "Utanför rutinen" },
	[REASON_ANNAT] = { "annat", "Annat skäl" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Code of entry i of t (n entries); "" when out of range. */
static const char *
code_of(const struct code_label *t, size_t n, int i)
{
	if (i < 0 || (size_t)i >= n || t[i].code == NULL) {
		return "";
	}
	return t[i].code;
}

static const char *
label_of(const struct code_label *t, size_t n, int i)
{
	if (i < 0 || (size_t)i >= n) {
		return "Okänd";
	}
	return t[i].label;
}

/*
 * Index of code s in t, starting at `first` (entries below it have no
 * code); -1 when s is NULL, empty or unknown.
 */
static int
index_of(const struct code_label *t, size_t n, size_t first, const char *s)
{
	if (s == NULL || *s == '\0') {
		return -1;
	}
	for (size_t i = first; i < n; i++) {
		if (t[i].code != NULL && strcmp(t[i].code, s) == 0) {
			return (int)i;
		}
	}
	return -1;
}

const char *
kind_code(enum kind k)
{
	return code_of(kinds, NELEM(kinds), (int)k);
}

bool
kind_from_code(const char *s, enum kind *out)
{
	int i = index_of(kinds, NELEM(kinds), 0, s);

	if (i < 0) {
		return false;
	}
	*out = (enum kind)i;
	return true;
}

const char *
kind_label(enum kind k)
{
	return label_of(kinds, NELEM(kinds), (int)k);
}

const char *
party_kind_code(enum party_kind k)
{
	return code_of(party_kinds, NELEM(party_kinds), (int)k);
}

bool
party_kind_from_code(const char *s, enum party_kind *out)
{
	int i = index_of(party_kinds, NELEM(party_kinds), 0, s);

	if (i < 0) {
		return false;
	}
	*out = (enum party_kind)i;
	return true;
}

const char *
party_kind_label(enum party_kind k)
{
	return label_of(party_kinds, NELEM(party_kinds), (int)k);
}

const char *
state_code(enum state s)
{
	return code_of(states, NELEM(states), (int)s);
}

bool
state_from_code(const char *s, enum state *out)
{
	int i = index_of(states, NELEM(states), 0, s);

	if (i < 0) {
		return false;
	}
	*out = (enum state)i;
	return true;
}

const char *
state_label(enum state s)
{
	return label_of(states, NELEM(states), (int)s);
}

const char *
role_code(enum role r)
{
	return code_of(roles, NELEM(roles), (int)r);
}

bool
role_from_code(const char *s, enum role *out)
{
	int i = index_of(roles, NELEM(roles), 0, s);

	if (i < 0) {
		return false;
	}
	*out = (enum role)i;
	return true;
}

const char *
role_label(enum role r)
{
	return label_of(roles, NELEM(roles), (int)r);
}

const char *
notify_code(enum notify_mode m)
{
	return code_of(notify_modes, NELEM(notify_modes), (int)m);
}

bool
notify_from_code(const char *s, enum notify_mode *out)
{
	int i = index_of(notify_modes, NELEM(notify_modes), 0, s);

	if (i < 0) {
		return false;
	}
	*out = (enum notify_mode)i;
	return true;
}

const char *
notify_label(enum notify_mode m)
{
	return label_of(notify_modes, NELEM(notify_modes), (int)m);
}

/* NULL for AGP_NONE and out-of-range values: the API writes null. */
const char *
agarprovning_code(enum agarprovning a)
{
	if ((int)a <= (int)AGP_NONE || (size_t)a >= NELEM(agarprovningar)) {
		return NULL;
	}
	return agarprovningar[a].code;
}

bool
agarprovning_from_code(const char *s, enum agarprovning *out)
{
	int i = index_of(agarprovningar, NELEM(agarprovningar), 1, s);

	if (i < 0) {
		return false;
	}
	*out = (enum agarprovning)i;
	return true;
}

/* NULL for BESLUT_NONE and out-of-range values. */
const char *
beslut_code(enum beslut b)
{
	if ((int)b <= (int)BESLUT_NONE || (size_t)b >= NELEM(beslut_codes)) {
		return NULL;
	}
	return beslut_codes[b].code;
}

bool
beslut_from_code(const char *s, enum beslut *out)
{
	int i = index_of(beslut_codes, NELEM(beslut_codes), 1, s);

	if (i < 0) {
		return false;
	}
	*out = (enum beslut)i;
	return true;
}

/* "" for REASON_NONE: no reason is not a code a client may send. */
const char *
reason_code(enum reason r)
{
	return code_of(reasons, NELEM(reasons), (int)r);
}

bool
reason_from_code(const char *s, enum reason *out)
{
	int i = index_of(reasons, NELEM(reasons), 1, s);

	if (i < 0) {
		return false;
	}
	*out = (enum reason)i;
	return true;
}

const char *
reason_label(enum reason r)
{
	return label_of(reasons, NELEM(reasons), (int)r);
}

const struct party *
forbund_party(const struct forbund *fb, int64_t id)
{
	size_t n = fb->nparties < MAX_PARTIES ? fb->nparties : MAX_PARTIES;

	for (size_t i = 0; i < n; i++) {
		if (fb->parties[i].id == id) {
			return &fb->parties[i];
		}
	}
	return NULL;
}

/* The row of party_id on a, or NULL (also for party_id 0). */
const struct party_row *
arende_party(const struct arende *a, int64_t party_id)
{
	size_t n;

	if (a == NULL || party_id == 0) {
		return NULL;
	}
	n = a->nparties < MAX_PARTIES ? a->nparties : MAX_PARTIES;
	for (size_t i = 0; i < n; i++) {
		if (a->parties[i].party_id == party_id) {
			return &a->parties[i];
		}
	}
	return NULL;
}

/* As arende_party, writable. */
struct party_row *
arende_party_mut(struct arende *a, int64_t party_id)
{
	size_t n;

	if (a == NULL || party_id == 0) {
		return NULL;
	}
	n = a->nparties < MAX_PARTIES ? a->nparties : MAX_PARTIES;
	for (size_t i = 0; i < n; i++) {
		if (a->parties[i].party_id == party_id) {
			return &a->parties[i];
		}
	}
	return NULL;
}

/* A fresh ESF+ case: zeroed, state identifierad, no granted amount. */
void
arende_init(struct arende *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = KIND_ESF;
	a->state = ST_IDENTIFIERAD;
	a->granted_amount = -1;
	a->applied_amount = -1;
	a->reason = REASON_NONE;
}

void
state_code_list(bool (*pred)(enum state), char *out, size_t size)
{
	size_t used = 1;

	if (size < 2) {
		return;
	}
	out[0] = ',';
	out[1] = '\0';
	for (int s = 0; s < ST__COUNT; s++) {
		const char *code = state_code((enum state)s);
		size_t len = strlen(code);

		if (!pred((enum state)s) || used + len + 2 > size) {
			continue;
		}
		memcpy(out + used, code, len);
		out[used + len] = ',';
		used += len + 1;
		out[used] = '\0';
	}
}

bool
reason_fits(enum kind k, enum reason r)
{
	if (k == KIND_ESF) {
		return r > REASON_NONE && r < REASON__COUNT;
	}
	return r == REASON_EJ_OVERENS || r == REASON_ANNAT;
}

enum call_warn
call_warning(const struct arende *a, const struct utlysning *c,
    const char *today, int64_t *days)
{
	*days = 0;
	if (c == NULL || a->call_id != c->id || !date_valid(c->closes) ||
	    !date_valid(today)) {
		return CALL_WARN_NONE;
	}
	switch (a->state) {
	case ST_IDENTIFIERAD:
	case ST_UTFORMNING:
	case ST_OVERENS:
	case ST_ANSOKAN:
	case ST_PARTSBESLUT:
		break;
	default:
		return CALL_WARN_NONE;
	}
	*days = date_diff_days(today, c->closes);
	if (*days < 0) {
		return CALL_WARN_CLOSED;
	}
	return *days <= CALL_WARN_DAYS ? CALL_WARN_SOON : CALL_WARN_NONE;
}

const char *
comment_refusal(const char *text)
{
	const char *p = text;

	while (p != NULL &&
	    (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
		p++;
	}
	if (p == NULL || *p == '\0') {
		return "Skriv något i kommentaren.";
	}
	if (text_chars(text) > TEXT_CHARS) {
		return "Kommentaren får vara högst 4000 tecken.";
	}
	return NULL;
}

void
history_free(struct history_entry *h, size_t n)
{
	if (h == NULL) {
		return;
	}
	for (size_t i = 0; i < n; i++) {
		free(h[i].comment);
	}
	free(h);
}
