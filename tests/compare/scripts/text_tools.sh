# Text tools over files and pipes: cat, wc, grep, sed, sort, uniq, head,
# tail, cut, tr, in a scratch directory of its own.
work="${TMPDIR:-/tmp}/text_tools.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

cat > fruit.txt << 'END'
banana 3 yellow
apple 10 red
cherry 7 red
date 2 brown
apple 4 green
elderberry 12 purple
fig 1 purple
END
echo "== cat -n"
cat -n fruit.txt
echo "== wc"
wc -l < fruit.txt
wc -w fruit.txt
wc -c < fruit.txt
echo "== grep"
grep red fruit.txt
grep -c purple fruit.txt
grep -v -e red -e purple fruit.txt
grep -n '^[a-c]' fruit.txt
grep -i APPLE fruit.txt | wc -l
grep -q missing fruit.txt; echo "grep -q missing: $?"
grep -E '(fig|date) [0-9]+' fruit.txt
echo "== sed"
sed 's/red/RED/' fruit.txt | head -n 3
sed -n '2,4p' fruit.txt
sed -e '/purple/d' -e 's/ [0-9]* / /' fruit.txt
sed '1i\
first line' fruit.txt | head -n 2
sed -i 's/yellow/gold/' fruit.txt
grep gold fruit.txt
echo "== sort and uniq"
sort fruit.txt
sort -k2 -n fruit.txt | cut -d' ' -f1
sort -r -k3,3 -k1,1 fruit.txt
cut -d' ' -f1 fruit.txt | sort | uniq -c
cut -d' ' -f3 fruit.txt | sort -u
echo "== head and tail"
head -n 2 fruit.txt
tail -n 2 fruit.txt
tail -n +6 fruit.txt
head -c 10 fruit.txt; echo
echo "== tr"
echo "Hello, World" | tr 'a-z' 'A-Z'
echo "a  b   c" | tr -s ' '
echo "remove vowels" | tr -d 'aeiou'
echo "== a longer pipeline"
seq 1 200 | grep 7 | sort -r | head -n 5 | tr '\n' ' '; echo
cd / && rm -rf "$work"
