/*
 * The first process and the end of the system: init runs the program the
 * kernel command line names (init=/path arg1 arg2 ..., everything after
 * "init=" to the end of the line, split at blanks except inside single or
 * double quotes, which are removed; /bin/sh by default)
 * with Linux's initial environment. When it exits, the server stops: the
 * status is printed for whoever reads the serial log, and in a test boot
 * (test=posix) the nucleus then ends the machine, nothing being left to run.
 */
#include "components/posix/boot.h"

#include "components/posix/exec.h"
#include "components/posix/process_syscalls.h"
#include "user/lib/alloc.h"
#include "lib/string.h"

/* Where init= starts: at the line's start or after a blank. */
static const char *find_init(const char *cmdline)
{
	for (const char *s = cmdline; (s = strstr(s, "init=")); s++) {
		if (s == cmdline || s[-1] == ' ' || s[-1] == '\t')
			return s + 5;
	}
	return NULL;
}

long init_start(const char *cmdline)
{
	static char strings[ST_BOOTINFO_CMDLINE_MAX + 64];
	const char *value = find_init(cmdline);
	size_t used = 0;
	uint32_t argc = 0;
	if (!value || !*value)
		value = "/bin/sh";
	for (const char *s = value; *s;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		char quote = 0;
		for (; *s && (quote || (*s != ' ' && *s != '\t')) && used < ST_BOOTINFO_CMDLINE_MAX; s++) {
			if (!quote && (*s == '"' || *s == '\''))
				quote = *s;
			else if (quote && *s == quote)
				quote = 0;
			else
				strings[used++] = *s;
		}
		strings[used++] = '\0';
		argc++;
	}
	static const char *const environment[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin:/usr/bin:/usr/sbin" };
	for (unsigned i = 0; i < sizeof environment / sizeof environment[0]; i++) {
		size_t length = strlen(environment[i]) + 1;
		memcpy(strings + used, environment[i], length);
		used += length;
	}
	long error;
	struct process *p = process_create(NULL);
	if (!p)
		return -LINUX_ENOMEM;
	init_process = p;
	rlimits_default(p);
	process_set_comm(p, "init");
	if ((error = fs_process_init(p)))
		return error;
	return exec_first(p, strings, strings, argc, sizeof environment / sizeof environment[0]);
}

_Noreturn void system_halt(int wait_status)
{
	int status = (wait_status & 0x7f) ? 128 + (wait_status & 0x7f) : (wait_status >> 8) & 0xff;
	st_printf("posix: init exited with status %d\n", status);
	for (;;)
		st_thread_suspend(ST_ROOT_THREAD);
}

void process_init_exited(int wait_status)
{
	system_halt(wait_status);
}
