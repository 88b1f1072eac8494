/*
 * The line discipline's output side, shared by program output and echo:
 * post-processing (OPOST: ONLCR, OCRNL, ONOCR, ONLRET, OLCUC, XTABS), the
 * cursor column it implies (erasing a tab needs it), and echo's way of
 * showing control characters (ECHOCTL: ^C). Internal to line_discipline.c.
 */
#ifndef CONSOLE_LD_OUTPUT_H
#define CONSOLE_LD_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "components/console/line_discipline.h"

/* Control characters as iscntrl() sees them in the C locale. */
bool ld_is_control(uint8_t c);
/* A UTF-8 continuation byte, when the input is UTF-8 (IUTF8). */
bool ld_is_continuation(const struct line_discipline *ld, uint8_t c);

/* One byte of output, post-processed. */
void ld_output_byte(struct line_discipline *ld, uint8_t c);
/* One byte echoed: a control character other than tab as ^X with ECHOCTL. */
void ld_echo_byte(struct line_discipline *ld, uint8_t c);
/* Hands what was collected to the output function. */
void ld_output_flush(struct line_discipline *ld);

#endif
