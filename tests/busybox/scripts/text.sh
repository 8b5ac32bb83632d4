# reference: qemu native
# Text processing with the applets a shell runs without exec: sort, awk, head, cut, and
# checksums over generated data.
i=0
while [ $i -lt 200 ]; do
  echo "line $i $(( (i * 7919) % 101 )) name$(( i % 13 ))"
  i=$((i + 1))
done > data.txt
sort -k3 -n data.txt | head -5
sort -t' ' -k4,4 -k2,2nr data.txt | head -3
cut -d' ' -f4 data.txt | sort -u | head -4
awk '{ sum += $3; if ($3 > max) { max = $3; at = $2 } } END { print sum, max, at, NR }' data.txt
awk -F' ' '{ count[$4]++ } END { for (k in count) print k, count[k] }' data.txt | sort
awk 'BEGIN { for (i = 1; i <= 5; i++) printf "%d^2=%d %s\n", i, i * i, substr("abcdef", i, 2) }'
awk '{ gsub(/name/, "N"); if (NR % 50 == 0) print toupper($0), length($0) }' data.txt
sha256sum data.txt
md5sum data.txt
sort -r data.txt | sha256sum
head -c 100 data.txt | md5sum
