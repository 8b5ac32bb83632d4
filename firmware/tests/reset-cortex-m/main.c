// Board-reset test firmware for the MPS2 AN385 (tests/gdb case monitor-reset-board): it
// changes device state a reset must undo (timer 0 running with its interrupt enabled, the
// UART's divider and transmitter, a .data global in RAM), then stops in
// state_changed() where the debugger resets the board. After the reset it runs again from
// the reset vector, and the global it prints is the image's initial value again.
#include <stdint.h>

#include "an385.h"
#include "uart.h"

// CMSDK APB timer (ARM DDI 0479, section 4.4).
enum { TIMER_CTRL = 0x00, TIMER_VALUE = 0x04, TIMER_RELOAD = 0x08 };
#define TIMER_CTRL_ENABLE 1u
#define TIMER_CTRL_IRQ_ENABLE 8u

// Initialised data: in RAM, copied from flash by the startup code.
volatile uint32_t reset_seed = 0x5EED1234u;
// Counts runs of main across resets only as far as RAM keeps it; the startup code zeroes it.
volatile uint32_t runs;

// The debugger's breakpoint: the device state has changed here.
__attribute__((noinline)) void state_changed(void) {
  __asm__ volatile("" ::: "memory");
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  ++runs;
  uart_printf(AN385_UART0_BASE, "seed %08lx\n", (unsigned long)reset_seed);
  mmio_write(AN385_TIMER0_BASE + TIMER_RELOAD, 0x00100000u);
  mmio_write(AN385_TIMER0_BASE + TIMER_VALUE, 0x00100000u);
  mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, TIMER_CTRL_ENABLE | TIMER_CTRL_IRQ_ENABLE);
  reset_seed = 0xC0FFEE00u;
  state_changed();
  mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, 0);
  return 0;
}
