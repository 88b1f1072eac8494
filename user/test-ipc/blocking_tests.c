/* Blocking and not: non-blocking send and receive, timeouts, sleep, wait
 * queue order, thread states, suspension, endpoints deleted under waiting
 * threads. */
#include "user/test-ipc/ipc_tests.h"

static struct worker *sender(uint64_t endpoint, uint64_t word, unsigned priority)
{
	struct worker *w = worker_make(body_send, priority, 0);
	w->endpoint = endpoint;
	w->message = msg(0, 1, word, 0, 0, 0);
	worker_resume(w);
	return w;
}

static struct worker *receiver(uint64_t endpoint, unsigned priority)
{
	struct worker *w = worker_make(body_recv, priority, 0);
	w->endpoint = endpoint;
	worker_resume(w);
	return w;
}

UTEST(nb_send_without_receiver_would_block)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_ERROR_WOULD_BLOCK);
	/* Nothing was left behind for a later receiver. */
	struct worker *w = receiver(endpoint, HIGH_PRIORITY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
}

UTEST(nb_send_to_waiting_receiver_delivers)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = receiver(endpoint, HIGH_PRIORITY);
	struct st_message m = msg(4, 1, 0x4321, 0, 0, 0);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK_EQ(w->message.words[0], 0x4321);
}

UTEST(nb_recv_without_sender_would_block)
{
	begin();
	struct st_message m = msg(0, 1, 0x77, 0, 0, 0);
	UCHECK_EQ(st_nb_recv(new_endpoint(), new_reply(), &m), ST_ERROR_WOULD_BLOCK);
	/* On error the message is left alone. */
	UCHECK_EQ(m.words[0], 0x77);
}

UTEST(nb_recv_takes_waiting_sender)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = sender(endpoint, 0xabc, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.words[0], 0xabc);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
}

UTEST(recv_timeout_times_out)
{
	begin();
	struct st_message m = msg(0, 1, 0x77, 0, 0, 0);
	uint64_t start = tsc_now();
	UCHECK_EQ(st_recv_timeout(new_endpoint(), new_reply(), 30 * MS, &m), ST_ERROR_TIMED_OUT);
	uint64_t elapsed = ns_since(start);
	/* Three ticks from a tick already under way: at least two whole. */
	UCHECK(elapsed >= 20 * MS);
	UCHECK(elapsed < 1000 * MS);
	UCHECK_EQ(m.words[0], 0x77);
}

/* Sleeps argument[0] ns, then sends. */
static void body_sleep_then_send(struct worker *w)
{
	st_sleep(w->argument[0]);
	w->result = st_send(w->endpoint, &w->message);
}

UTEST(recv_timeout_message_before_timeout_wins)
{
	begin();
	struct worker *w = worker_make(body_sleep_then_send, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	w->argument[0] = 20 * MS;
	w->message = msg(0, 1, 0x600d, 0, 0, 0);
	worker_resume(w);
	struct st_message m = { 0 };
	uint64_t start = tsc_now();
	UCHECK_EQ(st_recv_timeout(w->endpoint, 0, 2000 * MS, &m), ST_OK);
	UCHECK(ns_since(start) < 1500 * MS);
	UCHECK_EQ(m.words[0], 0x600d);
}

/* Sleeps argument[0] ns, then signals. */
static void body_sleep_then_signal(struct worker *w)
{
	st_sleep(w->argument[0]);
	w->result = st_signal(w->notification);
}

/* A receive whose message came first leaves no timeout behind to cut a
 * later wait short. */
UTEST(timeout_cancelled_by_message_does_not_fire_later)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = sender(endpoint, 1, HIGH_PRIORITY);
	struct st_message m = { 0 };
	UCHECK_EQ(st_recv_timeout(endpoint, 0, 30 * MS, &m), ST_OK);
	UCHECK(worker_finished(w));
	/* Past the first deadline, the second wait still gets its signal. */
	struct worker *signaller = worker_make(body_sleep_then_signal, HIGH_PRIORITY, 0);
	signaller->notification = new_notification();
	signaller->argument[0] = 80 * MS;
	worker_resume(signaller);
	m = (struct st_message){ 0 };
	UCHECK_EQ(st_recv_timeout(signaller->notification, 0, 1000 * MS, &m), ST_OK);
	UCHECK_EQ(m.badge, 1);
}

static void body_nothing(struct worker *w)
{
	(void)w;
}

