# reference: qemu native
# Arithmetic and formatting in one shell process: expr, $(( )), printf, test, seq.
expr 12345 \* 6789
expr 100 / 7 % 5
expr length "anvil simulator"
expr substr "anvil simulator" 7 3
echo $(( (1 << 20) - 1 )) $(( -17 / 5 )) $(( -17 % 5 )) $(( 0x7fffffff + 1 ))
printf '%d %5d|%-5d|%05d %x %X %o\n' 42 42 42 42 255 255 8
printf '%s=%s;' a 1 b 2 c; echo
printf '%c%c%c\n' A B C
printf '%.3s|%10.4s|\n' abcdef abcdef
n=1; f=1
while [ $n -le 12 ]; do f=$((f * n)); n=$((n + 1)); done
echo "12! = $f"
[ 5 -gt 3 ] && echo gt; [ abc = abc ] && echo eq; [ -z "" ] && echo empty
seq 1 3 20
seq -s, 10 -2 1
