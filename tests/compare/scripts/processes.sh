# Processes from the shell: background jobs, wait and $!, kill, traps,
# subshells, exit statuses of signalled commands.
work="${TMPDIR:-/tmp}/processes.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

(sleep 1; echo "background done" > bg.txt) &
pid=$!
echo "a background job started"
wait $pid
echo "wait status: $?"
cat bg.txt
sh -c 'exit 5' &
wait $!
echo "background exit status: $?"
# (wait's own "Terminated" note depends on when the shell reaps the job:
# not compared.)
sleep 10 &
pid=$!
kill $pid
wait $pid 2> /dev/null
echo "killed job status: $?"
sleep 10 &
pid=$!
kill -9 $pid
wait $pid 2> /dev/null
echo "kill -9 status: $?"
kill -0 $$ && echo "kill -0 on ourselves works"
echo "== several jobs at once"
for i in 1 2 3 4 5; do
	(sleep 0.$i; echo "job $i" >> jobs.txt) &
done
wait
sort jobs.txt
echo "== traps"
trap 'echo "caught USR1"' USR1
kill -USR1 $$
trap - USR1
sh -c 'trap "echo child exits" EXIT; exit 2'
echo "child status $?"
sh -c 'trap "echo got TERM; exit 7" TERM; kill -TERM $$; sleep 5'
echo "TERM-trapping child status $?"
echo "== subshells"
x=parent
(x=child; echo "in subshell: $x")
echo "after subshell: $x"
echo "$(exit 3)"; echo "status of an empty substitution: $?"
( cd /; pwd )
echo "cwd unchanged: $(basename "$(pwd)")"
echo "== pids"
sh -c 'echo $$' > child_pid.txt
[ "$(cat child_pid.txt)" != "$$" ] && echo "a child has its own pid"
[ "$PPID" -gt 0 ] && echo "PPID is set"
cd / && rm -rf "$work"
