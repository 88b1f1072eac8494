/*
 * Open file descriptions: what one open() made, shared by every descriptor
 * dup() and fork() copy from it, with the position and status flags they
 * share.
 */
#include "components/posix/fs/fs.h"

struct file *file_new(struct vnode *v, uint32_t flags, const struct file_ops *ops)
{
	struct file *f = fs_zalloc(sizeof *f);
	if (!f)
		return NULL;
	f->flags = flags;
	f->vnode = v;
	f->ops = ops;
	vnode_hold(v);
	return f;
}

void file_hold(struct file *f)
{
	f->refs++;
}

void file_release(struct file *f)
{
	if (--f->refs)
		return;
	if (f->ops->release)
		f->ops->release(f);
	vnode_release(f->vnode);
	fs_free(f);
}

const struct file_ops *file_ops_for(const struct vnode *v)
{
	switch (vnode_type(v)) {
	case LINUX_S_IFREG:
		return &regular_file_ops;
	case LINUX_S_IFDIR:
		return &directory_file_ops;
	case LINUX_S_IFIFO:
		return &pipe_file_ops;
	case LINUX_S_IFCHR: {
		const struct device *d = device_find(v->rdev);
		return d ? d->ops : NULL;
	}
	default:
		return NULL;
	}
}
