// Start-up code for the MPS2 AN385 (Cortex-M3): the vector table with every AN385 interrupt,
// Reset_Handler (copy .data, zero .bss, start the C library, run main, exit with its status)
// and default handlers that report the exception over semihosting instead of hanging.
#include <stdint.h>
#include <stdlib.h>

#include "an385.h"
#include "semihosting_calls.h"

// Status a program exits with when an exception nobody handles is taken.
#define UNEXPECTED_EXCEPTION_STATUS 99

extern uint32_t __data_start__, __data_end__, __data_load__, __bss_start__, __bss_end__;
extern uint32_t __stack;
extern int main(void);
extern void __libc_init_array(void);

// The C library's console set-up; newlib's rdimon (semihosting) provides it. Weak so that a
// program linked without rdimon skips it.
extern void initialise_monitor_handles(void) __attribute__((weak));

void Reset_Handler(void) {
  uint32_t* from = &__data_load__;
  for (uint32_t* to = &__data_start__; to < &__data_end__;) *to++ = *from++;
  for (uint32_t* to = &__bss_start__; to < &__bss_end__;) *to++ = 0;
  if (initialise_monitor_handles) initialise_monitor_handles();
  __libc_init_array();
  exit(main());
}

static void write_hex(char* at, uint32_t value) {
  for (int i = 7; i >= 0; --i, value <<= 4) at[7 - i] = "0123456789abcdef"[value >> 28];
}

// Reports the active exception number (IPSR) and exits, so a stray interrupt or fault ends
// the run with a message instead of a silent hang.
void Default_Handler(void) {
  uint32_t ipsr;
  __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
  char message[] = "unexpected exception 0x........\n";
  write_hex(message + 23, ipsr & 0x1ff);
  semihosting_write0(message);
  semihosting_exit(UNEXPECTED_EXCEPTION_STATUS);
}

#define WEAK_HANDLER(name) void name(void) __attribute__((weak, alias("Default_Handler")))
WEAK_HANDLER(NMI_Handler);
WEAK_HANDLER(HardFault_Handler);
WEAK_HANDLER(MemManage_Handler);
WEAK_HANDLER(BusFault_Handler);
WEAK_HANDLER(UsageFault_Handler);
WEAK_HANDLER(SVC_Handler);
WEAK_HANDLER(DebugMon_Handler);
WEAK_HANDLER(PendSV_Handler);
WEAK_HANDLER(SysTick_Handler);
WEAK_HANDLER(UART0RX_Handler);
WEAK_HANDLER(UART0TX_Handler);
WEAK_HANDLER(UART1RX_Handler);
WEAK_HANDLER(UART1TX_Handler);
WEAK_HANDLER(UART2RX_Handler);
WEAK_HANDLER(UART2TX_Handler);
WEAK_HANDLER(GPIO0_Handler);
WEAK_HANDLER(GPIO1_Handler);
WEAK_HANDLER(TIMER0_Handler);
WEAK_HANDLER(TIMER1_Handler);
WEAK_HANDLER(DUALTIMER_Handler);
WEAK_HANDLER(SPI_Handler);
WEAK_HANDLER(UARTOVF_Handler);
WEAK_HANDLER(ETHERNET_Handler);
WEAK_HANDLER(I2S_Handler);
WEAK_HANDLER(TOUCHSCREEN_Handler);
WEAK_HANDLER(GPIO2_Handler);
WEAK_HANDLER(GPIO3_Handler);
WEAK_HANDLER(UART3RX_Handler);
WEAK_HANDLER(UART3TX_Handler);
WEAK_HANDLER(UART4RX_Handler);
WEAK_HANDLER(UART4TX_Handler);
WEAK_HANDLER(SPI2_Handler);
WEAK_HANDLER(SPI3_4_Handler);

typedef void (*vector_t)(void);

// ARMv7-M ARM B1.5.3: word 0 is the initial main stack pointer, word n the handler of
// exception n; external interrupt k is exception 16 + k.
__attribute__((section(".vectors"),
               used)) static const vector_t vector_table[16 + AN385_IRQ_COUNT] = {
    (vector_t)&__stack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0,
    0,
    0,
    0,  // reserved
    SVC_Handler,
    DebugMon_Handler,
    0,  // reserved
    PendSV_Handler,
    SysTick_Handler,
    [16 + AN385_IRQ_UART0_RX] = UART0RX_Handler,
    [16 + AN385_IRQ_UART0_TX] = UART0TX_Handler,
    [16 + AN385_IRQ_UART1_RX] = UART1RX_Handler,
    [16 + AN385_IRQ_UART1_TX] = UART1TX_Handler,
    [16 + AN385_IRQ_UART2_RX] = UART2RX_Handler,
    [16 + AN385_IRQ_UART2_TX] = UART2TX_Handler,
    [16 + AN385_IRQ_GPIO0] = GPIO0_Handler,
    [16 + AN385_IRQ_GPIO1] = GPIO1_Handler,
    [16 + AN385_IRQ_TIMER0] = TIMER0_Handler,
    [16 + AN385_IRQ_TIMER1] = TIMER1_Handler,
    [16 + AN385_IRQ_DUALTIMER] = DUALTIMER_Handler,
    [16 + AN385_IRQ_SPI] = SPI_Handler,
    [16 + AN385_IRQ_UART_OVERFLOW] = UARTOVF_Handler,
    [16 + AN385_IRQ_ETHERNET] = ETHERNET_Handler,
    [16 + AN385_IRQ_AUDIO_I2S] = I2S_Handler,
    [16 + AN385_IRQ_TOUCHSCREEN] = TOUCHSCREEN_Handler,
    [16 + AN385_IRQ_GPIO2] = GPIO2_Handler,
    [16 + AN385_IRQ_GPIO3] = GPIO3_Handler,
    [16 + AN385_IRQ_UART3_RX] = UART3RX_Handler,
    [16 + AN385_IRQ_UART3_TX] = UART3TX_Handler,
    [16 + AN385_IRQ_UART4_RX] = UART4RX_Handler,
    [16 + AN385_IRQ_UART4_TX] = UART4TX_Handler,
    [16 + AN385_IRQ_SPI2] = SPI2_Handler,
    [16 + AN385_IRQ_SPI3_4] = SPI3_4_Handler,
    [16 + 24 ... 16 + AN385_IRQ_COUNT - 1] = Default_Handler,  // unused lines 24..31
};
