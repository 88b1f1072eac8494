# Runs the comparison programs (/tests/bin/*) and busybox scripts
# (/tests/scripts/*.sh) one after another, each in a fresh scratch directory
# with a fixed environment, stdin from /dev/null and stdout+stderr to a file
# (so buffering is the same wherever it runs), then prints the output
# between marker lines:
#   === begin compare/NAME
#   ...its output...
#   === end compare/NAME status N
# tests/compare/run boots Strata with `init=/bin/sh /tests/run-all.sh ...`,
# and runs this same script on the host with busybox sh, then compares.
#
#   sh run-all.sh PLACEMENT SKIP FILTER [COUNT]
# runs the tests whose name KIND/PLACEMENT/NAME contains FILTER ("-": all),
# skipping the first SKIP of them (a rerun after one hung), and at most
# COUNT of them (all when absent or 0).
# The host overrides where things are: COMPARE_BIN, COMPARE_SCRIPTS,
# COMPARE_PATH (PATH for the tests: busybox applets), COMPARE_TMP, and
# COMPARE_WRAP (a command to run each test under: the host's timeout).
placement="${1:-micro}"
skip="${2:-0}"
filter="${3:--}"
count="${4:-0}"
[ "$filter" = - ] && filter=""
bin="${COMPARE_BIN:-/tests/bin}"
scripts="${COMPARE_SCRIPTS:-/tests/scripts}"
path="${COMPARE_PATH:-/bin:/sbin}"
tmp="${COMPARE_TMP:-/tmp}"
shell="${COMPARE_SHELL:-/bin/sh}"
PATH="$path"
export PATH

selected() {
	case "$1/$placement/$2" in *"$filter"*) return 0 ;; esac
	return 1
}

# run_one KIND NAME COMMAND...
run_one() {
	kind="$1" name="$2"
	shift 2
	selected "$kind" "$name" || return 0
	if [ "$skip" -gt 0 ]; then
		skip=$((skip - 1))
		return 0
	fi
	if [ "$count" -gt 0 ]; then
		[ "$count" = 1 ] && count=-1 || count=$((count - 1))
	elif [ "$count" -lt 0 ]; then
		return 0
	fi
	scratch="$tmp/$kind-$name.d"
	rm -rf "$scratch"
	mkdir -p "$scratch"
	echo "=== begin $kind/$name"
	# shellcheck disable=SC2086 # COMPARE_WRAP is a command and its words
	(cd "$scratch" && exec ${COMPARE_WRAP:-} env -i PATH="$path" HOME=/root TMPDIR="$scratch" \
		COMPARE_VAR="a b  c" "$@") < /dev/null > "$tmp/$kind-$name.out" 2>&1
	status=$?
	cat "$tmp/$kind-$name.out"
	echo
	echo "=== end $kind/$name status $status"
	rm -rf "$scratch" "$tmp/$kind-$name.out"
}

for program in "$bin"/*; do
	[ -f "$program" ] || continue
	run_one compare "${program##*/}" "$program" first "second arg" ''
done
for script in "$scripts"/*.sh; do
	[ -f "$script" ] || continue
	name="${script##*/}"
	run_one script "${name%.sh}" "$shell" "$script"
done
echo "=== compare done"
