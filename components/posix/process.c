#include "components/posix/process.h"

#include "components/posix/context.h"
#include "components/posix/heap.h"
#include "components/posix/server.h"
#include "lib/string.h"

struct process *init_process;

/* Every process (alive or zombie), newest first, and by pid. */
static struct process *all;
static struct process **by_pid;
static unsigned count;
static int next_pid = 1;
static struct process *reaped;
static uint32_t server_endpoint;

void process_table_init(uint32_t endpoint)
{
	server_endpoint = endpoint;
	by_pid = heap_zalloc(PROCESS_PID_MAX * sizeof *by_pid);
}

struct posix_process_common *posix_common(struct process *p)
{
	return &p->common;
}

struct process *process_find(int pid)
{
	if (pid <= 0 || pid >= PROCESS_PID_MAX)
		return NULL;
	return by_pid[pid];
}

struct process *process_first(void)
{
	return all;
}

struct process *process_next(struct process *p)
{
	return p->list_next;
}

unsigned process_count(void)
{
	return count;
}

bool process_group_exists(int pgid)
{
	for (struct process *p = all; p; p = p->list_next) {
		if (p->state == PROCESS_ALIVE && p->common.pgid == pgid)
			return true;
	}
	return false;
}

/* Pids count up and wrap, skipping any still in use as a process, group
 * or session id (as Linux does). */
static bool pid_in_use(int pid)
{
	if (by_pid[pid])
		return true;
	for (struct process *p = all; p; p = p->list_next) {
		if (p->common.pgid == pid || p->common.sid == pid)
			return true;
	}
	return false;
}

static int pid_alloc(void)
{
	for (int tries = 0; tries < PROCESS_PID_MAX; tries++) {
		int pid = next_pid++;
		if (next_pid >= PROCESS_PID_MAX)
			next_pid = 2;
		if (!pid_in_use(pid))
			return pid;
	}
	return 0;
}

struct process *process_create(struct process *parent)
{
	if (!by_pid || count >= PROCESS_MAX)
		return NULL;
	int pid = pid_alloc();
	if (!pid)
		return NULL;
	struct process *p = heap_zalloc(sizeof *p);
	if (!p)
		return NULL;
	p->shell = shell_get();
	if (!p->shell || shell_set_handler(p->shell, server_endpoint, (uint64_t)pid) != ST_OK) {
		if (p->shell)
			shell_put(p->shell);
		heap_free(p, sizeof *p);
		return NULL;
	}
	p->thread = slot_ref(p->shell->thread);
	p->vspace = slot_ref(p->shell->vspace);
	mm_init(&p->mm, p->vspace);
	p->common.pid = pid;
	p->state = PROCESS_ALIVE;
	p->start_ns = posix_now_ns();
	p->exit_signal = LINUX_SIGCHLD;
	if (parent) {
		p->parent = parent;
		p->next_sibling = parent->children;
		parent->children = p;
		p->common.ppid = parent->common.pid;
		p->common.pgid = parent->common.pgid;
		p->common.sid = parent->common.sid;
		p->common.umask = parent->common.umask;
		memcpy(p->comm, parent->comm, sizeof p->comm);
		if (parent->exe_path && !process_set_exe(p, parent->exe_path)) {
			process_destroy(p);
			return NULL;
		}
	} else {
		p->common.pgid = pid;
		p->common.sid = pid;
		p->common.umask = 022;
	}
	p->list_next = all;
	if (all)
		all->list_previous = p;
	all = p;
	by_pid[pid] = p;
	count++;
	return p;
}

static void unlink_child(struct process *p)
{
	if (!p->parent)
		return;
	for (struct process **link = &p->parent->children; *link; link = &(*link)->next_sibling) {
		if (*link == p) {
			*link = p->next_sibling;
			break;
		}
	}
	p->parent = NULL;
}

static void unlink_everywhere(struct process *p)
{
	unlink_child(p);
	if (p->list_previous)
		p->list_previous->list_next = p->list_next;
	else if (all == p)
		all = p->list_next;
	if (p->list_next)
		p->list_next->list_previous = p->list_previous;
	if (by_pid[p->common.pid] == p)
		by_pid[p->common.pid] = NULL;
	count--;
}

/* The shell goes back to the pool with its thread stopped and its
 * address space empty. */
