# A script whose own exit status is compared: it fails on purpose, after
# output on both stdout and stderr, from a nested function.
work="${TMPDIR:-/tmp}/exit_code.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99
fail_with() {
	echo "failing with $1" >&2
	cd / && rm -rf "$work"
	exit "$1"
}
echo "about to fail"
false || fail_with 3
echo "never printed"