/* st_sleep(0) does not block: a thread below the root never gets to run. */
UTEST(sleep_zero_returns_at_once)
{
	begin();
	struct worker *below = worker_start(body_nothing, LOW_PRIORITY, 0);
	UCHECK_EQ(st_sleep(0), ST_OK);
	UCHECK_EQ(below->done, 0);
	/* A real sleep lets it run. */
	UCHECK_EQ(st_sleep(1), ST_OK);
	UCHECK_EQ(below->done, 1);
}

UTEST(sleep_lasts_at_least_its_time)
{
	begin();
	uint64_t start = tsc_now();
	UCHECK_EQ(st_sleep(50 * MS), ST_OK);
	uint64_t elapsed = ns_since(start);
	UCHECK(elapsed >= 40 * MS);
	UCHECK(elapsed < 1000 * MS);
}

static volatile uint64_t wake_order[4];
static volatile uint64_t woken;

static void body_sleep_and_record(struct worker *w)
{
	w->result = st_sleep(w->argument[0]);
	wake_order[woken++] = w->argument[1];
}

UTEST(sleepers_wake_in_deadline_order)
{
	begin();
	woken = 0;
	uint64_t sleeps[3] = { 60 * MS, 20 * MS, 40 * MS };
	struct worker *w[3];
	for (unsigned i = 0; i < 3; i++) {
		w[i] = worker_make(body_sleep_and_record, HIGH_PRIORITY, 0);
		w[i]->argument[0] = sleeps[i];
		w[i]->argument[1] = i;
		worker_resume(w[i]);
		UCHECK_EQ(state_of(w[i]->thread), ST_THREAD_SLEEPING);
	}
	for (unsigned i = 0; i < 3; i++) {
		UCHECK(worker_finished(w[i]));
		UCHECK_EQ(w[i]->result, ST_OK);
	}
	UCHECK_EQ(woken, 3);
	UCHECK_EQ(wake_order[0], 1);
	UCHECK_EQ(wake_order[1], 2);
	UCHECK_EQ(wake_order[2], 0);
}

UTEST(suspended_sleeper_aborted_on_resume)
{
	begin();
	struct worker *w = worker_make(body_sleep, HIGH_PRIORITY, 0);
	w->argument[0] = 5000 * MS;
	worker_resume(w);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_SLEEPING);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_SUSPENDED);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_ERROR_ABORTED);
}

/* Senders of different priorities queue on an endpoint: the receiver
 * takes the highest first, first come first served within a priority. */
UTEST(senders_queue_by_priority_then_arrival)
{
	begin();
	uint32_t endpoint = new_endpoint();
	unsigned priorities[6] = { 120, 150, 120, 150, 130, 101 };
	for (unsigned i = 0; i < 6; i++) {
		struct worker *w = sender(endpoint, i, priorities[i]);
		UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	}
	unsigned expected[6] = { 1, 3, 4, 0, 2, 5 };
	for (unsigned i = 0; i < 6; i++) {
		struct st_message m = { 0 };
		UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
		UCHECK_EQ(m.words[0], expected[i]);
	}
}

/* Receivers queue the same way: a message goes to the highest waiting. */
UTEST(receivers_queue_by_priority_then_arrival)
{
	begin();
	uint32_t endpoint = new_endpoint();
	unsigned priorities[4] = { 120, 140, 120, 140 };
	struct worker *w[4];
	for (unsigned i = 0; i < 4; i++)
		w[i] = receiver(endpoint, priorities[i]);
	unsigned expected[4] = { 1, 3, 0, 2 };
	for (unsigned i = 0; i < 4; i++) {
		struct st_message m = msg(0, 1, 100 + i, 0, 0, 0);
		UCHECK_EQ(st_nb_send(endpoint, &m), ST_OK);
		struct worker *got = w[expected[i]];
		UCHECK(worker_finished(got));
		UCHECK_EQ(got->message.words[0], 100 + i);
	}
}

/* A sender deleted while it waits leaves the queue whole. */
UTEST(deleted_sender_leaves_the_queue)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *first = sender(endpoint, 1, HIGH_PRIORITY);
	sender(endpoint, 2, HIGH_PRIORITY);
	struct worker *third = sender(endpoint, 3, HIGH_PRIORITY);
	UCHECK_EQ(st_cap_delete(first->thread), ST_OK);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.words[0], 2);
	UCHECK_EQ(st_cap_delete(third->thread), ST_OK);
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
}