static void release_shell(struct process *p)
{
	if (!p->shell)
		return;
	st_thread_suspend(p->thread);
	mm_clear(&p->mm);
	shell_put(p->shell);
	p->shell = NULL;
}

void process_destroy(struct process *p)
{
	release_shell(p);
	if (p->list_next || p->list_previous || all == p)
		unlink_everywhere(p);
	heap_free(p->exe_path, p->exe_path_size);
	heap_free(p, sizeof *p);
}

long process_start(struct process *p, const struct st_registers *registers)
{
	long error = context_write(p, registers);
	if (!error)
		error = st_thread_resume(p->thread);
	return error;
}

void process_suspend(struct process *p)
{
	st_thread_suspend(p->thread);
	call_abandon(p);
}

void process_set_comm(struct process *p, const char *name)
{
	strlcpy(p->comm, name, sizeof p->comm);
	/* The nucleus names threads in its reports: printable ASCII only. */
	char printable[PROCESS_COMM_MAX];
	size_t length = 0;
	for (const char *c = p->comm; *c && length < sizeof printable - 1; c++)
		printable[length++] = *c >= 0x20 && *c < 0x7f ? *c : '?';
	if (length)
		st_thread_set_name(p->thread, printable, length);
}

bool process_set_exe(struct process *p, const char *path)
{
	size_t size = strlen(path) + 1;
	char *copy = heap_alloc(size);
	if (!copy)
		return false;
	memcpy(copy, path, size);
	heap_free(p->exe_path, p->exe_path_size);
	p->exe_path = copy;
	p->exe_path_size = size;
	return true;
}

/* How the parent learns of the exit: SIGCHLD (or whatever clone said),
 * unless it said it never wants zombies. */
static bool parent_wants_zombie(struct process *parent)
{
	const struct linux_sigaction *a = &parent->signals.actions[LINUX_SIGCHLD];
	return a->handler != LINUX_SIG_IGN && !(a->flags & LINUX_SA_NOCLDWAIT);
}

void process_exit(struct process *p, int wait_status)
{
	if (p->state != PROCESS_ALIVE)
		return;
	process_suspend(p);
	if (p->vfork_parent)
		process_vfork_release(p);
	fs_exit(p);
	release_shell(p);
	p->state = PROCESS_ZOMBIE;
	p->wait_status = wait_status;
	p->stopped = false;
	/* Orphans go to init, which collects them. */
	bool zombie_orphans = false;
	while (p->children) {
		struct process *child = p->children;
		p->children = child->next_sibling;
		child->parent = NULL;
		if (init_process && init_process != p && init_process->state == PROCESS_ALIVE) {
			child->parent = init_process;
			child->common.ppid = init_process->common.pid;
			child->next_sibling = init_process->children;
			init_process->children = child;
			zombie_orphans |= child->state == PROCESS_ZOMBIE;
		} else {
			child->common.ppid = 0;
			if (child->state == PROCESS_ZOMBIE)
				process_reap(child);
		}
	}
	if (zombie_orphans)
		signal_send(init_process, LINUX_SIGCHLD);
	struct process *parent = p->parent;
	if (parent && parent->state == PROCESS_ALIVE) {
		if (p->exit_signal) {
			struct signal_info info = { .pid = p->common.pid };
			if ((wait_status & 0x7f) == 0) {
				info.code = LINUX_CLD_EXITED;
				info.status = (wait_status >> 8) & 0xff;
			} else {
				info.code = (wait_status & 0x80) ? LINUX_CLD_DUMPED : LINUX_CLD_KILLED;
				info.status = wait_status & 0x7f;
			}
			signal_post(parent, p->exit_signal, &info);
		}
		if (!parent_wants_zombie(parent))
			process_reap(p);
	} else if (p != init_process) {
		process_reap(p);
	}
	posix_wake();
	if (p == init_process)
		process_init_exited(wait_status);
}

void process_reap(struct process *p)
{
	unlink_everywhere(p);
	p->next_free = reaped;
	reaped = p;
}

void process_free_reaped(void)
{
	while (reaped) {
		struct process *p = reaped;
		reaped = p->next_free;
		heap_free(p->exe_path, p->exe_path_size);
		heap_free(p, sizeof *p);
	}
}
