# Files and directories through busybox: mkdir -p, cp, mv, rm, ln, ls,
# find, test, touch, and what each leaves behind.
work="${TMPDIR:-/tmp}/files_dirs.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

mkdir -p a/b/c a/d
echo one > a/file1
echo two > a/b/file2
printf 'three\n' > a/b/c/file3
touch a/d/empty
echo "== ls"
ls
ls a
ls -1 a/b
ls -a a/d
ls -R a
echo "== cp"
cp a/file1 copy1
cp -r a a_copy
cat copy1
ls -R a_copy | wc -l
cmp a/b/c/file3 a_copy/b/c/file3 && echo "copies are identical"
echo "== mv"
mv copy1 moved1
ls moved1 copy1 2>&1
mv a_copy/b a_copy/bee
ls a_copy
mv moved1 a/d/
ls a/d
echo "== ln"
ln -s ../file1 a/b/link1
cat a/b/link1
readlink a/b/link1
ln a/file1 a/hard1
echo more >> a/hard1
cat a/file1
echo "== test"
test -f a/file1 && echo "a/file1 is a file"
test -d a/b && echo "a/b is a directory"
test -e a/missing || echo "a/missing does not exist"
test -L a/b/link1 && echo "a/b/link1 is a link"
test -s a/d/empty || echo "a/d/empty is empty"
[ -r a/file1 ] && [ -w a/file1 ] && echo "readable and writable"
[ a/file1 -ef a/hard1 ] && echo "hard link is the same file"
echo "== find"
find a | sort
find a -type f | sort
find a -name 'file*' | sort
find a -type d -name c
find a -empty | sort
echo "== rm"
rm a/b/c/file3
rmdir a/b/c
rm -r a_copy
rm a/missing 2>/dev/null || echo "rm of a missing file fails: $?"
rm -f a/missing && echo "rm -f of a missing file succeeds"
rmdir a 2>/dev/null || echo "rmdir of a full directory fails"
find . | sort
echo "== sizes"
dd if=/dev/zero of=zeros bs=1024 count=64 2>/dev/null
wc -c < zeros
truncate -s 100 zeros 2>/dev/null || dd if=/dev/null of=zeros bs=1 seek=100 2>/dev/null
wc -c < zeros
cd / && rm -rf "$work"
echo "scratch removed: $(test -e "$work" && echo no || echo yes)"
