/*
 * components/posix/fs/cpio.c: the boot archive becomes the initial tree
 * (directories, files pointing into the archive, symbolic links, hard
 * links, attributes), and a corrupt archive is refused whole, with a
 * message, leaving only what fs_init always makes (/dev, /tmp).
 */
#include "unit.h"

#include "fs_fake.h"

#include "components/posix/fs/fs.h"

static struct fake_cpio archive;

static struct vnode *find(const char *path)
{
	struct process *p = process_find(1) ? process_find(1) : fake_process(1);
	struct lookup l;
	if (path_lookup(p, LINUX_AT_FDCWD, path, 0, &l) != 0)
		return NULL;
	return l.vnode;
}

static void sample_archive(void)
{
	fake_cpio_init(&archive);
	fake_cpio_dir(&archive, ".", 0755);
	fake_cpio_dir(&archive, "bin", 0755);
	fake_cpio_file(&archive, "bin/busybox", 0755, "\177ELF pretend");
	fake_cpio_symlink(&archive, "bin/sh", "busybox");
	fake_cpio_dir(&archive, "etc", 0700);
	fake_cpio_file(&archive, "./etc/motd", 0644, "hello\n");
	fake_cpio_file(&archive, "deep/er/file", 0600, "x"); /* parents not listed */
	fake_cpio_finish(&archive);
}

UNIT_TEST(cpio_builds_tree)
{
	sample_archive();
	fake_fs_reset(archive.data, archive.size);
	CHECK_STR(fake_log, "");
	struct vnode *bin = find("/bin"), *busybox = find("/bin/busybox"), *sh = find("/bin/sh");
	REQUIRE(bin && busybox && sh);
	CHECK_EQ(bin->mode, LINUX_S_IFDIR | 0755);
	CHECK_EQ(busybox->mode, LINUX_S_IFREG | 0755);
	CHECK_EQ(busybox->uid, 1000);
	CHECK_EQ(busybox->gid, 100);
	CHECK_EQ(busybox->mtime.tv_sec, 1600000000);
	CHECK_EQ(busybox->file.size, 12);
	CHECK(busybox->file.borrowed);
	CHECK(busybox->file.data >= archive.data && busybox->file.data < archive.data + archive.size);
	CHECK(vnode_is_symlink(sh));
	CHECK_STR(sh->symlink.target, "busybox");
	CHECK_EQ(find("/etc")->mode, LINUX_S_IFDIR | 0700);
	CHECK_EQ(find("/etc/motd")->file.size, 6);
	struct vnode *deep = find("/deep/er");
	REQUIRE(deep);
	CHECK_EQ(deep->mode, LINUX_S_IFDIR | 0755);
	CHECK(find("/deep/er/file") != NULL);
}

UNIT_TEST(cpio_root_link_count)
{
	sample_archive();
	fake_fs_reset(archive.data, archive.size);
	/* Subdirectories of /: bin, etc, deep, dev, tmp. */
	CHECK_EQ(fs_root->nlink, 2 + 5);
	CHECK_EQ(find("/deep")->nlink, 3);
}

UNIT_TEST(cpio_makes_dev_and_tmp)
{
	fake_fs_reset(NULL, 0);
	struct vnode *null = find("/dev/null"), *console = find("/dev/console"), *tmp = find("/tmp");
	REQUIRE(null && console && tmp);
	CHECK_EQ(null->mode, LINUX_S_IFCHR | 0666);
	CHECK_EQ(null->rdev, LINUX_MKDEV(1, 3));
	CHECK_EQ(console->rdev, LINUX_MKDEV(5, 1));
	CHECK_EQ(find("/dev/zero")->rdev, LINUX_MKDEV(1, 5));
	CHECK_EQ(find("/dev/tty")->rdev, LINUX_MKDEV(5, 0));
	CHECK_EQ(tmp->mode, LINUX_S_IFDIR | 01777);
}

UNIT_TEST(cpio_file_copied_on_first_write)
{
	sample_archive();
	uint8_t before[sizeof archive.data];
	memcpy(before, archive.data, archive.size);
	fake_fs_reset(archive.data, archive.size);
	struct process *p = fake_process(1);
	long fd = SYS(p, open, U("/etc/motd"), LINUX_O_RDWR);
	REQUIRE(fd >= 0);
	CHECK_EQ(SYS(p, write, fd, U("J"), 1), 1);
	CHECK(memcmp(before, archive.data, archive.size) == 0);
	struct vnode *motd = find("/etc/motd");
	CHECK(!motd->file.borrowed);
	CHECK(memcmp(motd->file.data, "Jello\n", 6) == 0);
}

