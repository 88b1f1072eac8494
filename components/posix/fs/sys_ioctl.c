/*
 * ioctl: the requests every descriptor understands (close-on-exec,
 * non-blocking, async), then the file's own (the terminal's, FIONREAD).
 */
#include "components/posix/fs/fs.h"
#include "components/posix/fs/syscalls.h"

static long ioctl_flag(struct process *p, struct file *f, uint64_t argument, uint32_t flag)
{
	int32_t on;
	long error = user_read(p, argument, &on, sizeof on);
	if (error)
		return error;
	if (on)
		f->flags |= flag;
	else
		f->flags &= ~flag;
	posix_wake();
	return 0;
}

long sys_ioctl(struct process *p, const uint64_t a[6])
{
	int fd = (int)a[0];
	struct file *f = fd_get_file(p, fd);
	if (!f)
		return -LINUX_EBADF;
	unsigned request = (unsigned)a[1]; /* Linux takes the command as 32 bits */
	uint64_t argument = a[2];
	switch (request) {
	case LINUX_FIOCLEX:
		fd_set_close_on_exec(p, fd, true);
		return 0;
	case LINUX_FIONCLEX:
		fd_set_close_on_exec(p, fd, false);
		return 0;
	case LINUX_FIONBIO:
		return ioctl_flag(p, f, argument, LINUX_O_NONBLOCK);
	case LINUX_FIOASYNC:
		return ioctl_flag(p, f, argument, LINUX_O_ASYNC);
	default:
		break;
	}
	if (!f->ops->ioctl)
		return -LINUX_ENOTTY;
	return f->ops->ioctl(p, f, request, argument);
}
