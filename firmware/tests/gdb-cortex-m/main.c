// The program the gdb-multiarch tests (tests/gdb) debug at source level: small functions to
// step into, over and out of, a C struct to print, an SVC to step into, a read of its own
// code (which must not see GDB's breakpoints), and a loop that only GDB ends (it sets
// `released`), so a test can interrupt it. Without a debugger it spins forever.
//
// The tests step line by line, so the code of each line must stay where the source has it:
// the whole file is built without optimisation whatever the firmware flags say.
#pragma GCC optimize("O0")

#include <stdint.h>

#include "an385.h"
#include "uart.h"

struct sensor {
  const char* name;
  int32_t offset;
  uint16_t samples[4];
  struct {
    uint8_t channel;
    uint8_t gain;
  } config;
};

// Initialised data: the startup code copies it from flash to RAM before main.
struct sensor thermometer = {"thermo", -40, {100, 200, 300, 400}, {3, 8}};

volatile uint32_t spins;
volatile int released;  // set by GDB to leave spin_until_released
volatile uint32_t svc_calls;
volatile uint32_t average_first_word;  // the first instruction word of average(), as read

int average(const struct sensor* s) {
  int sum = 0;
  for (int i = 0; i < 4; ++i) sum += s->samples[i];
  return sum / 4 + s->offset;
}

// Moves the offset so the average reads `target`; returns the average before.
int calibrate(struct sensor* s, int target) {
  int measured = average(s);
  s->offset += target - measured;
  return measured;
}

// Supervisor call (ARMv7-M ARM B1.5.2: exception 11); overrides the start-up's default.
void SVC_Handler(void) {
  ++svc_calls;
}

void supervisor_call(void) {
  __asm__ volatile("svc #0");
}

void spin_until_released(void) {
  while (!released) ++spins;
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  int before = calibrate(&thermometer, 250);
  int after = average(&thermometer);
  supervisor_call();
  average_first_word = *(volatile const uint32_t*)((uintptr_t)&average & ~(uintptr_t)1);
  spin_until_released();
  uart_printf(AN385_UART0_BASE, "%s: before %d, after %d, offset %ld, %lu svc\n",
              thermometer.name, before, after, (long)thermometer.offset,
              (unsigned long)svc_calls);
  return after == 250 ? 0 : 1;
}
