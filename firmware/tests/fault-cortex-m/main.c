// Bus-fault test firmware for the MPS2 AN385: a load from an address where nothing is mapped
// must raise a precise BusFault, escalated to HardFault because BusFault is not enabled
// (ARMv7-M ARM B1.5.14). The handler prints the fault status registers and exits with
// status 3. Built with LOCKUP_IN_HARDFAULT, the handler faults again, which locks the core
// up (B1.5.15): there is nothing left to run, and the simulator must say so and stop.
#include <stdint.h>

#include "an385.h"
#include "semihosting_calls.h"
#include "uart.h"

#define say(...) uart_printf(AN385_UART0_BASE, __VA_ARGS__)

// Unmapped on the AN385 (section 3.1): between the SSRAM2/3 and PSRAM blocks and the APB
// peripherals at 0x40000000 nothing answers at 0x30000000.
#define UNMAPPED_ADDRESS 0x30000000u
#define HANDLED_FAULT_STATUS 3

void HardFault_Handler(void) {
#ifdef LOCKUP_IN_HARDFAULT
  say("hardfault: faulting again inside the handler\n");
  (void)mmio_read(UNMAPPED_ADDRESS);
  say("hardfault: still running after a fault in HardFault (wrong)\n");
  semihosting_exit(1);
#else
  const uint32_t hfsr = mmio_read(SCS_HFSR);
  const uint32_t cfsr = mmio_read(SCS_CFSR);
  say("hardfault: HFSR=0x%08lx CFSR=0x%08lx\n", (unsigned long)hfsr, (unsigned long)cfsr);
  // CFSR.BFARVALID (bit 15) says BFAR holds the faulting address.
  if (cfsr & (1u << 15)) say("hardfault: BFAR=0x%08lx\n", (unsigned long)mmio_read(SCS_BFAR));
  say("hardfault: exiting with status %d\n", HANDLED_FAULT_STATUS);
  semihosting_exit(HANDLED_FAULT_STATUS);
#endif
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  say("fault-cortex-m: loading from 0x%08lx\n", (unsigned long)UNMAPPED_ADDRESS);
  const uint32_t value = mmio_read(UNMAPPED_ADDRESS);
  say("fault-cortex-m: the load returned 0x%08lx and did not fault (wrong)\n",
      (unsigned long)value);
  return 1;
}
