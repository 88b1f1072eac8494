#include "components/console/line_discipline.h"

#include "components/console/ld_output.h"
#include "lib/string.h"

#define SLOT_MASK (LD_BUFFER_SIZE - 1)
#define TENTH_SECOND_NS 100000000ull
/* A VTIME read deadline this far past its expiry belongs to a read the
 * client gave up on (it asks again at once when told it expired), so a
 * read now is a new one and starts its own timer. */
#define STALE_DEADLINE_NS 1000000000ull

static const uint8_t default_cc[LINUX_NCCS] = {
	[LINUX_VINTR] = 0x03,    /* ^C */
	[LINUX_VQUIT] = 0x1c,    /* ^\ */
	[LINUX_VERASE] = 0x7f,   /* DEL */
	[LINUX_VKILL] = 0x15,    /* ^U */
	[LINUX_VEOF] = 0x04,     /* ^D */
	[LINUX_VTIME] = 0,
	[LINUX_VMIN] = 1,
	[LINUX_VSTART] = 0x11,   /* ^Q */
	[LINUX_VSTOP] = 0x13,    /* ^S */
	[LINUX_VSUSP] = 0x1a,    /* ^Z */
	[LINUX_VREPRINT] = 0x12, /* ^R */
	[LINUX_VDISCARD] = 0x0f, /* ^O */
	[LINUX_VWERASE] = 0x17,  /* ^W */
	[LINUX_VLNEXT] = 0x16,   /* ^V */
};

void ld_default_termios(struct linux_termios *t)
{
	memset(t, 0, sizeof *t);
	t->c_iflag = LINUX_ICRNL | LINUX_IXON;
	t->c_oflag = LINUX_OPOST | LINUX_ONLCR;
	t->c_cflag = LINUX_B38400 | LINUX_CS8 | LINUX_CREAD | LINUX_HUPCL;
	t->c_lflag = LINUX_ISIG | LINUX_ICANON | LINUX_ECHO | LINUX_ECHOE | LINUX_ECHOK | LINUX_ECHOCTL |
		     LINUX_ECHOKE | LINUX_IEXTEN;
	memcpy(t->c_cc, default_cc, sizeof default_cc);
}

void ld_init(struct line_discipline *ld, ld_output_fn *output, void *output_context)
{
	memset(ld, 0, sizeof *ld);
	ld_default_termios(&ld->termios);
	ld->output = output;
	ld->output_context = output_context;
}

static bool local(const struct line_discipline *ld, uint32_t flag)
{
	return (ld->termios.c_lflag & flag) != 0;
}

static bool canonical(const struct line_discipline *ld)
{
	return local(ld, LINUX_ICANON);
}

/* Whether c is the control character at `index`, which is enabled. */
static bool is_cc(const struct line_discipline *ld, uint8_t c, unsigned index)
{
	uint8_t value = ld->termios.c_cc[index];
	return value != LINUX_VDISABLE && c == value;
}

static uint32_t slot(const struct line_discipline *ld, uint32_t i)
{
	return (ld->head + i) & SLOT_MASK;
}

static uint32_t edit_length(const struct line_discipline *ld)
{
	return ld->count - ld->committed;
}

static void append(struct line_discipline *ld, uint8_t c, enum ld_slot_kind kind)
{
	uint32_t i = slot(ld, ld->count++);
	ld->bytes[i] = c;
	ld->kinds[i] = (uint8_t)kind;
}

/* Whether one more slot fits. In canonical mode the last slot is kept for
 * a line's end, so a full line can still be finished and read. */
static bool has_room(const struct line_discipline *ld, bool ends_line)
{
	uint32_t limit = canonical(ld) && !ends_line ? LD_BUFFER_SIZE - 1 : LD_BUFFER_SIZE;
	return ld->count < limit;
}

static void consume(struct line_discipline *ld, uint32_t slots)
{
	ld->head = (ld->head + slots) & SLOT_MASK;
	ld->count -= slots;
	ld->committed -= slots;
}

void ld_flush_input(struct line_discipline *ld)
{
	ld->head = ld->count = ld->committed = 0;
	ld->literal_next = false;
	ld->read_deadline = 0;
}

/* ^C, ^\, ^Z: the signal, the input thrown away (so the interrupted
 * program does not read what was typed before), the character shown. */
static unsigned raise_signal(struct line_discipline *ld, uint8_t c, unsigned signal)
{
	if (!local(ld, LINUX_NOFLSH))
		ld_flush_input(ld);
	ld->signals |= 1u << signal;
	if (local(ld, LINUX_ECHO))
		ld_echo_byte(ld, c);
	return LD_EVENT_SIGNAL;
}

/* A byte that is just data (in raw mode, every byte that is not a signal
 * or flow-control character). */