UNIT_TEST(cpio_hard_links_share_a_vnode)
{
	fake_cpio_init(&archive);
	/* As cpio writes them: the data comes with the last name. */
	fake_cpio_entry(&archive, "a", LINUX_S_IFREG | 0644, 7, 2, 0, NULL, 0);
	fake_cpio_entry(&archive, "b", LINUX_S_IFREG | 0644, 7, 2, 0, "shared", 6);
	fake_cpio_entry(&archive, "c", LINUX_S_IFREG | 0644, 8, 1, 0, "own", 3);
	fake_cpio_finish(&archive);
	fake_fs_reset(archive.data, archive.size);
	struct vnode *a = find("/a"), *b = find("/b");
	REQUIRE(a && b);
	CHECK(a == b);
	CHECK_EQ(a->nlink, 2);
	CHECK_EQ(a->file.size, 6);
	CHECK_EQ(find("/c")->nlink, 1);
}

UNIT_TEST(cpio_skips_fifos_and_counts_them)
{
	fake_cpio_init(&archive);
	fake_cpio_entry(&archive, "fifo", LINUX_S_IFIFO | 0644, 9, 1, 0, NULL, 0);
	fake_cpio_file(&archive, "f", 0644, "x");
	fake_cpio_file(&archive, "f/under-a-file", 0644, "x");
	fake_cpio_finish(&archive);
	fake_fs_reset(archive.data, archive.size);
	CHECK(find("/f") != NULL);
	CHECK(find("/fifo") == NULL);
	CHECK_STR(fake_log, "posix: initrd: 2 entries skipped");
}

UNIT_TEST(cpio_later_entry_replaces_earlier)
{
	fake_cpio_init(&archive);
	fake_cpio_file(&archive, "x", 0644, "first");
	fake_cpio_symlink(&archive, "x", "target");
	fake_cpio_dir(&archive, "d", 0700);
	fake_cpio_dir(&archive, "d", 0755);
	fake_cpio_finish(&archive);
	fake_fs_reset(archive.data, archive.size);
	CHECK(vnode_is_symlink(find("/x")));
	CHECK_EQ(find("/d")->mode, LINUX_S_IFDIR | 0755);
}

static void check_refused(const char *why)
{
	fake_fs_reset(archive.data, archive.size);
	CHECK(strstr(fake_log, "posix: initrd refused: corrupt cpio archive") != NULL);
	CHECK(strstr(fake_log, why) != NULL);
	/* Nothing of it was used; the basics are there. */
	CHECK(find("/bin") == NULL);
	CHECK(find("/dev/console") != NULL);
}

UNIT_TEST(cpio_refuses_bad_magic)
{
	sample_archive();
	archive.data[110 * 2 + 8 + 3] = 'X'; /* no effect: not at a header */
	memcpy(archive.data, "070707", 6);
	check_refused("bad magic");
}

UNIT_TEST(cpio_refuses_missing_trailer)
{
	sample_archive();
	archive.size -= 124; /* the trailer: 110 + 11 + pad */
	check_refused("TRAILER!!!");
}

UNIT_TEST(cpio_refuses_truncated_data)
{
	fake_cpio_init(&archive);
	fake_cpio_dir(&archive, "bin", 0755);
	fake_cpio_file(&archive, "bin/big", 0644, "0123456789");
	size_t cut = archive.size - 8;
	archive.size = cut;
	check_refused("runs past the end");
}

UNIT_TEST(cpio_refuses_bad_hex)
{
	sample_archive();
	archive.data[6 + 8] = 'g';
	check_refused("not hexadecimal");
}

UNIT_TEST(cpio_refuses_unterminated_name)
{
	fake_cpio_init(&archive);
	fake_cpio_file(&archive, "name", 0644, "data");
	fake_cpio_finish(&archive);
	archive.data[110 + 4] = 'X'; /* the NUL of "name" */
	check_refused("NUL-terminated");
}

UNIT_TEST(cpio_refuses_garbage_without_crashing)
{
	unit_random_seed(42);
	for (int round = 0; round < 200; round++) {
		sample_archive();
		for (int i = 0; i < 4; i++)
			archive.data[unit_random_below(archive.size)] = (uint8_t)unit_random_next();
		fake_fs_reset(archive.data, unit_random_below(archive.size + 1));
		REQUIRE(find("/dev/null") != NULL);
	}
}
