#include "components/posix/image.h"

#include <stdbool.h>

#include "components/posix/heap.h"
#include "lib/string.h"

/* Images no process uses are kept (a shell starts the same programs again
 * and again) up to this many, least recently used dropped first. */
#define IDLE_MAX 6

struct image {
	struct image *next;
	uint64_t size, pages;
	frame_id *frames;
	unsigned users;
	uint64_t last_used;
};

static struct image *images;
static uint64_t use_clock;

static bool same_bytes(const struct image *image, const uint8_t *data)
{
	for (uint64_t page = 0; page < image->pages; page++) {
		uint64_t length = image->size - page * 4096 < 4096 ? image->size - page * 4096 : 4096;
		const uint64_t *a = frame_data(image->frames[page]);
		const uint8_t *b = data + page * 4096;
		uint64_t words = length / 8;
		for (uint64_t i = 0; i < words; i++) {
			uint64_t w;
			memcpy(&w, b + i * 8, 8);
			if (a[i] != w)
				return false;
		}
		if (memcmp((const uint8_t *)a + words * 8, b + words * 8, length - words * 8))
			return false;
	}
	return true;
}

static void image_free(struct image *image)
{
	for (uint64_t page = 0; page < image->pages; page++)
		frame_put(image->frames[page]);
	heap_free(image->frames, image->pages * sizeof *image->frames);
	heap_free(image, sizeof *image);
}

static void trim_idle(void)
{
	for (;;) {
		unsigned idle = 0;
		struct image **oldest = NULL;
		for (struct image **link = &images; *link; link = &(*link)->next) {
			if ((*link)->users)
				continue;
			idle++;
			if (!oldest || (*link)->last_used < (*oldest)->last_used)
				oldest = link;
		}
		if (idle <= IDLE_MAX)
			return;
		struct image *victim = *oldest;
		*oldest = victim->next;
		image_free(victim);
	}
}

static struct image *image_create(const uint8_t *data, size_t size)
{
	struct image *image = heap_zalloc(sizeof *image);
	if (!image)
		return NULL;
	image->size = size;
	image->pages = (size + 4095) / 4096;
	image->frames = heap_zalloc(image->pages * sizeof *image->frames);
	if (!image->frames) {
		heap_free(image, sizeof *image);
		return NULL;
	}
	for (uint64_t page = 0; page < image->pages; page++) {
		uint64_t length = size - page * 4096 < 4096 ? size - page * 4096 : 4096;
		frame_id frame = length == 4096 ? frame_alloc_dirty() : frame_alloc();
		if (!frame) {
			image->pages = page;
			image_free(image);
			return NULL;
		}
		image->frames[page] = frame;
		if (length == 4096)
			page_copy(frame_data(frame), data + page * 4096);
		else
			memcpy(frame_data(frame), data + page * 4096, length);
	}
	return image;
}

struct image *image_get(const void *data, size_t size)
{
	struct image *image = NULL;
	for (struct image *i = images; i; i = i->next) {
		if (i->size == size && same_bytes(i, data)) {
			image = i;
			break;
		}
	}
	if (!image) {
		trim_idle();
		image = image_create(data, size);
		if (!image)
			return NULL;
		image->next = images;
		images = image;
	}
	image->users++;
	image->last_used = ++use_clock;
	return image;
}

void image_hold(struct image *image)
{
	image->users++;
}

void image_put(struct image *image)
{
	if (image && image->users) {
		image->users--;
		image->last_used = ++use_clock;
	}
	if (image && !image->users)
		trim_idle();
}

uint64_t image_size(const struct image *image)
{
	return image->size;
}

frame_id image_frame(const struct image *image, uint64_t page)
{
	return page < image->pages ? image->frames[page] : 0;
}
