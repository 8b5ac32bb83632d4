// RTL co-simulation test firmware for the MPS2 AN385 with the RTL blocks of
// platforms/boards/mps2-an385-rtl.lua: the APB timer (peripherals/rtl/verilog/apb_timer.v),
// the APB GPIO (apb_gpio.v) and the AXI4-Lite accumulator (docs/rtl-cosim.md). It reads the
// blocks' registers back, measures the timer's interrupt period in CPU cycles through the
// NVIC, toggles looped-back GPIO pins and takes their edge and level interrupts, and checks
// that a slave error (PSLVERR, SLVERR) reaches the core as a precise BusFault
// (ARMv7-M ARM B1.5.14, B3.2.15). Every line it prints is exact: the same output is
// expected from the RTL timer and from its C++ model (mps2-an385-tlm-timer.lua).
#include <stdint.h>

#include "an385.h"
#include "semihosting_calls.h"
#include "uart.h"

#define say(...) uart_printf(AN385_UART0_BASE, __VA_ARGS__)

// The blocks (platforms/boards/mps2-an385-rtl.lua): lines 24..26 are unused on AN385.
#define TIMER_BASE 0x40030000u
#define GPIO_BASE 0x40031000u
#define ACCUMULATOR_BASE 0x40032000u
#define TIMER_IRQ 24u
#define GPIO_IRQ 25u
#define ACCUMULATOR_IRQ 26u

// apb_timer.v registers
#define TIMER_CTRL (TIMER_BASE + 0x00)
#define TIMER_PRESCALE (TIMER_BASE + 0x04)
#define TIMER_COMPARE (TIMER_BASE + 0x08)
#define TIMER_COUNT (TIMER_BASE + 0x0C)
#define TIMER_DUTY (TIMER_BASE + 0x10)
#define TIMER_STATUS (TIMER_BASE + 0x14)
#define TIMER_ID (TIMER_BASE + 0x18)
#define TIMER_EN 1u
#define TIMER_IRQEN 2u
#define TIMER_PWMEN 4u

// apb_gpio.v registers
#define GPIO_DATA_OUT (GPIO_BASE + 0x00)
#define GPIO_DIR (GPIO_BASE + 0x04)
#define GPIO_DATA_IN (GPIO_BASE + 0x08)
#define GPIO_IRQ_EN (GPIO_BASE + 0x0C)
#define GPIO_IRQ_EDGE (GPIO_BASE + 0x10)
#define GPIO_IRQ_POL (GPIO_BASE + 0x14)
#define GPIO_IRQ_STATUS (GPIO_BASE + 0x18)
#define GPIO_ID (GPIO_BASE + 0x1C)

// axil_accumulator.v registers
#define ACC_ADD (ACCUMULATOR_BASE + 0x00)
#define ACC_SUM (ACCUMULATOR_BASE + 0x04)
#define ACC_COUNT (ACCUMULATOR_BASE + 0x08)
#define ACC_THRESHOLD (ACCUMULATOR_BASE + 0x0C)

// anvil-simctrl (docs/devices/simctrl.md): CYCLES counts edges of the 25 MHz board clock,
// which is also the CPU's.
#define SIMCTRL_CYCLES_LO 0x400ff008u
#define SCB_VTOR 0xE000ED08u
#define SHCSR_BUSFAULTENA (1u << 17)

static volatile uint32_t timer_stamps[8];
static volatile unsigned timer_interrupts;
static volatile unsigned gpio_interrupts;
static volatile uint32_t gpio_status_seen;
static volatile unsigned accumulator_interrupts;
static volatile unsigned bus_faults;
static volatile uint32_t last_cfsr, last_bfar;

static uint32_t cycles(void) { return mmio_read(SIMCTRL_CYCLES_LO); }

static void timer_handler(void) {
  const uint32_t now = cycles();
  if (timer_interrupts < 8) timer_stamps[timer_interrupts] = now;
  ++timer_interrupts;
  mmio_write(TIMER_STATUS, 1);  // clear MATCH: the interrupt drops
}