UTEST(thread_states_during_ipc)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *blocked_send = sender(endpoint, 0, HIGH_PRIORITY);
	UCHECK_EQ(state_of(blocked_send->thread), ST_THREAD_BLOCKED_SEND);
	struct worker *blocked_receive = receiver(new_endpoint(), HIGH_PRIORITY);
	UCHECK_EQ(state_of(blocked_receive->thread), ST_THREAD_BLOCKED_RECEIVE);
	uint32_t call_endpoint = new_endpoint();
	struct worker *caller = worker_make(body_call, HIGH_PRIORITY, 0);
	caller->endpoint = call_endpoint;
	worker_resume(caller);
	UCHECK_EQ(state_of(caller->thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(call_endpoint, new_reply(), &m), ST_OK);
	UCHECK_EQ(state_of(caller->thread), ST_THREAD_BLOCKED_REPLY);
	struct worker *waiter = worker_make(body_wait, HIGH_PRIORITY, 0);
	waiter->notification = new_notification();
	worker_resume(waiter);
	UCHECK_EQ(state_of(waiter->thread), ST_THREAD_BLOCKED_NOTIFICATION);
	struct worker *sleeper = worker_make(body_sleep, HIGH_PRIORITY, 0);
	sleeper->argument[0] = 5000 * MS;
	worker_resume(sleeper);
	UCHECK_EQ(state_of(sleeper->thread), ST_THREAD_SLEEPING);
}

/* Suspending a thread blocked in send takes it out of the queue; resumed,
 * its send ends in ST_ERROR_ABORTED. */
UTEST(suspend_blocked_sender_aborts_its_send)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = sender(endpoint, 1, HIGH_PRIORITY);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_SUSPENDED);
	struct st_message m = { 0 };
	UCHECK_EQ(st_nb_recv(endpoint, 0, &m), ST_ERROR_WOULD_BLOCK);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_ERROR_ABORTED);
}

UTEST(suspend_blocked_waiter_aborts_its_wait)
{
	begin();
	struct worker *w = worker_make(body_wait, HIGH_PRIORITY, 0);
	w->notification = new_notification();
	worker_resume(w);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	/* A signal now stays in the word: no waiter to take it. */
	UCHECK_EQ(st_signal(w->notification), ST_OK);
	worker_resume(w);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_ERROR_ABORTED);
	uint64_t bits = 0;
	UCHECK_EQ(st_poll(w->notification, &bits), ST_OK);
	UCHECK_EQ(bits, 1);
}

/* Resuming a blocked thread changes nothing: it still waits, and the
 * message still reaches it. */
UTEST(resume_of_blocked_thread_does_nothing)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *w = receiver(endpoint, HIGH_PRIORITY);
	UCHECK_EQ(st_thread_resume(w->thread), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
	UCHECK_EQ(w->done, 0);
	struct st_message m = msg(0, 1, 0x51, 0, 0, 0);
	UCHECK_EQ(st_nb_send(endpoint, &m), ST_OK);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
	UCHECK_EQ(w->message.words[0], 0x51);
}

UTEST(call_on_deleted_endpoint_is_empty_slot)
{
	begin();
	uint32_t endpoint = new_endpoint();
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	struct st_message m = msg(0, 1, 1, 0, 0, 0);
	UCHECK_EQ(ipc_in_worker(ST_SYS_CALL, endpoint, m), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ipc_in_worker(ST_SYS_SEND, endpoint, m), ST_ERROR_EMPTY_SLOT);
	UCHECK_EQ(ipc_in_worker(ST_SYS_RECV, endpoint, m), ST_ERROR_EMPTY_SLOT);
}

UTEST(endpoint_deleted_aborts_blocked_senders_and_callers)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *plain = sender(endpoint, 1, HIGH_PRIORITY);
	struct worker *caller = worker_make(body_call, HIGH_PRIORITY, 0);
	caller->endpoint = endpoint;
	worker_resume(caller);
	UCHECK_EQ(state_of(caller->thread), ST_THREAD_BLOCKED_SEND);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK(worker_finished(plain));
	UCHECK(worker_finished(caller));
	UCHECK_EQ(plain->result, ST_ERROR_ABORTED);
	UCHECK_EQ(caller->result, ST_ERROR_ABORTED);
}

UTEST(endpoint_deleted_aborts_blocked_receivers)
{
	begin();
	uint32_t endpoint = new_endpoint();
	struct worker *a = receiver(endpoint, HIGH_PRIORITY);
	struct worker *b = receiver(endpoint, HIGH_PRIORITY + 5);
	UCHECK_EQ(st_cap_delete(endpoint), ST_OK);
	UCHECK(worker_finished(a));
	UCHECK(worker_finished(b));
	UCHECK_EQ(a->result, ST_ERROR_ABORTED);
	UCHECK_EQ(b->result, ST_ERROR_ABORTED);
}

