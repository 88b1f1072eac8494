/*
 * The IPC peer: a small program the IPC suite (user/test-ipc) starts as a
 * process of its own, to talk to it across address spaces. The suite puts
 * capabilities in the peer's CNode at the slots below, maps a page it
 * shares with it at PEER_SHARED_ADDRESS (and, for long messages, an IPC
 * buffer at PEER_IPC_BUFFER_ADDRESS), and starts it with a mode as its
 * argument.
 */
#ifndef USER_IPC_PEER_PEER_H
#define USER_IPC_PEER_PEER_H

#include <stdint.h>

/* Slots in the peer's CNode (1-3: its CNode, thread, address space). */
#define PEER_ENDPOINT 4 /* the endpoint it serves, calls or receives on */
#define PEER_REPLY 5    /* its reply object */
#define PEER_RECEIVED 8 /* where capabilities sent to it land */

#define PEER_IPC_BUFFER_ADDRESS 0x10000000ull
#define PEER_SHARED_ADDRESS 0x10002000ull
#define PEER_FAULT_ADDRESS 0x10004000ull

enum peer_mode {
	/* Answers calls on PEER_ENDPOINT with PEER_REPLY for ever: label + 1,
	 * every word (registers and IPC buffer) + 1; the info, badge and four
	 * register words of the last call received go in the shared page. */
	PEER_ECHO = 1,
	/* Calls PEER_ENDPOINT with label 7 and words PEER_CLIENT_WORDS; puts
	 * the error, the reply's info, badge and words in the shared page. */
	PEER_CLIENT = 2,
	/* Receives on PEER_ENDPOINT with its receive slot at PEER_RECEIVED,
	 * then sends one word (0xcafe) through the capability that came. */
	PEER_TAKE_CAP = 3,
	/* Writes PEER_WRITTEN to PEER_FAULT_ADDRESS (unmapped at first), then
	 * sets shared word 0. */
	PEER_FAULT = 4,
};

#define PEER_CLIENT_WORD0 0x1001
#define PEER_CLIENT_WORD1 0x1002
#define PEER_WRITTEN 0xfa017ull

/* The shared page, as words. */
enum peer_shared {
	PEER_SHARED_ERROR = 0,
	PEER_SHARED_INFO = 1,
	PEER_SHARED_BADGE = 2,
	PEER_SHARED_WORDS = 3, /* 4 words */
	PEER_SHARED_DONE = 7,
};

#endif
