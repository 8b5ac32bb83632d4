/* Console and exit for the 68000 SBC. No libgcc: Debian's is built for the 68020, so the
   decimal conversion below subtracts powers of ten instead of dividing. */
#include "sbc.h"

void sbc_exit(int code) {
  SIMCTRL_EXIT = (uint32_t)code;
  for (;;) {
  }
}

void duart_putc(char c) {
  while (!(DUART_SRA & DUART_SR_TXRDY)) {
  }
  DUART_THRA = (uint8_t)c;
}

void duart_puts(const char *s) {
  while (*s) {
    if (*s == '\n') duart_putc('\r');
    duart_putc(*s++);
  }
}

void duart_put_decimal(uint32_t value) {
  static const uint32_t powers[] = {1000000000u, 100000000u, 10000000u, 1000000u, 100000u,
                                    10000u,      1000u,      100u,      10u,      1u};
  int started = 0;
  for (unsigned i = 0; i < sizeof powers / sizeof powers[0]; ++i) {
    char digit = '0';
    while (value >= powers[i]) {
      value -= powers[i];
      ++digit;
    }
    if (digit != '0' || started || i == 9) {
      duart_putc(digit);
      started = 1;
    }
  }
}
