/*
 * The server loop of the micro placement: one thread receives every Linux
 * process's system calls and faults on one endpoint (the badge says whose)
 * and the console's notifications. A call that must wait keeps the reply
 * object it arrived with (it is parked) and the loop takes another from
 * the pool for its next receive; parked calls run again after posix_wake()
 * and when their deadline passes (the receive's timeout is the earliest).
 */
#ifndef POSIX_SERVER_H
#define POSIX_SERVER_H

#include <stdint.h>

struct process;

/* endpoint: the root slot of the endpoint processes call. */
void server_init(uint32_t endpoint);
_Noreturn void server_run(void);

/* The server's IPC buffer (words 4-6 of a Linux call arrive there). */
struct st_ipc_buffer *server_ipc_buffer(void);

/* The call p is held in has its result: reply (after signal delivery
 * has had its say) before the next receive. */
void call_complete(struct process *p, long result);
/* p's thread was suspended: its call (if the server held one) is gone,
 * and the reply object is free again. */
void call_abandon(struct process *p);
/* Runs p's held system call (p->call) once more, as parked calls are. */
void call_retry(struct process *p);

#endif
