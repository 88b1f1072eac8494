/*
 * Executable files as processes map them: exec copies a program's bytes
 * once into frames of its own (a page cache for executables), so that
 * read-only pages are shared by every process running the program, and
 * nothing depends on the file staying as it was. Entries are matched by
 * content, so a file rewritten in place is never served stale.
 */
#ifndef POSIX_IMAGE_H
#define POSIX_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "components/posix/frames.h"

struct image;

/* The cached copy of these bytes, with a reference for the caller; NULL
 * when memory has run out. */
struct image *image_get(const void *data, size_t size);
void image_hold(struct image *image);
void image_put(struct image *image);

uint64_t image_size(const struct image *image);
/* The frame holding bytes [page * 4096, page * 4096 + 4096) of the file
 * (zero past its end); the cache keeps its own reference. */
frame_id image_frame(const struct image *image, uint64_t page);

#endif
