/* hello-mips: bare-metal MIPS32r2 on malta-mini. Prints through the 16550, takes three
 * CP0 Count/Compare timer interrupts (IP7, MIPS32 PRA 9.13) while sleeping in WAIT, and exits
 * through the simulator-control device. */
#include "malta.h"

#define STATUS_IE 0x00000001u
#define STATUS_IM7 0x00008000u
#define STATUS_BEV 0x00400000u
#define CAUSE_IP7 0x00008000u
#define CAUSE_EXCCODE(c) (((c) >> 2) & 0x1Fu)
#define TICK_COUNTS 50000u /* Count runs at half the core clock: 1 ms at 100 MHz */
#define TICKS 3u

static volatile uint32_t ticks;

void exception_handler(uint32_t cause, uint32_t epc) {
  if (CAUSE_EXCCODE(cause) == 0 && (cause & CAUSE_IP7)) {
    ++ticks;
    CP0_WRITE(11, CP0_READ(11) + TICK_COUNTS); /* a Compare write clears the interrupt */
    return;
  }
  uart_puts("unexpected exception, cause ");
  uart_put_hex(cause);
  uart_puts(" epc ");
  uart_put_hex(epc);
  uart_puts("\n");
  exit_simulation(1);
}

int main(void) {
  const union {
    uint32_t word;
    uint8_t bytes[4];
  } probe = {0x01020304};
  uart_puts("Hello from MIPS32r2, ");
  uart_puts(probe.bytes[0] == 0x01 ? "big" : "little");
  uart_puts("-endian\n");

  CP0_WRITE(11, CP0_READ(9) + TICK_COUNTS);
  CP0_WRITE(12, STATUS_BEV | STATUS_IM7 | STATUS_IE);
  uint32_t seen = 0;
  while (seen < TICKS) {
    __asm__ volatile("wait");
    if (ticks != seen) {
      seen = ticks;
      uart_puts("tick ");
      uart_put_decimal(seen);
      uart_puts("\n");
    }
  }
  CP0_WRITE(12, STATUS_BEV);
  uart_puts("timer interrupts: ");
  uart_put_decimal(ticks);
  uart_puts("\n");
  return 0;
}
