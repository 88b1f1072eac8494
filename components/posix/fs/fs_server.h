/*
 * What the posix server's setup (the process side) tells the file side
 * about its surroundings, before the first process starts.
 */
#ifndef POSIX_FS_FS_SERVER_H
#define POSIX_FS_FS_SERVER_H

#include <stdint.h>

/* The console server's endpoint: a slot reference in the posix server's
 * root CNode (WRITE right: the file side calls it). Until it is set,
 * console output goes to the nucleus's debug console and reads see end of
 * file. */
void fs_set_console(uint64_t endpoint_slot);

/* The server thread's IPC buffer (mapped and configured with
 * st_thread_configure), where messages longer than four words travel.
 * Console calls overwrite its words[4..]: copy a received Linux call's
 * arguments 4-6 out before dispatching it. Without it console messages
 * carry at most 24 bytes. */
struct st_ipc_buffer;
void fs_set_ipc_buffer(struct st_ipc_buffer *buffer);

#endif
