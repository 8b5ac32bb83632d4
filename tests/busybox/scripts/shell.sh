# reference: qemu native
# Shell features in one shell process: functions, case, loops, subshells (fork without exec),
# here-documents, redirection, traps and exit statuses.
greet() { echo "hello $1 ($#)"; return 3; }
greet anvil x; echo "status $?"
for word in alpha beta gamma; do
  case $word in
    a*) echo "$word starts with a";;
    *m*) echo "$word has an m";;
    *) echo "$word is other";;
  esac
done
( cd /; echo "in a subshell $(pwd)" ); echo "back"
while read -r key value; do echo "$value=$key"; done <<END
one 1
two $((6 * 7))
END
echo one > f; echo two >> f
while read -r line; do echo "f: $line"; done < f
exec 3> g; echo "to fd 3" >&3; exec 3>&-; read -r from_g < g; echo "$from_g"
x=outer; (x=inner; echo $x); echo $x
(exit 7); echo "subshell status $?"
false || echo "false failed"; true && echo "true worked"
set -- a b c; shift; echo "$@" "$#"
v=$(printf '%s' "a b c"); echo "captured ${#v} ${v%% *} ${v##* }"
echo abc | { read first; echo "read $first"; }
trap 'echo trapped EXIT' EXIT
