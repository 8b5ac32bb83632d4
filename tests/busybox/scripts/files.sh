# Files: a temporary directory, writing, copying, moving, listing, finding, checksums.
set -e
dir=$(mktemp -d)
cd "$dir"
mkdir -p sub/deeper
for i in 1 2 3 4 5; do seq 1 $((i * 100)) > "file$i.txt"; done
echo "hello" > sub/hello.txt
printf 'x%.0s' $(seq 1 50) > sub/deeper/xs
cp file1.txt copy.txt
mv file5.txt sub/moved.txt
ln -s file2.txt link.txt
ls
ls sub | sort
find . -type f | sort
find . -name '*.txt' -size +1k | sort
wc -l file*.txt | sort -n
cat link.txt | tail -1
sha256sum file1.txt copy.txt sub/hello.txt
cmp file1.txt copy.txt && echo "copies match"
cmp -s file1.txt file2.txt || echo "files differ"
du -s sub > /dev/null && echo "du ran"
test -L link.txt && echo "link is a symlink"
readlink link.txt
stat -c '%s %F' sub/deeper/xs copy.txt
rm -r sub
ls | tr '\n' ' '
echo
cd /
rm -rf "$dir"
test -e "$dir" || echo "cleaned up"
