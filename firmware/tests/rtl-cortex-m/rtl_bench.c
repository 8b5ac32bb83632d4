// Benchmark for RTL co-simulation (scripts/rtl-bench, docs/rtl-cosim.md): the same compute
// loop with the RTL timer of mps2-an385-rtl.lua idle (clock gated), busy (counting on every
// cycle, no interrupts) or interrupting every 1000 cycles. The mode is the first argument
// (anvil run ... -- busy). It prints a checksum so a run that computes something else shows.
#include <stdint.h>
#include <string.h>

#include "an385.h"
#include "uart.h"

#define say(...) uart_printf(AN385_UART0_BASE, __VA_ARGS__)

#define TIMER_BASE 0x40030000u
#define TIMER_IRQ 24u
#define SCB_VTOR 0xE000ED08u

static volatile unsigned interrupts;
static void (*ram_vectors[16 + AN385_IRQ_COUNT])(void) __attribute__((aligned(256)));

static void timer_handler(void) {
  ++interrupts;
  mmio_write(TIMER_BASE + 0x14, 1);  // clear MATCH
}

static uint32_t crc32_step(uint32_t crc, uint32_t word) {
  crc ^= word;
  for (int bit = 0; bit < 32; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
  return crc;
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  const char* mode = BENCH_MODE;
  void (*const* rom)(void) = (void (*const*)(void))0;
  for (unsigned i = 0; i < 16 + AN385_IRQ_COUNT; ++i) ram_vectors[i] = rom[i];
  ram_vectors[16 + TIMER_IRQ] = timer_handler;
  mmio_write(SCB_VTOR, (uint32_t)ram_vectors);
  if (strcmp(mode, "busy") == 0) {
    mmio_write(TIMER_BASE + 0x08, 0xFFFFFFFFu);  // COMPARE: never matches in this run
    mmio_write(TIMER_BASE + 0x00, 1);            // EN
  } else if (strcmp(mode, "irq") == 0) {
    mmio_write(TIMER_BASE + 0x08, 999);
    nvic_enable(TIMER_IRQ);
    mmio_write(TIMER_BASE + 0x00, 3);  // EN | IRQEN
  }
  uint32_t crc = 0xFFFFFFFFu;
  for (uint32_t i = 0; i < 200000; ++i) crc = crc32_step(crc, i);
  mmio_write(TIMER_BASE + 0x00, 0);
  say("rtl-bench %s: crc 0x%08lx, timer COUNT %lu, %u interrupts\n", mode, (unsigned long)crc,
      (unsigned long)mmio_read(TIMER_BASE + 0x0C), interrupts);
  return 0;
}
