# The shell itself: functions, loops, case, arithmetic, parameter expansion, here-documents,
# subshells, command substitution, exit statuses, traps, read.
fib() {
  a=0 b=1 i=0
  while [ $i -lt "$1" ]; do t=$((a + b)); a=$b; b=$t; i=$((i + 1)); done
  echo "$a"
}
for n in 1 5 10 20 30; do printf 'fib(%d) = %s\n' "$n" "$(fib $n)"; done
for word in apple Banana 42 -x ''; do
  case "$word" in
    [a-z]*) echo "$word: lower" ;;
    [A-Z]*) echo "$word: upper" ;;
    [0-9]*) echo "$word: number" ;;
    -*) echo "$word: option" ;;
    *) echo "(empty): other" ;;
  esac
done
path=/usr/local/lib/libfoo.so.1.2
echo "${path##*/} ${path%/*} ${path#/usr} ${path%%.*} ${#path}"
unset missing
echo "${missing:-default} ${missing-unset} ${path:+set}"
x=5; y=3
echo "arithmetic: $((x * y + 2)) $((x << 3)) $(( (x + y) % 3 )) $((x > y)) $((-x / 2))"
cat <<END
here-doc with $x and $(echo substitution)
  indented line
END
cat <<'END'
quoted here-doc keeps $x literally
END
(cd / && pwd; exit 3); echo "subshell exit: $?"
false || echo "false gives $?"
true && echo "true gives $?"
sh -c 'exit 42'; echo "child shell: $?"
result=$( { echo out; echo err >&2; } 2>&1 | sort | tr '\n' + )
echo "captured: $result"
printf 'line one\nline two\nline three\n' | while read -r first rest; do echo "[$first] [$rest]"; done
count=0
for f in a b c d e; do count=$((count + 1)); [ $count -eq 3 ] && continue; [ $count -eq 5 ] && break; echo "item $f"; done
set -- alpha beta gamma
echo "$# args, second $2, all: $*"
shift
echo "after shift: $1"
trap 'echo "trap on exit: status $?"' EXIT
test -d / && test ! -e /surely/not/here && echo "test works"
[ "abc" \< "abd" ] && echo "string compare works"
exit 7
