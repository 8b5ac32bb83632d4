// Interrupt test firmware for the MPS2 AN385: SysTick, the CMSDK timer's interrupt, nested
// priorities (a higher-priority interrupt preempts a lower one, a lower one waits), PRIMASK,
// and PendSV context switching between two tasks driven by SysTick. Every line it prints
// depends only on the order of events, never on how fast the host runs, so the output is
// compared byte for byte with expected-output.txt (on qemu and on Anvil).
#include <stdint.h>

#include "an385.h"
#include "scheduler.h"
#include "uart.h"

#define say(...) uart_printf(AN385_UART0_BASE, __VA_ARGS__)

// CMSDK APB timer (ARM DDI 0479, section 4.4).
enum { TIMER_CTRL = 0x00, TIMER_VALUE = 0x04, TIMER_RELOAD = 0x08, TIMER_INTCLEAR = 0x0C };
#define TIMER_CTRL_ENABLE 1u
#define TIMER_CTRL_IRQ_ENABLE 8u

// SysTick (ARMv7-M ARM B3.3.3): ENABLE, TICKINT, CLKSOURCE = processor clock.
#define SYST_CSR_ENABLE_TICKINT_CPUCLK 7u
#define TICK_CYCLES (AN385_CPU_HZ / 1000u)  // 1 ms

// Exception priorities: smaller is more urgent; AN385 implements the top 3 bits.
#define PRIORITY_HIGH 0x40
#define PRIORITY_SYSTICK 0x80
#define PRIORITY_LOW 0xC0
#define PRIORITY_PENDSV 0xE0

static inline void barrier(void) {
  __asm__ volatile("dsb\n\tisb" ::: "memory");
}
// Sleeps until *counter reaches target. The check and the WFI run with PRIMASK set, so an
// interrupt that arrives in between still wakes the WFI (ARMv7-M ARM B1.5.19) instead of
// being missed and leaving the core asleep for ever.
static void wait_until(volatile uint32_t* counter, uint32_t target) {
  for (;;) {
    __asm__ volatile("cpsid i" ::: "memory");
    if (*counter >= target) break;
    __asm__ volatile("wfi\n\tcpsie i" ::: "memory");
  }
  __asm__ volatile("cpsie i" ::: "memory");
}
static inline uint32_t active_exception(void) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr & 0x1ff;
}

static volatile uint32_t ticks;
static volatile uint32_t timer0_count;
static volatile int high_ran;
static volatile int low_ran;

// Which part of the test the interrupt handlers play in.
static enum { kPhaseTimer, kPhaseNestedFromLow, kPhaseNestedFromHigh, kPhaseMasked } phase;

void SysTick_Handler(void) {
  ++ticks;
  scheduler_tick();
}

// Timer 0's interrupt, low priority.
void TIMER0_Handler(void) {
  mmio_write(AN385_TIMER0_BASE + TIMER_INTCLEAR, 1);
  switch (phase) {
    case kPhaseTimer:
      if (++timer0_count == 3) mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, 0);
      break;
    case kPhaseNestedFromLow:
      say("  low: enter (exception %lu)\n", (unsigned long)active_exception());
      say("  low: pending high\n");
      nvic_set_pending(AN385_IRQ_TIMER1);
      barrier();  // the preemption happens here, before the next line
      say("  low: back, high ran %d time(s)\n", high_ran);
      break;
    default:
      say("  low: runs after high, high ran %d time(s)\n", high_ran);
      break;
  }
  low_ran++;
}

// Timer 1's interrupt line, high priority, only ever pended by software.
void TIMER1_Handler(void) {
  high_ran++;
  switch (phase) {
    case kPhaseNestedFromLow:
      say("    high: preempts low (exception %lu)\n", (unsigned long)active_exception());
      break;
    case kPhaseNestedFromHigh:
      say("  high: enter (exception %lu), pending low\n", (unsigned long)active_exception());
      nvic_set_pending(AN385_IRQ_TIMER0);
      barrier();  // low must not preempt: it waits until this handler returns
      say("  high: exit, low ran %d time(s)\n", low_ran);
      break;
    default:
      say("  high: runs once PRIMASK is clear\n");
      break;
  }
}

