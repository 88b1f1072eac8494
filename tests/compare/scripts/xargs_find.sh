# find and xargs over a generated tree.
work="${TMPDIR:-/tmp}/xargs_find.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

for d in alpha beta gamma; do
	mkdir -p "tree/$d/sub"
	for n in 1 2 3 4; do
		echo "$d $n" > "tree/$d/file$n.txt"
	done
	echo "deep $d" > "tree/$d/sub/deep.dat"
done
find tree -type f | sort | xargs cat
find tree -name '*.txt' | wc -l
find tree -name '*.dat' | sort | xargs -n 1 basename
find tree -type f | sort | xargs -n 3 echo | wc -l
find tree -type d | sort
echo alpha beta gamma | xargs -n 1 echo dir:
find tree -name 'file1.txt' | sort | xargs rm
find tree -name 'file1.txt' | wc -l
printf 'one\ntwo\nthree\n' | xargs echo all:
find tree -type f -name '*.txt' | sort | xargs grep -l 'beta'
find tree -newer tree/alpha/file2.txt -name nothing
find tree -path '*sub*' -type f | sort
find tree -maxdepth 1 | sort
cd / && rm -rf "$work"
