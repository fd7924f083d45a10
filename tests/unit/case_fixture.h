/*
 * case_fixture.h - shared fixtures for the domain's rule tests: a case with
 * FK, AF, a kommun and a region that have each recorded everything, so a
 * test breaks exactly what it tests. Header-only (static inline) because
 * every unit test is its own binary.
 */
#ifndef BERED_TEST_CASE_FIXTURE_H
#define BERED_TEST_CASE_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "domain/rules.h"

enum { P_FK = 1, P_AF = 2, P_KOM = 3, P_REG = 4 };

#define SET(field, s) snprintf((field), sizeof(field), "%s", (s))

/* Appends a participating party that has recorded everything. */
static inline void
fx_add_party(struct arende *a, int64_t id, enum party_kind k, const char *name)
{
	struct party_row *p = &a->parties[a->nparties++];

	memset(p, 0, sizeof(*p));
	p->party_id = id;
	p->kind = k;
	SET(p->party_name, name);
	p->deltar = true;
	p->medfinansiar = true;
	SET(p->medfinansiering, "100 000 kr");
	p->utforare = k == PK_KOMMUN || k == PK_REGION;
	SET(p->forankrad, "2025-02-01");
	p->mandat = true;
	p->agarprovning = k == PK_KOMMUN ? AGP_KAN : AGP_AVSTAR;
	p->beslut = BESLUT_JA;
}

/* A case of kind k in state s with the four parties; the kommun owns it. */
static inline void
fx_case(struct arende *a, enum kind k, enum state s)
{
	memset(a, 0, sizeof(*a));
	arende_init(a);
	a->id = 10;
	a->forbund_id = 1;
	a->kind = k;
	a->state = s;
	a->finsam_malgrupp = true;
	fx_add_party(a, P_FK, PK_FK, "Försäkringskassan");
	fx_add_party(a, P_AF, PK_AF, "Arbetsförmedlingen");
	fx_add_party(a, P_KOM, PK_KOMMUN, "Malmö stad");
	fx_add_party(a, P_REG, PK_REGION, "Region Skåne");
	a->owner_party_id = P_KOM;
}

/* The number of failing entries of l with rule id `rule`. */
static inline size_t
fx_fails(const struct rule_list *l, const char *rule)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (!l->r[i].ok && strcmp(l->r[i].rule, rule) == 0) {
			n++;
		}
	}
	return n;
}

#endif
