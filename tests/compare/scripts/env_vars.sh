# The environment as the shell sees and passes it: export, unset, env,
# variables in children, set -e and set -u behaviour.
work="${TMPDIR:-/tmp}/env_vars.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

echo "HOME=$HOME"
echo "COMPARE_VAR=[$COMPARE_VAR]"
LOCAL=not_exported
export EXPORTED=yes
sh -c 'echo "child sees EXPORTED=$EXPORTED LOCAL=${LOCAL:-unset}"'
ONE_SHOT=value sh -c 'echo "one-shot: $ONE_SHOT"'
echo "after one-shot: ${ONE_SHOT:-unset}"
env -i A=1 B=2 env | sort
env -u HOME sh -c 'echo "HOME unset: ${HOME:-yes}"'
unset EXPORTED
sh -c 'echo "after unset: ${EXPORTED:-gone}"'
env | grep -c '^COMPARE_VAR='
sh -c 'set -e; false; echo "not reached"'; echo "set -e status: $?"
sh -c 'set -u; echo "$undefined_variable"' 2>/dev/null; echo "set -u status: $?"
sh -c 'echo "args: $0 $1 $2 ($#)"' name first second
cd / && rm -rf "$work"
