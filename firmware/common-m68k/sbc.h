/* The Anvil 68000 SBC's devices (platforms/boards/m68k-sbc.lua): an MC68681 DUART at
   0xF00000 (register n at base + 2n + 1, IRQ level 4, autovectored) and the simulator-control
   device at 0xFF0000 in big-endian order (docs/devices/simctrl.md). */
#ifndef SBC_H
#define SBC_H

#include <stdint.h>

#define DUART_BASE 0xF00000u
#define DUART_REG(n) (*(volatile uint8_t *)(DUART_BASE + 2u * (n) + 1u))
#define DUART_MRA DUART_REG(0)
#define DUART_SRA DUART_REG(1) /* read: status A; write: clock select A */
#define DUART_CRA DUART_REG(2)
#define DUART_THRA DUART_REG(3) /* write: transmit A; read: receive A */
#define DUART_ACR DUART_REG(4)
#define DUART_ISR DUART_REG(5) /* read: interrupt status; write: interrupt mask */
#define DUART_CTUR DUART_REG(6)
#define DUART_CTLR DUART_REG(7)
#define DUART_STOP_COUNTER DUART_REG(15) /* read: stop-counter command */

#define DUART_SR_TXRDY 0x04
#define DUART_ISR_COUNTER 0x08

#define SIMCTRL_BASE 0xFF0000u
#define SIMCTRL_EXIT (*(volatile uint32_t *)(SIMCTRL_BASE + 4u))
#define SIMCTRL_CYCLES_LO (*(volatile uint32_t *)(SIMCTRL_BASE + 8u))

void sbc_exit(int code) __attribute__((noreturn));
void duart_putc(char c);
void duart_puts(const char *s);
void duart_put_decimal(uint32_t value);

#endif
