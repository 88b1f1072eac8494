/*
 * The file side (components/posix/fs/) compiled into the host unit tests,
 * all but what only runs in the posix server: the heap's frame source and
 * the console's IPC transport (fs_fake.c stands in for them and for the
 * process side). The heap itself is tested on its own in test_fs_heap.c.
 */
#include "components/posix/fs/console.c"
#include "components/posix/fs/cpio.c"
#include "components/posix/fs/device.c"
#include "components/posix/fs/dir.c"
#include "components/posix/fs/fdtable.c"
#include "components/posix/fs/file.c"
#include "components/posix/fs/fifo.c"
#include "components/posix/fs/file_data.c"
#include "components/posix/fs/io.c"
#include "components/posix/fs/lifecycle.c"
#include "components/posix/fs/path.c"
#include "components/posix/fs/pipe.c"
#include "components/posix/fs/regular.c"
#include "components/posix/fs/sys_attr.c"
#include "components/posix/fs/sys_dir.c"
#include "components/posix/fs/sys_ioctl.c"
#include "components/posix/fs/sys_names.c"
#include "components/posix/fs/sys_open.c"
#include "components/posix/fs/sys_poll.c"
#include "components/posix/fs/sys_rw.c"
#include "components/posix/fs/sys_sendfile.c"
#include "components/posix/fs/sys_stat.c"
#include "components/posix/fs/syscalls.c"
#include "components/posix/fs/vnode.c"