static void test_systick(void) {
  say("systick: 1 ms period\n");
  mmio_write(SYST_RVR, TICK_CYCLES - 1);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_ENABLE_TICKINT_CPUCLK);
  wait_until(&ticks, 5);
  mmio_write(SYST_CSR, 0);
  say("systick: %lu ticks counted\n", (unsigned long)ticks);
}

static void test_timer(void) {
  say("timer0: reload every 10000 cycles\n");
  phase = kPhaseTimer;
  nvic_enable(AN385_IRQ_TIMER0);
  mmio_write(AN385_TIMER0_BASE + TIMER_RELOAD, 10000);
  mmio_write(AN385_TIMER0_BASE + TIMER_VALUE, 10000);
  mmio_write(AN385_TIMER0_BASE + TIMER_CTRL, TIMER_CTRL_ENABLE | TIMER_CTRL_IRQ_ENABLE);
  wait_until(&timer0_count, 3);
  say("timer0: %lu interrupts, timer stopped\n", (unsigned long)timer0_count);
}

// Pends `first_irq` in phase `which`; the handlers print the order in which they ran.
static void nesting_case(const char* title, int which, unsigned first_irq) {
  say("nesting: %s\n", title);
  phase = which;
  high_ran = low_ran = 0;
  nvic_set_pending(first_irq);
  barrier();
  say("nesting: done, low %d, high %d\n", low_ran, high_ran);
}

static void test_nesting(void) {
  nvic_enable(AN385_IRQ_TIMER1);

  nesting_case("high-priority interrupt raised inside a low-priority handler", kPhaseNestedFromLow,
               AN385_IRQ_TIMER0);
  nesting_case("low-priority interrupt raised inside a high-priority handler", kPhaseNestedFromHigh,
               AN385_IRQ_TIMER1);

  say("primask: interrupts masked\n");
  phase = kPhaseMasked;
  high_ran = 0;
  __asm__ volatile("cpsid i" ::: "memory");
  nvic_set_pending(AN385_IRQ_TIMER1);
  barrier();
  say("primask: pending while masked, high ran %d time(s)\n", high_ran);
  __asm__ volatile("cpsie i" ::: "memory");
  barrier();
  say("primask: unmasked, high ran %d time(s)\n", high_ran);
  nvic_disable(AN385_IRQ_TIMER0);
  nvic_disable(AN385_IRQ_TIMER1);
}

// Two tasks whose running totals live in registers and locals across every switch: if the
// context switch lost a register, the totals would come out wrong.
static void task_fibonacci(void) {
  uint32_t a = 0, b = 1;
  for (int step = 0; step < 4; ++step) {
    for (int i = 0; i < 5; ++i) {
      const uint32_t next = a + b;
      a = b;
      b = next;
    }
    say("  task fib: step %d, fib = %lu\n", step, (unsigned long)a);
    scheduler_yield();
  }
}

static void task_squares(void) {
  uint32_t sum = 0;
  for (int step = 0; step < 6; ++step) {
    sum += (uint32_t)(step * step);
    say("  task squares: step %d, sum = %lu\n", step, (unsigned long)sum);
    scheduler_yield();
  }
}

static void test_scheduler(void) {
  say("scheduler: two tasks, switched by PendSV on SysTick\n");
  ticks = 0;
  mmio_write(SYST_RVR, TICK_CYCLES - 1);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_ENABLE_TICKINT_CPUCLK);
  const uint32_t switches = scheduler_run(task_fibonacci, task_squares);
  mmio_write(SYST_CSR, 0);
  say("scheduler: both tasks finished after %lu switches\n", (unsigned long)switches);
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  say("irq-cortex-m: interrupt tests on Cortex-M3 (MPS2 AN385)\n");
  // SHPR3 (B3.2.12): PendSV priority in bits 23:16, SysTick in bits 31:24.
  mmio_write(SCS_SHPR3, ((uint32_t)PRIORITY_SYSTICK << 24) | ((uint32_t)PRIORITY_PENDSV << 16));
  nvic_set_priority(AN385_IRQ_TIMER0, PRIORITY_LOW);
  nvic_set_priority(AN385_IRQ_TIMER1, PRIORITY_HIGH);

  test_systick();
  test_timer();
  test_nesting();
  test_scheduler();
  say("irq-cortex-m: all done\n");
  return 0;
}
