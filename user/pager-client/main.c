/*
 * The pager's client: a process whose demand-zero region (user/pager/pager.h)
 * starts unmapped. It writes and reads back a sparse pattern of pages there
 * and reads pages it never wrote, each first touch a page fault that the
 * pager (its fault handler) answers by mapping a zeroed frame; it checks
 * every value, prints what it measured, then touches an address just past
 * the region, which the pager refuses: it stays stopped there.
 */
#include "user/lib/strata.h"
#include "user/pager/pager.h"

int main(uint64_t argument);

static uint64_t tsc_now(void)
{
	uint32_t low, high;
	__asm__ volatile("lfence; rdtsc; lfence" : "=a"(low), "=d"(high) : : "memory");
	return (uint64_t)high << 32 | low;
}

/* The k-th written page: spread evenly, the first and the last included. */
static uint64_t written_page(unsigned k)
{
	return k * (PAGER_REGION_PAGES - 1) / (PAGER_PAGES_WRITTEN - 1);
}

static volatile uint64_t *page_words(uint64_t page)
{
	return (volatile uint64_t *)(PAGER_REGION_BASE + page * 4096);
}

/* Where in its page, and what, the k-th write puts. */
static unsigned written_word(unsigned k)
{
	return (k * 37) % 512;
}

static uint64_t written_value(unsigned k)
{
	return 0x5a00000000000000ull | written_page(k) << 16 | k;
}

static unsigned failures;

static void check(int ok, const char *what, uint64_t page, uint64_t got)
{
	if (ok)
		return;
	if (failures++ < 8)
		st_printf("pager-client: FAIL %s: page %lu (%#lx) holds %#lx\n", what, page,
			  PAGER_REGION_BASE + page * 4096, got);
}

/* Every word of the page but `except` is zero. */
static void check_zero(uint64_t page, unsigned except, const char *what)
{
	volatile uint64_t *words = page_words(page);
	for (unsigned i = 0; i < 512; i++) {
		if (i != except && words[i]) {
			check(0, what, page, words[i]);
			return;
		}
	}
}

/* The fault round trip (fault, message to the pager, its retype and map,
 * reply, the instruction again), as the client sees it. */
static uint64_t round_trips[PAGER_FAULTS_EXPECTED];
static unsigned round_trip_count;

static void sort(uint64_t *values, unsigned count)
{
	for (unsigned i = 1; i < count; i++) {
		uint64_t v = values[i];
		unsigned j = i;
		for (; j > 0 && values[j - 1] > v; j--)
			values[j] = values[j - 1];
		values[j] = v;
	}
}

static void write_pages(void)
{
	for (unsigned k = 0; k < PAGER_PAGES_WRITTEN; k++) {
		volatile uint64_t *word = page_words(written_page(k)) + written_word(k);
		uint64_t start = tsc_now();
		*word = written_value(k); /* the fault: the pager maps the page, the write is done again */
		round_trips[round_trip_count++] = tsc_now() - start;
		check(*word == written_value(k), "read back", written_page(k), *word);
		check_zero(written_page(k), written_word(k), "rest of a written page not zero");
	}
}

/* The page after each of the first written ones: never written. */
static void read_untouched_pages(void)
{
	for (unsigned k = 0; k < PAGER_PAGES_READ; k++) {
		uint64_t page = written_page(k) + 1;
		volatile uint64_t *word = page_words(page) + written_word(k);
		uint64_t start = tsc_now();
		uint64_t value = *word; /* a read fault */
		round_trips[round_trip_count++] = tsc_now() - start;
		check(value == 0, "untouched page not zero", page, value);
		check_zero(page, 512, "untouched page not zero");
	}
}

int main(uint64_t argument)
{
	(void)argument;
	st_printf("pager-client: touching %u pages of the %lu MiB region at %#lx\n", PAGER_PAGES_WRITTEN,
		  PAGER_REGION_SIZE >> 20, PAGER_REGION_BASE);
	write_pages();
	read_untouched_pages();
	/* Everything written is still there (no page was mapped twice). */
	for (unsigned k = 0; k < PAGER_PAGES_WRITTEN; k++) {
		uint64_t got = page_words(written_page(k))[written_word(k)];
		check(got == written_value(k), "value lost", written_page(k), got);
	}
	sort(round_trips, round_trip_count);
	st_printf("pager-client: %u pages written and read back, %u untouched pages read zero, %u failures\n",
		  PAGER_PAGES_WRITTEN, PAGER_PAGES_READ, failures);
	st_printf("pager-client: fault round trip (fault, pager maps a frame, reply) min %lu median %lu TSC ticks "
		  "over %u faults\n",
		  round_trips[0], round_trips[round_trip_count / 2], round_trip_count);
	volatile uint64_t *outside = (volatile uint64_t *)(PAGER_REGION_BASE + PAGER_REGION_SIZE);
	st_printf("pager-client: now writing %#lx, just past the region\n", (uint64_t)outside);
	*outside = 1;
	st_printf("pager-client: FAIL the write past the region went through\n");
	return 1;
}
