#include "uart.h"

#include <stdarg.h>
#include <stdio.h>

#include "an385.h"

// CMSDK APB UART registers (DDI 0479 table 4-5).
enum {
  UART_DATA = 0x00,
  UART_STATE = 0x04,  // bit 0: TX buffer full
  UART_CTRL = 0x08,   // bit 0: TX enable
  UART_BAUDDIV = 0x10,
};
#define UART_STATE_TXFULL 1u
#define UART_CTRL_TX_ENABLE 1u

void uart_init(uint32_t base) {
  // The divider must be at least 16 (DDI 0479 4.3.2); the simulated line has no real baud rate.
  mmio_write(base + UART_BAUDDIV, 16);
  mmio_write(base + UART_CTRL, UART_CTRL_TX_ENABLE);
}

void uart_putc(uint32_t base, char c) {
  while (mmio_read(base + UART_STATE) & UART_STATE_TXFULL) {
  }
  mmio_write(base + UART_DATA, (uint8_t)c);
}

void uart_puts(uint32_t base, const char* text) {
  while (*text) uart_putc(base, *text++);
}

void uart_printf(uint32_t base, const char* format, ...) {
  char line[256];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  uart_puts(base, line);
}
