/* The malta-mini board as bare-metal MIPS32 code sees it (platforms/boards/malta-mini.lua):
 * the CBUS UART and the simulator-control device through kseg1, and the CP0 accessors. */
#ifndef ANVIL_FIRMWARE_MALTA_H
#define ANVIL_FIRMWARE_MALTA_H

#include <stdint.h>

/* Malta's CBUS UART (16550) at physical 0x1F000900: 32-bit registers 8 bytes apart. */
#define MALTA_UART ((volatile uint32_t *)0xBF000900u)
#define UART_THR 0
#define UART_LSR (5 * 2) /* register 5 at byte offset 0x28: word index 10 */
#define UART_LSR_THRE 0x20u

/* anvil-simctrl at physical 0x1F010000 (docs/devices/simctrl.md): registers in the core's byte
 * order (malta-mini.lua sets order = "big", malta-mini-el.lua the default little). */
#define SIMCTRL ((volatile uint32_t *)0xBF010000u)
#define SIMCTRL_EXIT 1

#define CP0_READ(reg)                               \
  ({                                                \
    uint32_t v_;                                    \
    __asm__ volatile("mfc0 %0, $" #reg : "=r"(v_)); \
    v_;                                             \
  })
#define CP0_WRITE(reg, value) \
  __asm__ volatile("mtc0 %0, $" #reg "\n\tehb" : : "r"((uint32_t)(value)))

void uart_putc(char c);
void uart_puts(const char *s);
void uart_put_decimal(uint32_t v);
void uart_put_hex(uint32_t v);
void exit_simulation(int code) __attribute__((noreturn));

#endif
