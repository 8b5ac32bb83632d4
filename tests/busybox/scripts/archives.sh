# Archives and binary data: tar, gzip, od, dd, md5sum, xargs, sed -i, sort of larger data.
# (tar files carry modification times, so only their contents are compared.)
set -e
dir=$(mktemp -d)
cd "$dir"
mkdir -p tree/a tree/b
seq 1 2000 | awk '{ printf "%08d %s\n", ($1 * 7919) % 10007, $1 }' > tree/a/numbers.txt
printf 'alpha\nbeta\ngamma\n' > tree/b/words.txt
dd if=/dev/zero bs=1024 count=8 2>/dev/null | tr '\0' 'z' > tree/b/zs.bin
sort tree/a/numbers.txt | head -3
sort -k2,2n -r tree/a/numbers.txt | head -2
sort -u tree/a/numbers.txt | wc -l
tar cf tree.tar tree
tar tf tree.tar | sort
gzip -9 -c tree.tar > tree.tar.gz
gunzip -c tree.tar.gz | cmp - tree.tar && echo "gzip round trip ok"
md5sum tree/a/numbers.txt tree/b/zs.bin
gzip -9 -c tree/a/numbers.txt | md5sum
mkdir out && cd out && tar xzf ../tree.tar.gz && cd ..
cmp tree/a/numbers.txt out/tree/a/numbers.txt && echo "round trip ok"
od -A d -t x1 tree/b/words.txt | head -2
printf 'abc\001\377' | od -c
echo "one two three four five" | xargs -n 2 echo
find tree -type f | sort | while read -r f; do wc -c < "$f"; done
sed -i 's/beta/BETA/' tree/b/words.txt
cat tree/b/words.txt
dd if=tree/a/numbers.txt bs=100 skip=2 count=1 2>/dev/null | head -c 40
echo
cd /
rm -rf "$dir"