static void gpio_handler(void) {
  const uint32_t status = mmio_read(GPIO_IRQ_STATUS) & mmio_read(GPIO_IRQ_EN);
  gpio_status_seen |= status;
  ++gpio_interrupts;
  mmio_write(GPIO_IRQ_STATUS, status);                             // clears edge pins
  if (status & 2u) mmio_write(GPIO_DATA_OUT, mmio_read(GPIO_DATA_OUT) & ~2u);  // level pin 1
}

static void accumulator_handler(void) {
  ++accumulator_interrupts;
  mmio_write(ACC_THRESHOLD, 0);  // irq needs THRESHOLD != 0
}

// A precise BusFault stacks the faulting instruction's address; the probes below are
// 16-bit LDR/STR (T1 encodings), so the handler resumes after them.
void BusFault_Handler(void) __attribute__((naked));
void BusFault_Handler(void) {
  __asm volatile(
      "mrs r0, msp\n"
      "ldr r1, [r0, #24]\n"  // stacked PC (ARMv7-M B1.5.6: r0-r3, r12, lr, pc, xpsr)
      "adds r1, r1, #2\n"
      "str r1, [r0, #24]\n"
      "push {lr}\n"
      "bl bus_fault_seen\n"
      "pop {pc}\n");
}

void bus_fault_seen(void) {
  ++bus_faults;
  last_cfsr = mmio_read(SCS_CFSR);
  last_bfar = mmio_read(SCS_BFAR);
  mmio_write(SCS_CFSR, last_cfsr);  // write-one-to-clear
}

static uint32_t probe_load(uint32_t address) {
  register uint32_t base __asm__("r1") = address;
  register uint32_t value __asm__("r0") = 0xFFFFFFFFu;
  __asm volatile("ldr r0, [r1]\n" : "+r"(value) : "r"(base) : "memory");
  return value;
}

static void probe_store(uint32_t address, uint32_t data) {
  register uint32_t base __asm__("r1") = address;
  register uint32_t value __asm__("r0") = data;
  __asm volatile("str r0, [r1]\n" : : "r"(value), "r"(base) : "memory");
}

// The vector table in RAM, with handlers for lines 24..26 (VTOR, ARMv7-M B3.2.5).
static void (*ram_vectors[16 + AN385_IRQ_COUNT])(void) __attribute__((aligned(256)));

static void install_vectors(void) {
  void (*const* rom)(void) = (void (*const*)(void))0;
  for (unsigned i = 0; i < 16 + AN385_IRQ_COUNT; ++i) ram_vectors[i] = rom[i];
  ram_vectors[5] = BusFault_Handler;
  ram_vectors[16 + TIMER_IRQ] = timer_handler;
  ram_vectors[16 + GPIO_IRQ] = gpio_handler;
  ram_vectors[16 + ACCUMULATOR_IRQ] = accumulator_handler;
  mmio_write(SCB_VTOR, (uint32_t)ram_vectors);
  mmio_write(SCS_SHCSR, mmio_read(SCS_SHCSR) | SHCSR_BUSFAULTENA);
}

// Checking the counter and sleeping must not be split by the interrupt: with PRIMASK set,
// a pending interrupt still wakes WFI (ARMv7-M B1.5.19) and is taken once PRIMASK clears.
static void wait_for_interrupts(volatile unsigned* counter, unsigned count) {
  __asm volatile("cpsid i" ::: "memory");
  while (*counter < count) {
    __asm volatile("wfi");
    __asm volatile("cpsie i\n isb\n cpsid i" ::: "memory");
  }
  __asm volatile("cpsie i" ::: "memory");
}

