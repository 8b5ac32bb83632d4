/* IRQs on an A-profile core: the CMSDK timer (ARM DDI 0479, 4.4) interrupts through the
   core's IRQ line; the handler counts and acknowledges; main() sleeps in WFI between them and
   prints from both sides. Ends through the simulator-control device's EXIT register. */
#include <stdint.h>

#define UART0 0x40004000u
#define TIMER0 0x40000000u
#define SIMCTRL 0x400ff000u

static inline void write32(uint32_t address, uint32_t value) {
  *(volatile uint32_t*)address = value;
}
static inline uint32_t read32(uint32_t address) {
  return *(volatile uint32_t*)address;
}

static void putc_uart(char c) {
  while (read32(UART0 + 0x04) & 1u) { /* TX buffer full */
  }
  write32(UART0 + 0x00, (uint8_t)c);
}
static void puts_uart(const char* s) {
  while (*s) putc_uart(*s++);
}
static void put_number(uint32_t n) {
  char digits[11];
  int i = 0;
  do {
    digits[i++] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  while (i) putc_uart(digits[--i]);
}

static volatile uint32_t ticks;
static volatile uint32_t handler_mode;

void irq_handler(void) {
  uint32_t cpsr;
  __asm__ volatile("mrs %0, cpsr" : "=r"(cpsr));
  handler_mode = cpsr & 0x1F;
  write32(TIMER0 + 0x0C, 1); /* INTCLEAR */
  ++ticks;
}

int main(void) {
  write32(UART0 + 0x10, 16); /* BAUDDIV */
  write32(UART0 + 0x08, 1);  /* TX enable */
  puts_uart("irq-arm-a: timer interrupts on the IRQ line\n");
  write32(TIMER0 + 0x08, 10000); /* RELOAD */
  write32(TIMER0 + 0x04, 10000); /* VALUE */
  write32(TIMER0 + 0x00, 0x9);   /* enable, interrupt enable */
  __asm__ volatile("cpsie i");
  uint32_t seen = 0;
  while (seen < 5) {
    __asm__ volatile("wfi");
    if (ticks != seen) {
      seen = ticks;
      puts_uart("tick ");
      put_number(seen);
      puts_uart(" in mode 0x");
      putc_uart("0123456789abcdef"[handler_mode >> 4]);
      putc_uart("0123456789abcdef"[handler_mode & 0xF]);
      putc_uart('\n');
    }
  }
  write32(TIMER0 + 0x00, 0);
  puts_uart("done\n");
  write32(SIMCTRL + 0x04, 0); /* EXIT(0) */
  for (;;) {
  }
}
