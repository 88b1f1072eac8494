/*
 * Directories: a list of names, newest first (the order tmpfs lists them
 * in), each naming a vnode. Adding a name counts a link; a subdirectory
 * also counts one on its parent (its "..").
 */
#include "components/posix/fs/fs.h"

#include "lib/string.h"

struct dir_entry *dir_find(struct vnode *dir, const char *name, size_t length)
{
	for (struct dir_entry *e = dir->dir.first; e; e = e->next)
		if (e->name_length == length && memcmp(e->name, name, length) == 0)
			return e;
	return NULL;
}

/* A new entry at the front of dir's list. */
static struct dir_entry *dir_link_entry(struct vnode *dir, const char *name, size_t length, struct vnode *v)
{
	struct dir_entry *e = fs_alloc(sizeof *e + length + 1);
	if (!e)
		return NULL;
	e->vnode = v;
	e->cookie = dir->dir.next_cookie++;
	e->name_length = (uint16_t)length;
	memcpy(e->name, name, length);
	e->name[length] = 0;
	e->previous = NULL;
	e->next = dir->dir.first;
	if (e->next)
		e->next->previous = e;
	else
		dir->dir.last = e;
	dir->dir.first = e;
	dir->dir.entry_count++;
	vnode_touch_modified(dir);
	return e;
}

static void dir_unlink_entry(struct vnode *dir, struct dir_entry *e)
{
	if (e->previous)
		e->previous->next = e->next;
	else
		dir->dir.first = e->next;
	if (e->next)
		e->next->previous = e->previous;
	else
		dir->dir.last = e->previous;
	dir->dir.entry_count--;
	fs_free(e);
	vnode_touch_modified(dir);
}

/* Names v in dir. A directory gets its only name here (a fresh one: its
 * link count becomes 2, the name and its "."). */
long dir_add(struct vnode *dir, const char *name, size_t length, struct vnode *v)
{
	if (!dir_link_entry(dir, name, length, v))
		return -LINUX_ENOSPC;
	if (vnode_is_dir(v)) {
		v->nlink = 2;
		v->dir.parent = dir;
		dir->nlink++;
	} else {
		v->nlink++;
	}
	return 0;
}

/* Gives e's vnode the name `name` in to (no entry of that name exists
 * there), keeping its link count. */
long dir_move(struct vnode *from, struct dir_entry *e, struct vnode *to, const char *name, size_t length)
{
	struct vnode *v = e->vnode;
	if (!dir_link_entry(to, name, length, v))
		return -LINUX_ENOSPC;
	dir_unlink_entry(from, e);
	if (vnode_is_dir(v) && from != to) {
		from->nlink--;
		to->nlink++;
		v->dir.parent = to;
	}
	vnode_touch_changed(v);
	return 0;
}

/* Takes the name away; the vnode goes when nothing holds it either. */
void dir_remove(struct vnode *dir, struct dir_entry *e)
{
	struct vnode *v = e->vnode;
	dir_unlink_entry(dir, e);
	if (vnode_is_dir(v)) {
		dir->nlink--;
		v->nlink = 0; /* its own "." goes with its name */
		/* A removed directory someone still works in keeps its ".."
		 * until it goes (vnode.c lets go of it). */
		vnode_hold(dir);
	} else {
		v->nlink--;
	}
	vnode_touch_changed(v);
	vnode_forget_if_unused(v);
}

bool dir_is_empty(const struct vnode *dir)
{
	return dir->dir.entry_count == 0;
}

bool dir_is_dead(const struct vnode *dir)
{
	return dir->nlink == 0;
}
