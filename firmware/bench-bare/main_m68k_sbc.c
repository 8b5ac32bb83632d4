/* bench-bare on the 68000 SBC: runs the workload and prints its checksum on the DUART. */
#include "sbc.h"
#include "workload.h"

static void put_hex(uint32_t value) {
  duart_puts("0x");
  for (int shift = 28; shift >= 0; shift -= 4)
    duart_putc("0123456789abcdef"[(value >> shift) & 0xF]);
}

/* start.S's level-4 autovector calls this; the benchmark enables no interrupt. */
void duart_interrupt(void) {}

int main(void) {
  DUART_CRA = 0x05; /* enable receiver and transmitter A */
  const uint32_t checksum = bench_bare_checksum();
  duart_puts("bench-bare checksum ");
  put_hex(checksum);
  duart_puts("\n");
  return 0;
}