static unsigned put_ordinary(struct line_discipline *ld, uint8_t c, uint64_t now)
{
	if (!has_room(ld, false)) {
		ld_output_byte(ld, '\a');
		return 0;
	}
	if (local(ld, LINUX_ECHO)) {
		if (!canonical(ld) && c == '\n') {
			ld_output_byte(ld, '\n');
		} else {
			if (canonical(ld) && edit_length(ld) == 0)
				ld->line_start_column = ld->column;
			ld_echo_byte(ld, c);
		}
	}
	append(ld, c, LD_SLOT_DATA);
	if (canonical(ld))
		return 0;
	ld->committed = ld->count;
	ld->last_input_time = now;
	return LD_EVENT_INPUT;
}

/* A line's end (\n, VEOL, VEOL2; VEOF as a mark that is no data): the
 * line becomes readable. */
static unsigned end_line(struct line_discipline *ld, uint8_t c, enum ld_slot_kind kind)
{
	append(ld, c, kind);
	ld->committed = ld->count;
	return LD_EVENT_INPUT;
}

enum erase_kind { ERASE_CHARACTER, ERASE_WORD, ERASE_LINE };

static bool is_word_byte(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* "\b \b": back over one column and blank it. */
static void rub_out(struct line_discipline *ld)
{
	ld_output_byte(ld, '\b');
	ld_output_byte(ld, ' ');
	ld_output_byte(ld, '\b');
}

/* A tab took the cursor to the next stop; where it was before is found by
 * laying out the rest of the line from where the line began. */
static void back_over_tab(struct line_discipline *ld)
{
	uint32_t column = ld->line_start_column;
	for (uint32_t i = ld->committed; i < ld->count; i++) {
		uint8_t c = ld->bytes[slot(ld, i)];
		if (c == '\t')
			column = (column | 7) + 1;
		else if (ld_is_control(c))
			column += local(ld, LINUX_ECHOCTL) ? 2 : 0;
		else if (!ld_is_continuation(ld, c))
			column++;
	}
	for (uint32_t back = ld->column > column ? ld->column - column : 0; back > 0; back--)
		ld_output_byte(ld, '\b');
}

static void echo_erase(struct line_discipline *ld, uint8_t erased, enum erase_kind kind, uint8_t typed)
{
	if (kind == ERASE_CHARACTER && !local(ld, LINUX_ECHOE)) {
		ld_echo_byte(ld, typed);
		return;
	}
	if (erased == '\t') {
		back_over_tab(ld);
		return;
	}
	bool control = ld_is_control(erased);
	if (control && local(ld, LINUX_ECHOCTL))
		rub_out(ld); /* the ^ of ^X */
	if (!control || local(ld, LINUX_ECHOCTL))
		rub_out(ld);
}

/* VERASE, VWERASE, VKILL on the line being edited. A word is a run of
 * letters, digits and underscores, as Linux has it (BSD's ALTWERASE). */
static void erase(struct line_discipline *ld, uint8_t typed, enum erase_kind kind)
{
	if (edit_length(ld) == 0)
		return;
	if (kind == ERASE_LINE) {
		if (!local(ld, LINUX_ECHO)) {
			ld->count = ld->committed;
			return;
		}
		if (!local(ld, LINUX_ECHOK) || !local(ld, LINUX_ECHOKE) || !local(ld, LINUX_ECHOE)) {
			/* Not erased on screen: the kill character, and with ECHOK
			 * a fresh line to type on. */
			ld->count = ld->committed;
			ld_echo_byte(ld, typed);
			if (local(ld, LINUX_ECHOK))
				ld_output_byte(ld, '\n');
			return;
		}
	}
	uint32_t word_bytes_seen = 0;
	while (edit_length(ld) > 0) {
		/* One character: with IUTF8, a lead byte and its continuations. */
		uint32_t start = ld->count;
		uint8_t c;
		do {
			c = ld->bytes[slot(ld, --start)];
		} while (ld_is_continuation(ld, c) && start > ld->committed);
		if (ld_is_continuation(ld, c))
			break; /* no lead byte: never erase half a character */
		if (kind == ERASE_WORD) {
			if (is_word_byte(c))
				word_bytes_seen++;
			else if (word_bytes_seen)
				break;
		}
		ld->count = start;
		if (local(ld, LINUX_ECHO))
			echo_erase(ld, c, kind, typed);
		if (kind == ERASE_CHARACTER)
			break;
	}
}

/* VREPRINT: the line typed so far, again, on a line of its own. */
static void reprint(struct line_discipline *ld, uint8_t typed)
{
	ld_echo_byte(ld, typed);
	ld_output_byte(ld, '\n');
	ld->line_start_column = ld->column;
	for (uint32_t i = ld->committed; i < ld->count; i++)
		ld_echo_byte(ld, ld->bytes[slot(ld, i)]);
}

/* Editing characters and line ends, in canonical mode; -1 if c is none. */
static int receive_canonical(struct line_discipline *ld, uint8_t c)
{
	bool extended = local(ld, LINUX_IEXTEN), echo = local(ld, LINUX_ECHO);
	if (is_cc(ld, c, LINUX_VERASE) || c == '\b') {
		erase(ld, c, ERASE_CHARACTER);
		return 0;
	}
	if (is_cc(ld, c, LINUX_VKILL)) {
		erase(ld, c, ERASE_LINE);
		return 0;
	}
	if (extended && is_cc(ld, c, LINUX_VWERASE)) {
		erase(ld, c, ERASE_WORD);
		return 0;
	}
	if (extended && is_cc(ld, c, LINUX_VLNEXT)) {
		ld->literal_next = true;
		if (echo && local(ld, LINUX_ECHOCTL)) {
			/* A ^ under the cursor, which the next byte overwrites. */
			ld_output_byte(ld, '^');
			ld_output_byte(ld, '\b');
		}
		return 0;
	}
	if (extended && echo && is_cc(ld, c, LINUX_VREPRINT)) {
		reprint(ld, c);
		return 0;
	}
	bool newline = c == '\n', end_of_file = is_cc(ld, c, LINUX_VEOF);
	bool other_end = is_cc(ld, c, LINUX_VEOL) || (extended && is_cc(ld, c, LINUX_VEOL2));
	if (!newline && !end_of_file && !other_end)
		return -1;
	if (!has_room(ld, true)) {
		ld_output_byte(ld, '\a');
		return 0;
	}
	if (newline) {
		if (echo || local(ld, LINUX_ECHONL))
			ld_output_byte(ld, '\n');
		return (int)end_line(ld, c, LD_SLOT_LINE_END);
	}
	if (end_of_file) /* not echoed: the line just ends where it is */
		return (int)end_line(ld, c, LD_SLOT_EOF);
	if (echo) {
		if (edit_length(ld) == 0)
			ld->line_start_column = ld->column;
		ld_echo_byte(ld, c);
	}
	return (int)end_line(ld, c, LD_SLOT_LINE_END);
}

static unsigned receive_byte(struct line_discipline *ld, uint8_t c, uint64_t now)
{
	uint32_t iflag = ld->termios.c_iflag;
	if (iflag & LINUX_ISTRIP)
		c &= 0x7f;
	if ((iflag & LINUX_IUCLC) && local(ld, LINUX_IEXTEN) && c >= 'A' && c <= 'Z')
		c = (uint8_t)(c - 'A' + 'a');
	if (ld->literal_next) {
		ld->literal_next = false;
		return put_ordinary(ld, c, now);
	}
	/* Output flow control (^S, ^Q) is taken out of the input; output is
	 * not actually stopped (writes are answered at once). */
	if ((iflag & LINUX_IXON) && (is_cc(ld, c, LINUX_VSTART) || is_cc(ld, c, LINUX_VSTOP)))
		return 0;
	if (local(ld, LINUX_ISIG)) {
		if (is_cc(ld, c, LINUX_VINTR))
			return raise_signal(ld, c, LINUX_SIGINT);
		if (is_cc(ld, c, LINUX_VQUIT))
			return raise_signal(ld, c, LINUX_SIGQUIT);
		if (is_cc(ld, c, LINUX_VSUSP))
			return raise_signal(ld, c, LINUX_SIGTSTP);
	}
	if (c == '\r') {
		if (iflag & LINUX_IGNCR)
			return 0;
		if (iflag & LINUX_ICRNL)
			c = '\n';
	} else if (c == '\n' && (iflag & LINUX_INLCR)) {
		c = '\r';
	}
	if (canonical(ld)) {
		int events = receive_canonical(ld, c);
		if (events >= 0)
			return (unsigned)events;
	}
	return put_ordinary(ld, c, now);
}

unsigned ld_receive(struct line_discipline *ld, uint8_t byte, uint64_t now)
{
	unsigned events = receive_byte(ld, byte, now);
	ld_output_flush(ld);
	return events;
}

void ld_write(struct line_discipline *ld, const uint8_t *bytes, size_t length)
{
	for (size_t i = 0; i < length; i++)
		ld_output_byte(ld, bytes[i]);
	ld_output_flush(ld);
}

/* Canonical: at most one line, its end-of-file mark dropped. A line longer
 * than asked for is read in pieces. */
static long read_line(struct line_discipline *ld, uint8_t *buffer, size_t wanted)
{
	if (ld->committed == 0)
		return LD_READ_EMPTY;
	uint32_t end = 0; /* the slot that ends the first line */
	while (end + 1 < ld->committed && ld->kinds[slot(ld, end)] == LD_SLOT_DATA)
		end++;
	bool end_of_file = ld->kinds[slot(ld, end)] == LD_SLOT_EOF;
	uint32_t data = end_of_file ? end : end + 1;
	uint32_t n = wanted < data ? (uint32_t)wanted : data;
	for (uint32_t i = 0; i < n; i++)
		buffer[i] = ld->bytes[slot(ld, i)];
	consume(ld, n);
	if (n == data && end_of_file)
		consume(ld, 1);
	return n;
}

/* Data bytes readable in raw mode (end-of-file marks left from canonical
 * mode are no data). */
static uint32_t raw_available(const struct line_discipline *ld)
{
	uint32_t available = 0;
	for (uint32_t i = 0; i < ld->committed; i++)
		available += ld->kinds[slot(ld, i)] != LD_SLOT_EOF;
	return available;
}

/* Whether a raw read of `wanted` bytes returns now, by VMIN and VTIME. */
static bool raw_read_ready(struct line_discipline *ld, size_t wanted, uint64_t now)
{
	uint32_t vmin = ld->termios.c_cc[LINUX_VMIN], vtime = ld->termios.c_cc[LINUX_VTIME];
	uint32_t available = raw_available(ld);
	if (vmin == 0 && vtime == 0)
		return true; /* a poll: whatever is there, maybe nothing */
	if (vmin == 0) {
		/* VTIME tenths of a second for the whole read, from its start. */
		if (available > 0)
			return true;
		if (ld->read_deadline && now >= ld->read_deadline + STALE_DEADLINE_NS)
			ld->read_deadline = 0;
		if (!ld->read_deadline) {
			ld->read_deadline = now + vtime * TENTH_SECOND_NS;
			return false;
		}
		return now >= ld->read_deadline;
	}
	if (available >= (wanted < vmin ? wanted : vmin))
		return true;
	/* VTIME, with VMIN: the longest gap between bytes once one came. */
	return vtime && available > 0 && now >= ld->last_input_time + vtime * TENTH_SECOND_NS;
}

static long read_raw(struct line_discipline *ld, uint8_t *buffer, size_t wanted, uint64_t now)
{
	if (!raw_read_ready(ld, wanted, now))
		return LD_READ_EMPTY;
	ld->read_deadline = 0;
	size_t n = 0;
	while (n < wanted && ld->committed > 0) {
		uint32_t i = slot(ld, 0);
		if (ld->kinds[i] != LD_SLOT_EOF)
			buffer[n++] = ld->bytes[i];
		consume(ld, 1);
	}
	return (long)n;
}

long ld_read(struct line_discipline *ld, uint8_t *buffer, size_t wanted, uint64_t now)
{
	if (wanted == 0)
		return 0;
	return canonical(ld) ? read_line(ld, buffer, wanted) : read_raw(ld, buffer, wanted, now);
}

bool ld_readable(const struct line_discipline *ld, uint64_t now)
{
	if (canonical(ld))
		return ld->committed > 0;
	uint32_t vmin = ld->termios.c_cc[LINUX_VMIN], vtime = ld->termios.c_cc[LINUX_VTIME];
	if (vmin == 0 && vtime && ld->read_deadline && now >= ld->read_deadline)
		return true;
	uint32_t needed = vmin && !vtime ? vmin : 1;
	return raw_available(ld) >= needed;
}

uint64_t ld_deadline(const struct line_discipline *ld)
{
	uint32_t vmin = ld->termios.c_cc[LINUX_VMIN], vtime = ld->termios.c_cc[LINUX_VTIME];
	if (canonical(ld) || !vtime)
		return 0;
	if (vmin == 0)
		return ld->read_deadline;
	uint32_t available = raw_available(ld);
	if (available == 0 || available >= vmin)
		return 0;
	uint64_t deadline = ld->last_input_time + vtime * TENTH_SECOND_NS;
	return deadline ? deadline : 1;
}

uint32_t ld_take_signals(struct line_discipline *ld)
{
	uint32_t signals = ld->signals;
	ld->signals = 0;
	return signals;
}

void ld_set_termios(struct line_discipline *ld, const struct linux_termios *termios)
{
	bool was_canonical = canonical(ld);
	ld->termios = *termios;
	if (was_canonical && !canonical(ld)) {
		ld->committed = ld->count;
		ld->literal_next = false;
		ld->last_input_time = 0;
	} else if (!was_canonical && canonical(ld) && ld->count > 0) {
		uint32_t last = slot(ld, ld->count - 1);
		if (ld->kinds[last] == LD_SLOT_DATA)
			ld->kinds[last] = LD_SLOT_LINE_END;
		ld->committed = ld->count;
	}
	ld->read_deadline = 0;
}