/* Only the last capability's deletion destroys the endpoint. */
UTEST(deleting_a_copy_keeps_the_endpoint)
{
	begin();
	uint32_t endpoint = new_endpoint();
	uint32_t copy = utest_copy(endpoint, ST_RIGHTS_ALL);
	struct worker *w = sender(copy, 0x5a, HIGH_PRIORITY);
	UCHECK_EQ(st_cap_delete(copy), ST_OK);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_SEND);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.words[0], 0x5a);
	UCHECK(worker_finished(w));
	UCHECK_EQ(w->result, ST_OK);
}

/* Every register a thread is given by st_thread_write_registers takes
 * effect, rcx and r11 included, also for a thread that was last stopped
 * in an IPC system call (which entered by syscall). */
static volatile uint64_t recorded_registers[4];

__asm__(".pushsection .text\n"
	"record_rcx_r11:\n"
	"	movq %rcx, recorded_registers(%rip)\n"
	"	movq %r11, recorded_registers+8(%rip)\n"
	"	movq %rbx, recorded_registers+16(%rip)\n"
	"	movq $1, recorded_registers+24(%rip)\n"
	"	movl $1, %eax\n" /* ST_SYS_THREAD_EXIT */
	"	syscall\n"
	"	ud2\n"
	".popsection\n");
extern char record_rcx_r11[];

UTEST(registers_written_into_thread_stopped_in_ipc_all_take_effect)
{
	begin();
	for (unsigned i = 0; i < 4; i++)
		recorded_registers[i] = 0;
	struct worker *w = receiver(new_endpoint(), HIGH_PRIORITY);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
	UCHECK_EQ(st_thread_suspend(w->thread), ST_OK);
	struct st_registers registers;
	UCHECK_EQ(st_thread_read_registers(w->thread, &registers), ST_OK);
	registers.rip = (uint64_t)record_rcx_r11;
	registers.rcx = 0x1c1c1c;
	registers.r11 = 0x111111;
	registers.rbx = 0xb0b0;
	UCHECK_EQ(st_thread_write_registers(w->thread, &registers), ST_OK);
	worker_resume(w);
	UCHECK(utest_wait_for(&recorded_registers[3], WAIT_TICKS));
	UCHECK_EQ(recorded_registers[2], 0xb0b0);
	UCHECK_EQ(recorded_registers[0], 0x1c1c1c);
	UCHECK_EQ(recorded_registers[1], 0x111111);
}

/* A queued sender whose priority is raised above the others is taken
 * first: the queue order follows priorities as they are, not as they were
 * when the thread blocked. */
UTEST(sender_priority_raised_while_queued_goes_first)
{
	begin();
	uint32_t endpoint = new_endpoint();
	sender(endpoint, 0, HIGH_PRIORITY);
	struct worker *late = sender(endpoint, 1, HIGH_PRIORITY - 10);
	UCHECK_EQ(st_thread_set_priority(late->thread, ST_ROOT_THREAD, HIGH_PRIORITY + 10), ST_OK);
	struct st_message m = { 0 };
	UCHECK_EQ(root_recv(endpoint, 0, &m), ST_OK);
	UCHECK_EQ(m.words[0], 1);
}

static void body_recv_forever_timeout(struct worker *w)
{
	w->result = st_recv_timeout(w->endpoint, 0, UINT64_MAX, &w->message);
}

/* The longest timeouts do not wrap around into an early wake-up. */
UTEST(huge_timeouts_do_not_fire_early)
{
	begin();
	struct worker *sleeper = worker_make(body_sleep, HIGH_PRIORITY, 0);
	sleeper->argument[0] = UINT64_MAX;
	worker_resume(sleeper);
	struct worker *w = worker_make(body_recv_forever_timeout, HIGH_PRIORITY, 0);
	w->endpoint = new_endpoint();
	worker_resume(w);
	struct st_message m = { 0 };
	UCHECK_EQ(st_recv_timeout(new_endpoint(), 0, 30 * MS, &m), ST_ERROR_TIMED_OUT);
	UCHECK_EQ(state_of(sleeper->thread), ST_THREAD_SLEEPING);
	UCHECK_EQ(state_of(w->thread), ST_THREAD_BLOCKED_RECEIVE);
}
