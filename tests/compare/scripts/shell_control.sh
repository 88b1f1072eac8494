# The shell language: loops, case, functions, local variables,
# arithmetic, expr, command substitution, exit statuses, && and ||.
work="${TMPDIR:-/tmp}/shell_control.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

echo "== loops"
for i in 1 2 3; do printf '%s ' "$i"; done; echo
i=0
while [ $i -lt 5 ]; do i=$((i + 1)); printf '%s ' $i; done; echo
until [ $i -eq 0 ]; do i=$((i - 2)); [ $i -lt 0 ] && i=0; printf '%s ' $i; done; echo
for word in $(echo alpha beta gamma); do printf '[%s]' "$word"; done; echo
for n in 1 2 3 4 5 6; do
	[ $n -eq 2 ] && continue
	[ $n -eq 5 ] && break
	printf '%s ' $n
done; echo
echo "== case"
for thing in apple 42 x.txt ""; do
	case "$thing" in
	[0-9]*) echo "$thing: a number" ;;
	*.txt) echo "$thing: a text file" ;;
	"") echo "(empty)" ;;
	a*|b*) echo "$thing: starts with a or b" ;;
	*) echo "$thing: something else" ;;
	esac
done
echo "== functions"
square() { echo $(($1 * $1)); }
fact() {
	local n=$1
	if [ "$n" -le 1 ]; then echo 1; else echo $((n * $(fact $((n - 1))))); fi
}
count_args() { echo "$# arguments: $*"; }
returns() { return "$1"; }
echo "square 12 = $(square 12)"
echo "fact 10 = $(fact 10)"
count_args one "two words" three
returns 7; echo "returned $?"
n=outer
scoped() { local n=inner; echo "inside: $n"; }
scoped; echo "outside: $n"
echo "== arithmetic and expr"
echo $((7 * 6)) $((100 / 7)) $((100 % 7)) $((1 << 10)) $((-5 + 3)) $(( (2 + 3) * 4 ))
expr 6 \* 7
expr length "hello world"
expr substr "hello world" 7 5
expr 10 \> 3
expr "abc123" : '[a-z]*'
x=5; x=$((x += 10)); echo "x is $x"
echo "== command substitution"
now=$(echo nested $(echo inner))
echo "$now"
lines=$(printf 'a\nb\nc\n' | wc -l)
echo "lines: $lines"
echo "== exit statuses"
true; echo "true: $?"
false; echo "false: $?"
(exit 42); echo "subshell: $?"
sh -c 'exit 3'; echo "sh -c: $?"
! true; echo "! true: $?"
true && echo "and runs after success"
false || echo "or runs after failure"
false && echo "never printed"
missing_command_xyz 2>/dev/null; echo "missing command: $?"
echo "== strings"
s="Hello, World"
echo "${#s} ${s#Hello, } ${s%, World} ${s%%o*} ${s##*o}"
unset unset_var
echo "${unset_var:-default} ${unset_var:=assigned} $unset_var"
IFS=: read -r first second rest << 'END'
one:two:three:four
END
echo "$first|$second|$rest"
set -- a "b c" d
echo "$# $2"
for arg in "$@"; do printf '<%s>' "$arg"; done; echo
shift; echo "after shift: $*"
cd / && rm -rf "$work"
