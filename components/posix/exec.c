/*
 * execve: a new program in the calling process. Everything that can fail
 * for a reason the caller should hear about (a missing or unreadable file,
 * not a program, arguments too long, a bad pointer) is found before the
 * old program is touched; after that the address space is rebuilt from
 * the program's segments, a stack with argv, envp and the auxiliary vector
 * the C library's start-up reads, and the registers Linux starts with.
 */
#include "components/posix/exec.h"

#include "components/posix/context.h"
#include "components/posix/elf.h"
#include "components/posix/heap.h"
#include "components/posix/placement.h"
#include "components/posix/process_syscalls.h"
#include "components/posix/random.h"
#include "lib/string.h"

#define EXEC_STRINGS_MAX (1u << 20) /* argv and envp together (Linux: a quarter of the stack limit) */
#define EXEC_STRING_MAX (128u << 10) /* one string (Linux's MAX_ARG_STRLEN) */
#define EXEC_PATH_MAX 4096
#define SCRIPT_LINE_MAX 256           /* Linux reads this much of a "#!" line */
#define SCRIPT_DEPTH_MAX 4
#define AT_FDCWD (-100)
#define AT_EMPTY_PATH 0x1000

/* argv then envp, as consecutive NUL-terminated strings. */
struct exec_args {
	char *strings;
	size_t used, capacity;
	uint32_t argc, envc;
};

static long args_add(struct exec_args *args, const char *s, size_t length)
{
	if (length + 1 > args->capacity - args->used)
		return -LINUX_E2BIG;
	memcpy(args->strings + args->used, s, length);
	args->strings[args->used + length] = '\0';
	args->used += length + 1;
	return 0;
}

/* The string after `s` in the buffer. */
static const char *next_string(const char *s)
{
	return s + strlen(s) + 1;
}

/* Appends the strings of a user array of string pointers (NULL: none). */
static long args_read_vector(struct process *p, uint64_t vector, struct exec_args *args, uint32_t *count)
{
	static char scratch[EXEC_STRING_MAX];
	*count = 0;
	if (!vector)
		return 0;
	for (;;) {
		uint64_t pointer;
		if (user_read(p, vector + (uint64_t)*count * 8, &pointer, sizeof pointer))
			return -LINUX_EFAULT;
		if (!pointer)
			return 0;
		long length = user_read_string(p, pointer, scratch, sizeof scratch);
		if (length == -LINUX_ENAMETOOLONG)
			return -LINUX_E2BIG;
		if (length < 0)
			return length;
		long error = args_add(args, scratch, (size_t)length);
		if (error)
			return error;
		(*count)++;
	}
}

/* Parses "#!interpreter [argument]" into its two parts (in line). */
static long parse_script_line(char *line, size_t size, char **interpreter, char **argument)
{
	char *end = memchr(line, '\n', size);
	if (!end)
		end = line + size;
	*end = '\0';
	char *s = line + 2;
	while (*s == ' ' || *s == '\t')
		s++;
	/* Trailing blanks are not part of the argument. */
	char *tail = end;
	while (tail > s && (tail[-1] == ' ' || tail[-1] == '\t' || tail[-1] == '\r'))
		*--tail = '\0';
	if (!*s)
		return -LINUX_ENOEXEC;
	*interpreter = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	*argument = NULL;
	if (*s) {
		*s++ = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s)
			*argument = s;
	}
	return 0;
}

/* argv becomes: interpreter [argument] script argv[1..] (envp after). */
static long args_for_script(struct exec_args *args, const char *interpreter, const char *argument,
			    const char *script)
{
	struct exec_args old = *args;
	args->strings = heap_alloc(old.capacity);
	if (!args->strings) {
		*args = old;
		return -LINUX_ENOMEM;
	}
	args->used = 0;
	args->argc = 0;
	long error = args_add(args, interpreter, strlen(interpreter));
	if (!error && argument) {
		error = args_add(args, argument, strlen(argument));
		args->argc++;
	}
	if (!error)
		error = args_add(args, script, strlen(script));
	args->argc += 2;
	const char *s = old.strings;
	for (uint32_t i = 0; i < old.argc + old.envc && !error; i++, s = next_string(s)) {
		if (i == 0)
			continue; /* the old argv[0] gives way to the script's path */
		error = args_add(args, s, strlen(s));
		if (i < old.argc)
			args->argc++;
	}
	heap_free(old.strings, old.capacity);
	return error;
}

struct exec_request {
	char path[EXEC_PATH_MAX];  /* the program finally run */
	char filename[EXEC_PATH_MAX]; /* as execve was given it (AT_EXECFN) */
	struct exec_args args;
	struct elf_program program;
	const void *data;
	size_t size;
};

/* Finds the program, following "#!" lines; *data/size are its bytes. */
static long resolve(struct process *p, struct exec_request *r)
{
	for (unsigned depth = 0;; depth++) {
		if (depth > SCRIPT_DEPTH_MAX)
			return -LINUX_ELOOP;
		const char *lookup = r->path;
		if (!strcmp(r->path, "/proc/self/exe") && p->exe_path)
			lookup = p->exe_path;
		long error = fs_exec_image(p, lookup, &r->data, &r->size);
		if (error)
			return error;
		if (lookup != r->path)
			strlcpy(r->path, lookup, sizeof r->path);
		if (elf_is_elf(r->data, r->size))
			return elf_check(r->data, r->size, &r->program);
		if (r->size < 2 || memcmp(r->data, "#!", 2))
			return -LINUX_ENOEXEC;
		char line[SCRIPT_LINE_MAX + 1];
		size_t length = r->size < SCRIPT_LINE_MAX ? r->size : SCRIPT_LINE_MAX;
		memcpy(line, r->data, length);
		line[length] = '\0';
		char *interpreter, *argument;
		if ((error = parse_script_line(line, length, &interpreter, &argument)) ||
		    (error = args_for_script(&r->args, interpreter, argument, r->path)))
			return error;
		strlcpy(r->path, interpreter, sizeof r->path);
	}
}

