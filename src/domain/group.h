/*
 * group.h - the beredningsgrupp's own meetings (issue 10): a date, the
 * parties attending, an agenda of cases (ESF+ and Finsam: this is where
 * ESF+ ideas are prepared) and needs, a note per item and minutes. The
 * styrelse never sees them (R1, perm.c).
 */
#ifndef BERED_GROUP_H
#define BERED_GROUP_H

#include <stdint.h>

#include "arende.h"

#define GROUP_ITEMS_MAX 60

struct group_item {
	int64_t id;
	int64_t case_id; /* one of case_id and need_id, the other 0 */
	int64_t need_id;
	char title[TITLE_MAX + 1]; /* the case's title, the need's målgrupp */
	enum kind kind;            /* of the case */
	char note[TEXT_MAX + 1];
};

struct group_meeting {
	int64_t id;
	int64_t forbund_id;
	char date[DATE_LEN];
	char minutes[TEXT_MAX + 1];
	size_t nattend;
	int64_t attend[MAX_PARTIES]; /* party ids */
	size_t nitems;
	struct group_item items[GROUP_ITEMS_MAX];
};

#endif
