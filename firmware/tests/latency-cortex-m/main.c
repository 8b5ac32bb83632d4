// Interrupt latency firmware for the MPS2 AN385: the core is busy (counting in a loop, never
// sleeping) while CMSDK timer 0 interrupts it every 5000 timer cycles. The handler records the
// loop count and SysTick's current value at its entry. Both depend on the exact cycle the
// interrupt arrives, so the output is the same for every --quantum only if a device's
// interrupt reaches the busy core on its own cycle, not at the next synchronisation point.
// Anvil-only: qemu does not model cycles, so its counts differ run to run.
#include <stdint.h>

#include "an385.h"
#include "uart.h"

#define say(...) uart_printf(AN385_UART0_BASE, __VA_ARGS__)

// CMSDK APB timer (ARM DDI 0479, section 4.4).
enum { TIMER_CTRL = 0x00, TIMER_VALUE = 0x04, TIMER_RELOAD = 0x08, TIMER_INTCLEAR = 0x0C };
#define TIMER_CTRL_ENABLE 1u
#define TIMER_CTRL_IRQ_ENABLE 8u
#define SYST_CSR_ENABLE_CPUCLK 5u  // ENABLE, CLKSOURCE = processor clock, no interrupt
#define SAMPLES 5

static volatile uint32_t loop_count;
static volatile uint32_t samples;
static uint32_t at_count[SAMPLES];
static uint32_t at_systick[SAMPLES];

void TIMER0_Handler(void) {
  const uint32_t systick = mmio_read(SYST_CVR);
  mmio_write(AN385_TIMER0_BASE + TIMER_INTCLEAR, 1);
  if (samples < SAMPLES) {
    at_count[samples] = loop_count;
    at_systick[samples] = systick;
    ++samples;
  }
  if (samples == SAMPLES) mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, 0);
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  say("latency-cortex-m: timer 0 interrupts a busy loop every 5000 cycles\n");
  mmio_write(SYST_RVR, 0x00FFFFFFu);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_ENABLE_CPUCLK);
  nvic_enable(AN385_IRQ_TIMER0);
  mmio_write(AN385_TIMER0_BASE + TIMER_RELOAD, 5000 - 1);
  mmio_write(AN385_TIMER0_BASE + TIMER_VALUE, 5000 - 1);
  mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, TIMER_CTRL_ENABLE | TIMER_CTRL_IRQ_ENABLE);
  while (samples < SAMPLES) ++loop_count;
  for (uint32_t i = 0; i < SAMPLES; ++i)
    say("  interrupt %lu: loop count %lu, SysTick %lu\n", (unsigned long)i,
        (unsigned long)at_count[i], (unsigned long)at_systick[i]);
  say("latency-cortex-m: done\n");
  return 0;
}