static void timer_registers(void) {
  say("timer: ID=0x%08lx\n", (unsigned long)mmio_read(TIMER_ID));
  say("timer: after reset CTRL=%lu PRESCALE=%lu COMPARE=0x%08lx COUNT=%lu STATUS=%lu\n",
      (unsigned long)mmio_read(TIMER_CTRL), (unsigned long)mmio_read(TIMER_PRESCALE),
      (unsigned long)mmio_read(TIMER_COMPARE), (unsigned long)mmio_read(TIMER_COUNT),
      (unsigned long)mmio_read(TIMER_STATUS));
  mmio_write(TIMER_PRESCALE, 0x12345);  // 16 bits kept
  mmio_write(TIMER_COMPARE, 0xCAFE);
  mmio_write(TIMER_COUNT, 77);
  mmio_write(TIMER_DUTY, 5);
  say("timer: PRESCALE=0x%lx COMPARE=0x%lx COUNT=%lu DUTY=%lu\n",
      (unsigned long)mmio_read(TIMER_PRESCALE), (unsigned long)mmio_read(TIMER_COMPARE),
      (unsigned long)mmio_read(TIMER_COUNT), (unsigned long)mmio_read(TIMER_DUTY));
}

// Four interrupts, (PRESCALE + 1) * (COMPARE + 1) cycles apart.
static void timer_period(uint32_t prescale, uint32_t compare) {
  timer_interrupts = 0;
  mmio_write(TIMER_COUNT, 0);
  mmio_write(TIMER_PRESCALE, prescale);
  mmio_write(TIMER_COMPARE, compare);
  mmio_write(TIMER_CTRL, TIMER_EN | TIMER_IRQEN);
  wait_for_interrupts(&timer_interrupts, 4);
  mmio_write(TIMER_CTRL, 0);
  say("timer: prescale %lu compare %lu: periods %lu %lu %lu cycles (expected %lu)\n",
      (unsigned long)prescale, (unsigned long)compare,
      (unsigned long)(timer_stamps[1] - timer_stamps[0]),
      (unsigned long)(timer_stamps[2] - timer_stamps[1]),
      (unsigned long)(timer_stamps[3] - timer_stamps[2]),
      (unsigned long)((prescale + 1) * (compare + 1)));
}

// The counter and the PWM output seen from the bus, at instants fixed by the instruction
// stream alone: the RTL and the C++ model must agree cycle for cycle.
static void timer_counting(void) {
  mmio_write(TIMER_COUNT, 0);
  mmio_write(TIMER_PRESCALE, 1);
  mmio_write(TIMER_COMPARE, 1000);
  mmio_write(TIMER_DUTY, 20);
  mmio_write(TIMER_CTRL, TIMER_EN | TIMER_PWMEN);
  const uint32_t first = mmio_read(TIMER_COUNT);
  const uint32_t pwm_early = mmio_read(TIMER_STATUS);
  for (volatile int i = 0; i < 20; ++i) {
  }
  const uint32_t second = mmio_read(TIMER_COUNT);
  const uint32_t pwm_late = mmio_read(TIMER_STATUS);
  mmio_write(TIMER_CTRL, 0);
  const uint32_t stopped = mmio_read(TIMER_COUNT);
  for (volatile int i = 0; i < 20; ++i) {
  }
  say("timer: COUNT %lu then %lu, STATUS 0x%lx then 0x%lx, stopped at %lu, still %lu\n",
      (unsigned long)first, (unsigned long)second, (unsigned long)pwm_early,
      (unsigned long)pwm_late, (unsigned long)stopped, (unsigned long)mmio_read(TIMER_COUNT));
}

static void slave_errors(void) {
  bus_faults = 0;
  const uint32_t value = probe_load(TIMER_BASE + 0x100);
  say("timer: load from offset 0x100: BusFault %u, CFSR=0x%08lx BFAR=0x%08lx, value 0x%08lx\n",
      bus_faults, (unsigned long)last_cfsr, (unsigned long)last_bfar, (unsigned long)value);
  probe_store(TIMER_ID, 1);
  say("timer: store to ID: BusFault %u, CFSR=0x%08lx\n", bus_faults, (unsigned long)last_cfsr);
  probe_store(ACCUMULATOR_BASE + 0x20, 1);
  say("accumulator: store to offset 0x20 (SLVERR): BusFault %u, CFSR=0x%08lx\n", bus_faults,
      (unsigned long)last_cfsr);
}

