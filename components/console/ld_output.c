#include "components/console/ld_output.h"

bool ld_is_control(uint8_t c)
{
	return c < 0x20 || c == 0x7f;
}

bool ld_is_continuation(const struct line_discipline *ld, uint8_t c)
{
	return (ld->termios.c_iflag & LINUX_IUTF8) && (c & 0xc0) == 0x80;
}

static void emit(struct line_discipline *ld, uint8_t c)
{
	ld->batch[ld->batch_length++] = c;
	if (ld->batch_length == LD_OUTPUT_BATCH)
		ld_output_flush(ld);
}

void ld_output_flush(struct line_discipline *ld)
{
	if (ld->batch_length && ld->output)
		ld->output(ld->output_context, ld->batch, ld->batch_length);
	ld->batch_length = 0;
}

/* Columns are counted only with OPOST, as Linux does: without it the
 * terminal sees exactly what the program wrote and we cannot tell. */
void ld_output_byte(struct line_discipline *ld, uint8_t c)
{
	uint32_t oflag = ld->termios.c_oflag;
	if (!(oflag & LINUX_OPOST)) {
		emit(ld, c);
		return;
	}
	switch (c) {
	case '\n':
		if (oflag & LINUX_ONLCR) {
			emit(ld, '\r');
			ld->column = 0;
		} else if (oflag & LINUX_ONLRET) {
			ld->column = 0;
		}
		emit(ld, '\n');
		return;
	case '\r':
		if ((oflag & LINUX_ONOCR) && ld->column == 0)
			return;
		if (oflag & LINUX_OCRNL) {
			if (oflag & LINUX_ONLRET)
				ld->column = 0;
			emit(ld, '\n');
			return;
		}
		ld->column = 0;
		emit(ld, '\r');
		return;
	case '\t': {
		uint32_t spaces = 8 - (ld->column & 7);
		if ((oflag & LINUX_TABDLY) == LINUX_XTABS) {
			for (uint32_t i = 0; i < spaces; i++)
				emit(ld, ' ');
		} else {
			emit(ld, '\t');
		}
		ld->column += spaces;
		return;
	}
	case '\b':
		if (ld->column > 0)
			ld->column--;
		emit(ld, '\b');
		return;
	default:
		if ((oflag & LINUX_OLCUC) && c >= 'a' && c <= 'z')
			c = (uint8_t)(c - 'a' + 'A');
		if (!ld_is_control(c) && !ld_is_continuation(ld, c))
			ld->column++;
		emit(ld, c);
	}
}

void ld_echo_byte(struct line_discipline *ld, uint8_t c)
{
	if ((ld->termios.c_lflag & LINUX_ECHOCTL) && ld_is_control(c) && c != '\t') {
		ld_output_byte(ld, '^');
		ld_output_byte(ld, c ^ 0x40); /* ^C for 0x03, ^? for DEL */
		return;
	}
	ld_output_byte(ld, c);
}
