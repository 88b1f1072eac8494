# Pipes and redirections: > >> < 2> 2>&1, here-documents, descriptor
# juggling with exec, /dev/null, long pipelines, pipeline exit status.
work="${TMPDIR:-/tmp}/pipes_redirect.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

echo "first" > out.txt
echo "second" >> out.txt
cat < out.txt
echo "to stderr" 2> err.txt 1>&2
cat err.txt
ls missing_file > both.txt 2>&1; echo "ls status $?"
grep -c missing both.txt
{ echo "grouped one"; echo "grouped two"; } > group.txt
wc -l < group.txt
echo "== here-documents"
name=world
cat << END
hello $name
sum $((2 + 3))
END
cat << 'END'
not expanded: $name $((2 + 3))
END
cat <<- END
	tabs are stripped
	END
tr a-z A-Z << END | sed 's/^/> /'
piped here-document
END
echo "== exec and descriptors"
exec 3> fd3.txt
echo "via descriptor 3" >&3
exec 3>&-
cat fd3.txt
exec 4< out.txt
read -r line <&4
echo "read from 4: $line"
read -r line <&4
echo "then: $line"
exec 4<&-
echo "== /dev/null"
echo discarded > /dev/null
cat /dev/null | wc -c
wc -c < /dev/null
echo "== pipelines"
seq 1 1000 | sed -n '500,505p' | tr '\n' ','; echo
seq 1 100000 | tail -n 1
seq 1 50000 | wc -l
yes hello | head -n 3
false | true; echo "status of false | true: $?"
true | false; echo "status of true | false: $?"
echo "abc" | { read -r x; echo "read in a pipeline: $x"; }
printf 'c\nb\na\n' | sort | head -n 1
echo "== redirect a whole loop"
for i in 3 1 2; do echo "$i"; done > loop.txt
sort loop.txt | tr '\n' ' '; echo
while read -r n; do echo "line $n"; done < loop.txt
cd / && rm -rf "$work"