static void gpio(void) {
  say("gpio: ID=0x%08lx\n", (unsigned long)mmio_read(GPIO_ID));
  mmio_write(GPIO_DIR, 0x0F);  // pins 0-3 out; 4-7 undriven (read 0)
  mmio_write(GPIO_DATA_OUT, 0xA5);
  const uint32_t at_once = mmio_read(GPIO_DATA_IN);  // still in the synchronizer
  const uint32_t later = mmio_read(GPIO_DATA_IN);
  say("gpio: DATA_OUT=0x%02lx DATA_IN right after 0x%02lx, then 0x%02lx\n",
      (unsigned long)mmio_read(GPIO_DATA_OUT), (unsigned long)at_once, (unsigned long)later);
  // Pin 0: rising edge. Pin 1: level, active high (the handler drives it low again).
  mmio_write(GPIO_DATA_OUT, 0);
  mmio_write(GPIO_IRQ_EDGE, 1);
  mmio_write(GPIO_IRQ_POL, 3);
  mmio_write(GPIO_IRQ_STATUS, 0xFF);
  mmio_write(GPIO_IRQ_EN, 3);
  nvic_enable(GPIO_IRQ);
  for (unsigned i = 0; i < 3; ++i) {
    mmio_write(GPIO_DATA_OUT, 1);
    wait_for_interrupts(&gpio_interrupts, i + 1);
    mmio_write(GPIO_DATA_OUT, 0);  // the falling edge does not interrupt
  }
  mmio_write(GPIO_DATA_OUT, 2);
  wait_for_interrupts(&gpio_interrupts, 4);
  say("gpio: %u interrupts, pins seen 0x%02lx, DATA_IN now 0x%02lx, IRQ_STATUS 0x%02lx\n",
      gpio_interrupts, (unsigned long)gpio_status_seen, (unsigned long)mmio_read(GPIO_DATA_IN),
      (unsigned long)mmio_read(GPIO_IRQ_STATUS));
  nvic_disable(GPIO_IRQ);
}

static void accumulator(void) {
  mmio_write(ACC_ADD, 10);
  mmio_write(ACC_ADD, 20);
  mmio_write(ACC_ADD, 30);
  say("accumulator: SUM=%lu COUNT=%lu\n", (unsigned long)mmio_read(ACC_SUM),
      (unsigned long)mmio_read(ACC_COUNT));
  *(volatile uint8_t*)(ACC_SUM + 1) = 0x01;  // WSTRB 0b0010: SUM = 60 + 256
  say("accumulator: after a byte write SUM=%lu COUNT=%lu\n", (unsigned long)mmio_read(ACC_SUM),
      (unsigned long)mmio_read(ACC_COUNT));
  nvic_enable(ACCUMULATOR_IRQ);
  mmio_write(ACC_THRESHOLD, 400);
  mmio_write(ACC_ADD, 50);
  say("accumulator: SUM=%lu, %u interrupts below THRESHOLD\n", (unsigned long)mmio_read(ACC_SUM),
      accumulator_interrupts);
  mmio_write(ACC_ADD, 100);
  wait_for_interrupts(&accumulator_interrupts, 1);
  say("accumulator: SUM=%lu, %u interrupt at THRESHOLD\n", (unsigned long)mmio_read(ACC_SUM),
      accumulator_interrupts);
  nvic_disable(ACCUMULATOR_IRQ);
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  install_vectors();
  say("rtl-cortex-m: RTL blocks on the AN385 bus\n");
  timer_registers();
  nvic_enable(TIMER_IRQ);
  timer_period(0, 999);
  timer_period(4, 199);
  timer_period(9, 249);
  nvic_disable(TIMER_IRQ);
  timer_counting();
  slave_errors();
  gpio();
  accumulator();
  say("rtl-cortex-m: done\n");
  return 0;
}
