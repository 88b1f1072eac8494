/*
 * The fake surroundings of the file side (fs_fake.h).
 */
#include "fs_fake.h"

#include <stdlib.h>
#include <string.h>

#include "components/console/console_protocol.h"
#include "components/posix/fs/console_ipc.h"
#include "components/posix/fs/memory.h"
#include "unit.h"

/* --- the heap: malloc'd blocks on a list, so none looks leaked --- */
struct fake_block {
	struct fake_block *next, *previous;
	size_t size;
	max_align_t align[];
};
static struct fake_block heap_list = { &heap_list, &heap_list, 0 };
static size_t heap_count;

void *fs_alloc(size_t size)
{
	struct fake_block *b = malloc(sizeof *b + size);
	if (!b)
		return NULL;
	b->size = size;
	b->next = heap_list.next;
	b->previous = &heap_list;
	heap_list.next->previous = b;
	heap_list.next = b;
	heap_count++;
	return b->align;
}

void *fs_zalloc(size_t size)
{
	void *p = fs_alloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void fs_free(void *pointer)
{
	if (!pointer)
		return;
	struct fake_block *b = (struct fake_block *)((char *)pointer - offsetof(struct fake_block, align));
	b->previous->next = b->next;
	b->next->previous = b->previous;
	heap_count--;
	free(b);
}

void *fs_realloc(void *pointer, size_t size)
{
	if (!pointer)
		return fs_alloc(size);
	struct fake_block *b = (struct fake_block *)((char *)pointer - offsetof(struct fake_block, align));
	void *moved = fs_alloc(size);
	if (!moved)
		return NULL;
	memcpy(moved, pointer, b->size < size ? b->size : size);
	fs_free(pointer);
	return moved;
}

size_t fake_heap_blocks(void)
{
	return heap_count;
}

/* --- processes --- */
#define FAKE_PROCESSES 64
static struct process processes[FAKE_PROCESSES];
static unsigned process_count;

struct posix_process_common *posix_common(struct process *p)
{
	return &p->common;
}

struct process *process_find(int pid)
{
	for (unsigned i = 0; i < process_count; i++)
		if (processes[i].common.pid == pid)
			return &processes[i];
	return NULL;
}

bool process_group_exists(int pgid)
{
	for (unsigned i = 0; i < process_count; i++)
		if (processes[i].common.pgid == pgid)
			return true;
	return false;
}

static struct process *process_new(int pid)
{
	if (process_count == FAKE_PROCESSES)
		abort();
	struct process *p = &processes[process_count++];
	memset(p, 0, sizeof *p);
	p->common.pid = p->common.pgid = p->common.sid = pid;
	return p;
}

struct process *fake_process(int pid)
{
	struct process *p = process_new(pid);
	if (fs_process_init(p) != 0)
		abort();
	return p;
}

struct process *fake_fork(struct process *parent, int pid)
{
	struct process *p = process_new(pid);
	p->common.ppid = parent->common.pid;
	p->common.pgid = parent->common.pgid;
	p->common.sid = parent->common.sid;
	if (fs_fork(parent, p) != 0)
		abort();
	return p;
}

void signal_send(struct process *p, int signal)
{
	if (p->signal_count < 16)
		p->signals[p->signal_count++] = signal;
}

int fake_group_signals[16][2];
unsigned fake_group_signal_count;

void signal_send_group(int pgid, int signal)
{
	if (fake_group_signal_count < 16) {
		fake_group_signals[fake_group_signal_count][0] = pgid;
		fake_group_signals[fake_group_signal_count][1] = signal;
		fake_group_signal_count++;
	}
}

uint64_t fake_now_ns, fake_realtime_ns;
unsigned fake_wake_count;

uint64_t posix_now_ns(void)
{
	return fake_now_ns;
}

uint64_t posix_realtime_ns(void)
{
	return fake_realtime_ns;
}

void posix_wake(void)
{
	fake_wake_count++;
}

char fake_log[256];

void fs_log(const char *message)
{
	snprintf(fake_log, sizeof fake_log, "%s", message);
}

/* --- user memory --- */
static uint8_t user_memory[FAKE_USER_SIZE] __attribute__((aligned(4096)));
static bool user_unmapped[FAKE_USER_SIZE / 4096];
static size_t user_used;

uint64_t fake_user_alloc(size_t size)
{
	size_t at = (user_used + 15) & ~(size_t)15;
	if (at + size > FAKE_USER_SIZE)
		abort();
	user_used = at + size;
	memset(user_memory + at, 0, size);
	return FAKE_USER_BASE + at;
}

uint64_t fake_user_put(const void *data, size_t size)
{
	uint64_t address = fake_user_alloc(size);
	memcpy(fake_user_pointer(address), data, size);
	return address;
}

uint64_t fake_user_string(const char *s)
{
	return fake_user_put(s, strlen(s) + 1);
}

void *fake_user_pointer(uint64_t address)
{
	return user_memory + (address - FAKE_USER_BASE);
}

void fake_user_unmap_page(uint64_t address)
{
	user_unmapped[(address - FAKE_USER_BASE) / 4096] = true;
}

static bool user_ok(uint64_t address, size_t length)
{
	if (address < FAKE_USER_BASE || address - FAKE_USER_BASE > FAKE_USER_SIZE ||
	    length > FAKE_USER_SIZE - (address - FAKE_USER_BASE))
		return false;
	for (uint64_t page = (address - FAKE_USER_BASE) / 4096; length && page <= (address - FAKE_USER_BASE + length - 1) / 4096;
	     page++)
		if (user_unmapped[page])
			return false;
	return true;
}

long user_read(struct process *p, uint64_t address, void *buffer, size_t length)
{
	(void)p;
	if (!user_ok(address, length))
		return -LINUX_EFAULT;
	memcpy(buffer, fake_user_pointer(address), length);
	return 0;
}

long user_write(struct process *p, uint64_t address, const void *buffer, size_t length)
{
	(void)p;
	if (!user_ok(address, length))
		return -LINUX_EFAULT;
	memcpy(fake_user_pointer(address), buffer, length);
	return 0;
}

long user_read_string(struct process *p, uint64_t address, char *buffer, size_t max)
{
	(void)p;
	for (size_t i = 0; i < max; i++) {
		if (!user_ok(address + i, 1))
			return -LINUX_EFAULT;
		buffer[i] = *(char *)fake_user_pointer(address + i);
		if (!buffer[i])
			return (long)i;
	}
	return -LINUX_ENAMETOOLONG;
}

/* --- the console --- */
char fake_console_input[4096];
size_t fake_console_input_length;
bool fake_console_eof;
char fake_console_output[65536];
size_t fake_console_output_length;
unsigned fake_console_write_calls;
uint64_t fake_console_signal_bits;
uint8_t fake_console_termios[64];
uint16_t fake_console_rows, fake_console_columns;
uint64_t fake_console_termios_mode;

unsigned console_data_max(void)
{
	return CONSOLE_DATA_MAX;
}

long console_call(unsigned label, uint64_t *words, unsigned count)
{
	switch (label) {
	case CONSOLE_WRITE: {
		size_t length = words[0];
		if (count < 1 + (length + 7) / 8 || length > CONSOLE_DATA_MAX)
			unit_fail(__FILE__, __LINE__, "bad CONSOLE_WRITE message");
		memcpy(fake_console_output + fake_console_output_length, &words[1], length);
		fake_console_output_length += length;
		fake_console_write_calls++;
		words[0] = length;
		return 1;
	}
	case CONSOLE_READ: {
		size_t want = words[0];
		memset(words, 0, CONSOLE_CALL_WORDS_MAX * 8);
		if (fake_console_input_length == 0) {
			words[0] = fake_console_eof ? 0 : CONSOLE_EMPTY;
			fake_console_eof = false;
			return 1;
		}
		size_t n = want < fake_console_input_length ? want : fake_console_input_length;
		memcpy(&words[1], fake_console_input, n);
		memmove(fake_console_input, fake_console_input + n, fake_console_input_length - n);
		fake_console_input_length -= n;
		words[0] = n;
		return 1 + (unsigned)((n + 7) / 8);
	}
	case CONSOLE_EVENTS:
		words[0] = fake_console_signal_bits;
		words[1] = fake_console_input_length > 0 || fake_console_eof;
		fake_console_signal_bits = 0;
		return 2;
	case CONSOLE_GET_TERMIOS:
		memcpy(words, fake_console_termios, LINUX_KERNEL_TERMIOS_SIZE);
		return CONSOLE_TERMIOS_WORDS;
	case CONSOLE_SET_TERMIOS:
		if (count != CONSOLE_TERMIOS_WORDS + 1)
			unit_fail(__FILE__, __LINE__, "bad CONSOLE_SET_TERMIOS message");
		memcpy(fake_console_termios, words, LINUX_KERNEL_TERMIOS_SIZE);
		fake_console_termios_mode = words[CONSOLE_TERMIOS_WORDS];
		words[0] = 0;
		return 1;
	case CONSOLE_GET_WINSIZE:
		words[0] = fake_console_rows;
		words[1] = fake_console_columns;
		return 2;
	case CONSOLE_SET_WINSIZE:
		fake_console_rows = (uint16_t)words[0];
		fake_console_columns = (uint16_t)words[1];
		words[0] = 0;
		return 1;
	default:
		return -LINUX_EIO;
	}
}

/* --- setup and calls --- */
void fake_fs_reset(const void *archive, size_t size)
{
	for (unsigned i = 0; i < process_count; i++)
		fs_exit(&processes[i]);
	process_count = 0;
	user_used = 0;
	memset(user_unmapped, 0, sizeof user_unmapped);
	fake_now_ns = 1000000000ull;
	fake_realtime_ns = 1700000000ull * 1000000000ull;
	fake_wake_count = 0;
	fake_group_signal_count = 0;
	fake_log[0] = 0;
	fake_console_input_length = 0;
	fake_console_eof = false;
	fake_console_output_length = 0;
	fake_console_write_calls = 0;
	fake_console_signal_bits = 0;
	memset(fake_console_termios, 0, sizeof fake_console_termios);
	fake_console_rows = 24;
	fake_console_columns = 80;
	fs_init(archive, size);
}

long fake_call_n(struct process *p, unsigned number, const uint64_t a[6])
{
	p->common.retrying = false;
	for (const struct posix_syscall *s = fs_syscalls; s->fn; s++)
		if (s->number == number)
			return s->fn(p, a);
	unit_fail(__FILE__, __LINE__, "no such file system call");
	return -LINUX_ENOSYS;
}

long fake_retry_n(struct process *p, unsigned number, const uint64_t a[6])
{
	for (const struct posix_syscall *s = fs_syscalls; s->fn; s++) {
		if (s->number == number) {
			p->common.retrying = true;
			long result = s->fn(p, a);
			p->common.retrying = false;
			return result;
		}
	}
	return -LINUX_ENOSYS;
}

/* --- cpio archives --- */
static uint32_t cpio_next_ino = 100;

void fake_cpio_init(struct fake_cpio *c)
{
	c->size = 0;
}

static void cpio_pad(struct fake_cpio *c)
{
	while (c->size % 4)
		c->data[c->size++] = 0;
}

void fake_cpio_entry(struct fake_cpio *c, const char *name, uint32_t mode, uint32_t ino, uint32_t nlink,
		     uint32_t mtime, const void *data, size_t size)
{
	char header[128];
	size_t name_size = strlen(name) + 1;
	snprintf(header, sizeof header, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", ino, mode,
		 1000u, 100u, nlink, mtime, (uint32_t)size, 0u, 1u, 0u, 0u, (uint32_t)name_size, 0u);
	memcpy(c->data + c->size, header, 110);
	c->size += 110;
	memcpy(c->data + c->size, name, name_size);
	c->size += name_size;
	cpio_pad(c);
	if (size)
		memcpy(c->data + c->size, data, size);
	c->size += size;
	cpio_pad(c);
}

void fake_cpio_finish(struct fake_cpio *c)
{
	fake_cpio_entry(c, "TRAILER!!!", 0, 0, 1, 0, NULL, 0);
}

void fake_cpio_dir(struct fake_cpio *c, const char *name, uint32_t permissions)
{
	fake_cpio_entry(c, name, LINUX_S_IFDIR | permissions, cpio_next_ino++, 2, 1600000000, NULL, 0);
}

void fake_cpio_file(struct fake_cpio *c, const char *name, uint32_t permissions, const char *text)
{
	fake_cpio_entry(c, name, LINUX_S_IFREG | permissions, cpio_next_ino++, 1, 1600000000, text, strlen(text));
}

void fake_cpio_symlink(struct fake_cpio *c, const char *name, const char *target)
{
	fake_cpio_entry(c, name, LINUX_S_IFLNK | 0777, cpio_next_ino++, 1, 1600000000, target, strlen(target));
}
