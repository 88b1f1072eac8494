# awk, printf and friends: field splitting, patterns, arrays, formats.
work="${TMPDIR:-/tmp}/awk_printf.work"
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

cat > scores.txt << 'END'
alice 90 85 77
bob 60 75 80
carol 88 92 95
dave 70 65 60
END
awk '{ print $1, $2 + $3 + $4 }' scores.txt
awk '$2 > 75 { print $1 }' scores.txt
awk '{ total += $2 } END { printf "average %.2f over %d\n", total / NR, NR }' scores.txt
awk '{ for (i = 2; i <= NF; i++) if ($i > best[$1]) best[$1] = $i } END { for (n in best) print n, best[n] }' scores.txt | sort
awk -F: '{ print $1 }' << 'END'
root:x:0
user:y:1
END
awk 'BEGIN { printf "%5s|%-5s|%05.1f|%x\n", "ab", "cd", 3.14159, 255 }'
awk 'BEGIN { s = "hello world"; n = split(s, parts, " "); print n, toupper(parts[2]), length(s), substr(s, 1, 4) }'
printf '%s=%d\n' one 1 two 2
printf '%5.2f|%-6s|%03d|%c\n' 3.14159 ab 7 x
printf '%s\n' "multiple" "lines"
printf 'no newline'; echo
printf '%%|%b\n' 'tab\there'
seq 5 | awk '{ s = s $1 } END { print s }'
echo "3 4" | awk '{ print $1 * $2, $2 / $1 }'
cd / && rm -rf "$work"
