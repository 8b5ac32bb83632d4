# reference: native
# Commands that run as separate programs (fork + execve of busybox through PATH), which
# qemu-user cannot run without binfmt_misc: compared with the host's own busybox.
i=0
while [ $i -lt 100 ]; do echo "row $i $((i * i % 17))"; i=$((i + 1)); done > rows
wc -l < rows
sed -n 's/^row \([0-9]*\) \([0-9]*\)$/\2:\1/p' rows | sort -n | tail -3
sed -e '/ 1$/d' -e 's/row/R/' rows | wc -l
grep -c ' 4$' rows
grep -n ' 16$' rows | head -2
tr 'a-z' 'A-Z' < rows | uniq | tail -1
cat rows rows | sort | uniq -c | head -2
echo "Hello, World" | tr -d ',' | rev
sh -c 'echo "child shell $0 $1"; exit 7' zero one; echo "child status $?"
od -An -tx1 -N8 rows
sha1sum rows
