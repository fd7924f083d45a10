/*
 * ui_finsam.h - small pieces shared by the Finsam pages (ui_board.c,
 * ui_budget.c, ui_finsam_case.c; implemented in ui_finsam_util.c).
 * ui_case_finsam_section() itself is declared in ui.h.
 */
#ifndef BERED_UI_FINSAM_H
#define BERED_UI_FINSAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/svc_finsam.h"
#include "http/form.h"
#include "http/req.h"

/*
 * The success notice of a Finsam PRG redirect (?ok=CODE): a role="status"
 * box for the known codes, a warning box for a decision over the frame.
 * Unknown codes are ignored; nothing from the query is echoed.
 */
void ui_finsam_notice(struct req *r);
/* The year's money: frame, granted, remaining, flagged when over. */
void ui_finsam_frame(struct req *r, const struct frame_status *fs);
/* A share in ppm as a Swedish percentage without the sign: "33,3333". */
void ui_finsam_percent(int64_t ppm, char *out, size_t outsz);
/*
 * Parses a percentage as people type it ("25", "33,3333", "12.5 %") into
 * ppm (at most four decimals). Empty gives 0 and true.
 */
bool ui_finsam_parse_percent(const char *s, int64_t *ppm);
/* Renames field errors named from to to (one form's field names). */
void ui_finsam_rename_field(struct field_errors *fe, const char *from,
    const char *to);
/* The förbund's name into out ("" if unknown). */
void ui_finsam_forbund_name(struct req *r, int64_t fid, char *out,
    size_t outsz);

#endif
