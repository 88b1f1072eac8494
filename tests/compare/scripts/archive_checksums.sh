# Bigger work: generated data, checksums, compression round trips, tar.
work="${TMPDIR:-/tmp}/archive_checksums.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

seq 1 20000 > numbers.txt
md5sum numbers.txt
sha256sum numbers.txt | cut -c1-16
wc -c < numbers.txt
sort -n -r numbers.txt | head -n 3 | tr '\n' ' '; echo
awk '{ s += $1 } END { print "sum", s }' numbers.txt
gzip -c numbers.txt > numbers.gz
gunzip -c numbers.gz | md5sum | cut -d' ' -f1
gzip -t numbers.gz && echo "gzip archive is valid"
mkdir -p dir/sub
cp numbers.txt dir/
echo "small" > dir/sub/small.txt
tar -cf archive.tar dir
tar -tf archive.tar | sort
mkdir extract && cd extract && tar -xf ../archive.tar && cd ..
cmp dir/numbers.txt extract/dir/numbers.txt && echo "tar round trip is identical"
tar -czf archive.tgz dir && tar -tzf archive.tgz | wc -l
dd if=/dev/zero bs=4096 count=256 2>/dev/null | md5sum | cut -d' ' -f1
head -c 100000 numbers.txt | od -A d -t x1 | tail -n 2
cd / && rm -rf "$work"
