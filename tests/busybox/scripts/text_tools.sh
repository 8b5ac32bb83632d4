# Text tools in pipelines: printf, seq, awk, sed, sort, uniq, tr, cut, grep, head, tail, wc,
# expr, sha256sum. Everything is computed from fixed input, so the output is deterministic.
set -e
printf '%s=%d %05.2f %x %o [%-6s] [%6s]\n' width 42 3.14159 255 8 left right
seq 1 20 | awk '{ sum += $1; sq += $1 * $1 } END { printf "sum %d squares %d mean %.3f\n", sum, sq, sum / NR }'
seq 1 30 | awk '$1 % 3 == 0 { printf "%s ", $1 } END { print "" }'
printf 'banana\napple\ncherry\napple\ndate\nbanana\napple\n' > fruit.txt
sort fruit.txt | uniq -c | sort -k1,1nr -k2 | sed 's/^ *//'
sort -r fruit.txt | head -3 | tr 'a-z' 'A-Z'
sed -n '2,4p; /date/s/d/D/p' fruit.txt
sed -e 's/an/AN/g' -e '/cherry/d' fruit.txt | tr '\n' ' '
echo
cut -c1-3 fruit.txt | sort -u | tr '\n' ','
echo
grep -c apple fruit.txt
grep -n 'an' fruit.txt | tail -2
wc -l < fruit.txt
wc -c fruit.txt | awk '{print $1}'
seq 100 -7 1 | sort -n | awk 'NR % 4 == 1' | tr '\n' ' '
echo
echo "expr: $(expr 7 \* 6) $(expr 100 / 7) $(expr 100 % 7) $(expr length "hello world") $(expr substr abcdef 2 3)"
expr 3 \> 2 && expr abc : 'a\(.*\)'
awk 'BEGIN { for (i = 1; i <= 5; i++) { f = f * i + (i == 1); printf "%d! = %d\n", i, f } }'
awk 'BEGIN { s = "The quick brown fox"; n = split(s, w, " "); for (i = n; i > 0; i--) printf "%s%s", toupper(substr(w[i], 1, 1)) substr(w[i], 2), (i > 1 ? " " : "\n") }'
awk 'BEGIN { printf "%.3f %d %d %s\n", 22 / 7, int(-3.7), 2 * 512, 1e3 + 0.5 }'
seq 1 1000 | sha256sum
printf 'abc' | sha256sum
sha256sum fruit.txt
printf '%s\n' one two three | awk '{ print length($0), $0 }' | sort -n
rm fruit.txt
