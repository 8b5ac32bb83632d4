/* UART output and the simulation exit for bare-metal MIPS32 on malta-mini. */
#include "malta.h"

void uart_putc(char c) {
  while (!(MALTA_UART[UART_LSR] & UART_LSR_THRE)) {
  }
  MALTA_UART[UART_THR] = (uint8_t)c;
}

void uart_puts(const char *s) {
  while (*s) {
    uart_putc(*s++);
  }
}

void uart_put_decimal(uint32_t v) {
  char digits[10];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) uart_putc(digits[--n]);
}

void uart_put_hex(uint32_t v) {
  uart_puts("0x");
  for (int shift = 28; shift >= 0; shift -= 4) uart_putc("0123456789abcdef"[(v >> shift) & 15]);
}

/* The device's registers are in the core's byte order: the code is stored as it is. */
void exit_simulation(int code) {
  SIMCTRL[SIMCTRL_EXIT] = (uint32_t)code;
  for (;;) {
  }
}
