/*
 * IPC between two address spaces on one core: the root calls, a partner
 * process serves; and a notification waking a waiter in another address
 * space.
 */
#include "user/bench/bench.h"

/* One call checked before timing, so a broken path says so instead of
 * timing errors. */
static long first_call(uint32_t endpoint, struct st_message message)
{
	return st_ipc_call(endpoint, &message);
}

/* Call + reply-receive round trips with 0 and 4 (register) words each
 * way, the benchmark loop included (the issue-4 target's terms). */
static void bench_round_trips(void)
{
	struct st_process server;
	uint32_t endpoint;
	long error = partner_serving(ROLE_ECHO_SERVER, ST_OBJECT_ENDPOINT, BENCH_PRIORITY, &server, &endpoint);
	if (error) {
		bench_failed("ipc_round_trip", "server", error);
		return;
	}
	struct st_message message = { .info = ST_MSG_INFO(0, 0, 0) };
	if ((error = first_call(endpoint, message))) {
		bench_failed("ipc_round_trip", "call", error);
		partner_stop(&server);
		return;
	}
	/* The echo comes back as it went: the same message serves again. */
	MEASURE(st_ipc_call(endpoint, &message));
	report("ipc_round_trip", "call with 0 words to a server in another address space, its reply-receive "
	       "replying 0 words: call to call returning",
	       (struct cost){ 2, 2 }, samples);

	message = (struct st_message){ .info = ST_MSG_INFO(0, 4, 0), .words = { 1, 2, 3, 4 } };
	MEASURE(st_ipc_call(endpoint, &message));
	if (ST_MSG_WORDS(message.info) != 4 || message.words[3] != 4)
		st_printf("bench: ipc_round_trip_4_words: the echo came back wrong (info %#lx)\n", message.info);
	report("ipc_round_trip_4_words", "the same with 4 register words each way", (struct cost){ 2, 2 },
	       samples);
	partner_stop(&server);
}

/* The two halves of a round trip, timed across the address spaces with
 * the TSC (one counter for both: one core): call alone (the client's TSC
 * before the call to the server's after its receive returned) and reply
 * alone (the server's before its reply-receive to the client's after the
 * call returned). The server sends its TSC values in the reply's words. */
static void bench_one_way(void)
{
	struct st_process server;
	uint32_t endpoint;
	long error = partner_serving(ROLE_TIMESTAMP_SERVER, ST_OBJECT_ENDPOINT, BENCH_PRIORITY, &server,
				     &endpoint);
	if (!error)
		error = first_call(endpoint, (struct st_message){ 0 });
	if (error) {
		bench_failed("ipc_call_one_way", "server", error);
		return;
	}
	for (int i = -WARM_UP; i < ITERATIONS; i++) {
		struct st_message message = { .info = ST_MSG_INFO(0, 0, 0) };
		uint64_t start = tsc_serialized();
		st_ipc_call(endpoint, &message);
		uint64_t end = tsc_serialized();
		if (i >= 0) {
			samples[i] = message.words[0] - start;
			samples2[i] = end - message.words[1];
		}
	}
	report("ipc_call_one_way", "call with 0 words: the client's TSC before the call to the server's after "
	       "its receive returned (other address space)",
	       (struct cost){ 1, 1 }, samples);
	report("ipc_reply_one_way", "reply with 2 words: the server's TSC before its reply-receive to the "
	       "client's after its call returned",
	       (struct cost){ 1, 1 }, samples2);
	partner_stop(&server);
}

void bench_ipc(void)
{
	bench_round_trips();
	bench_one_way();
}

/* A signal to a notification a higher-priority thread (in another address
 * space) waits on: from the signaller's TSC before the signal to the
 * waiter's after its wait returned. The waiter's next wait, which lets the
 * signaller run again, is not timed. */
void bench_notification(void)
{
	struct st_process waiter;
	uint32_t notification;
	long error = partner_serving(ROLE_NOTIFICATION_WAITER, ST_OBJECT_NOTIFICATION, BENCH_PRIORITY + 1, &waiter,
				     &notification);
	if (error) {
		bench_failed("notification_wake", "waiter", error);
		return;
	}
	unsigned late = 0; /* the waiter did not run before the signaller went on */
	for (int i = -WARM_UP; i < ITERATIONS; i++) {
		uint64_t start = tsc_serialized();
		st_signal(notification);
		uint64_t woke = shared->woke;
		late += woke < start;
		if (i >= 0)
			samples[i] = woke - start;
	}
	if (late) {
		st_printf("bench: notification_wake: the waiter ran late %u times\n", late);
		partner_stop(&waiter);
		return;
	}
	report("notification_wake", "signal to a notification a higher-priority thread of another address "
	       "space waits on: the signaller's TSC before the signal to the waiter's after its wait returned",
	       (struct cost){ 1, 1 }, samples);
	partner_stop(&waiter);
}