static const char *base_name(const char *path)
{
	const char *slash = NULL;
	for (const char *c = path; *c; c++) {
		if (*c == '/')
			slash = c;
	}
	return slash ? slash + 1 : path;
}

/* After the point of no return: the process runs the new program. */
static long replace_program(struct process *p, struct exec_request *r, struct image *image)
{
	fs_exec(p);
	mm_clear(&p->mm);
	signal_exec(p);
	process_set_comm(p, base_name(r->filename));
	process_set_exe(p, r->path);
	if (p->vfork_parent)
		process_vfork_release(p);
	long error = elf_map(&p->mm, &r->program, image);
	if (!error) {
		p->mm.brk_start = p->mm.brk = PAGE_UP(r->program.end);
		error = mm_map(&p->mm, MEMORY_STACK_TOP - MEMORY_STACK_SIZE, MEMORY_STACK_TOP,
			       LINUX_PROT_READ | LINUX_PROT_WRITE, REGION_STACK, NULL, 0, 0);
	}
	uint64_t stack = 0;
	if (!error)
		error = exec_stack_build(p, &r->program, r->args.strings, r->args.argc, r->args.envc, r->filename,
					 &stack);
	if (error)
		return error;
	if (placement_exo)
		return placement_exec_start(p, r->program.entry, stack);
	struct st_registers registers = { .rip = r->program.entry, .rsp = stack, .rflags = 0x202 };
	return context_write(p, &registers) == ST_OK ? 0 : -LINUX_EFAULT;
}

/* Finds the program the request names (following #! lines) and, when it
 * is one, replaces p's with it; *replaced says whether it got that far,
 * after which the old program is gone even if an error follows. */
static long resolve_and_replace(struct process *p, struct exec_request *r, bool *replaced)
{
	*replaced = false;
	long error = resolve(p, r);
	if (error)
		return error;
	struct image *image = image_get(r->data, r->size);
	if (!image)
		return -LINUX_ENOMEM;
	*replaced = true;
	error = replace_program(p, r, image);
	image_put(image); /* the regions hold it */
	return error;
}

static long exec_common(struct process *p, uint64_t path_address, uint64_t argv, uint64_t envp)
{
	static struct exec_request request;
	struct exec_request *r = &request;
	long length = user_read_string(p, path_address, r->path, sizeof r->path);
	if (length < 0)
		return length;
	if (length == 0)
		return -LINUX_ENOENT;
	memcpy(r->filename, r->path, (size_t)length + 1);
	r->args = (struct exec_args){ .capacity = EXEC_STRINGS_MAX };
	r->args.strings = heap_alloc(r->args.capacity);
	if (!r->args.strings)
		return -LINUX_ENOMEM;
	/* Linux opens the file before it reads the arguments. */
	long error = fs_exec_image(p, r->path, &r->data, &r->size);
	if (!error)
		error = args_read_vector(p, argv, &r->args, &r->args.argc);
	if (!error && r->args.argc == 0) {
		/* No argv[0] at all: Linux gives programs an empty one. */
		error = args_add(&r->args, "", 0);
		r->args.argc = 1;
	}
	if (!error)
		error = args_read_vector(p, envp, &r->args, &r->args.envc);
	bool replaced = false;
	if (!error)
		error = resolve_and_replace(p, r, &replaced);
	if (error && replaced) {
		/* No way back: a failure past that point ends the process. */
		struct signal_info info = { .code = LINUX_SI_KERNEL };
		signal_force(p, LINUX_SIGSEGV, &info);
		error = 0;
	}
	heap_free(r->args.strings, r->args.capacity);
	return error;
}

long linux_execve(struct process *p, const uint64_t a[6])
{
	return exec_common(p, a[0], a[1], a[2]);
}

long linux_execveat(struct process *p, const uint64_t a[6])
{
	/* Only what names the file by path (absolute, or from the working
	 * directory). */
	if ((int)a[0] != AT_FDCWD || (a[4] & AT_EMPTY_PATH))
		return -LINUX_ENOSYS;
	return exec_common(p, a[1], a[2], a[3]);
}

long exec_first(struct process *p, const char *path, const char *strings, uint32_t argc, uint32_t envc)
{
	static struct exec_request request;
	struct exec_request *r = &request;
	strlcpy(r->path, path, sizeof r->path);
	strlcpy(r->filename, path, sizeof r->filename);
	r->args = (struct exec_args){ .capacity = EXEC_STRINGS_MAX, .argc = argc, .envc = envc };
	r->args.strings = heap_alloc(r->args.capacity);
	if (!r->args.strings)
		return -LINUX_ENOMEM;
	const char *s = strings;
	long error = 0;
	for (uint32_t i = 0; i < argc + envc && !error; i++, s = next_string(s))
		error = args_add(&r->args, s, strlen(s));
	bool replaced;
	if (!error)
		error = resolve_and_replace(p, r, &replaced);
	if (!error)
		error = st_thread_resume(p->thread) == ST_OK ? 0 : -LINUX_EFAULT;
	heap_free(r->args.strings, r->args.capacity);
	return error;
}
