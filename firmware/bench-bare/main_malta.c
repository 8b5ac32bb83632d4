/* bench-bare on malta-mini (MIPS32r2): runs the workload and prints its checksum on the
   16550, then exits through the simulator-control device. */
#include "malta.h"
#include "workload.h"

/* start.S sends every exception here; the benchmark takes none. */
void exception_handler(uint32_t cause, uint32_t epc) {
  (void)epc;
  uart_puts("unexpected exception, cause ");
  uart_put_hex(cause);
  uart_puts("\n");
  exit_simulation(1);
}

int main(void) {
  uart_puts("bench-bare checksum ");
  const uint32_t checksum = bench_bare_checksum();
  uart_put_hex(checksum);
  uart_puts("\n");
  return 0;
}
