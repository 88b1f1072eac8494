/* The boot archive reader (cpio.c). */
#ifndef POSIX_FS_CPIO_H
#define POSIX_FS_CPIO_H

#include <stddef.h>

/* Adds the archive's entries to the tree under fs_root: 0, or
 * -LINUX_EINVAL for a corrupt archive (nothing added; cpio_error() says
 * why). *skipped counts entries that could not be added (fifos, sockets,
 * names under a non-directory). */
long cpio_load(const void *archive, size_t size, unsigned *skipped);
const char *cpio_error(void);

#endif
