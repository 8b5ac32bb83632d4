// Polled transmit driver for the CMSDK APB UART (ARM CoreLink SDK DDI 0479, section 4.3).
#ifndef ANVIL_FIRMWARE_UART_H
#define ANVIL_FIRMWARE_UART_H

#include <stdint.h>

// Enables the transmitter of the UART at `base`.
void uart_init(uint32_t base);
void uart_putc(uint32_t base, char c);
void uart_puts(uint32_t base, const char* text);
// printf to the UART through newlib's vsnprintf; lines longer than 255 bytes are cut.
void uart_printf(uint32_t base, const char* format, ...) __attribute__((format(printf, 2, 3)));

#endif
