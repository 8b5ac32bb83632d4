// The ARM MPS2 AN385 board (Cortex-M3 at 25 MHz) as firmware sees it: addresses and
// interrupt numbers from ARM Application Note AN385 (sections 3.1 memory map and 3.4
// interrupt map) and the Cortex-M3 System Control Space (ARMv7-M ARM, B3.2).
#ifndef ANVIL_FIRMWARE_AN385_H
#define ANVIL_FIRMWARE_AN385_H

#include <stdint.h>

#define AN385_CPU_HZ 25000000u

// APB peripherals (CMSDK).
#define AN385_TIMER0_BASE 0x40000000u
#define AN385_TIMER1_BASE 0x40001000u
#define AN385_DUALTIMER_BASE 0x40002000u
#define AN385_UART0_BASE 0x40004000u

// External interrupt numbers (NVIC lines), AN385 section 3.4.
enum an385_irq {
  AN385_IRQ_UART0_RX = 0,
  AN385_IRQ_UART0_TX = 1,
  AN385_IRQ_UART1_RX = 2,
  AN385_IRQ_UART1_TX = 3,
  AN385_IRQ_UART2_RX = 4,
  AN385_IRQ_UART2_TX = 5,
  AN385_IRQ_GPIO0 = 6,
  AN385_IRQ_GPIO1 = 7,
  AN385_IRQ_TIMER0 = 8,
  AN385_IRQ_TIMER1 = 9,
  AN385_IRQ_DUALTIMER = 10,
  AN385_IRQ_SPI = 11,
  AN385_IRQ_UART_OVERFLOW = 12,
  AN385_IRQ_ETHERNET = 13,
  AN385_IRQ_AUDIO_I2S = 14,
  AN385_IRQ_TOUCHSCREEN = 15,
  AN385_IRQ_GPIO2 = 16,
  AN385_IRQ_GPIO3 = 17,
  AN385_IRQ_UART3_RX = 18,
  AN385_IRQ_UART3_TX = 19,
  AN385_IRQ_UART4_RX = 20,
  AN385_IRQ_UART4_TX = 21,
  AN385_IRQ_SPI2 = 22,
  AN385_IRQ_SPI3_4 = 23,
  AN385_IRQ_COUNT = 32,  // lines 24..31 are unused on AN385
};

// Volatile register access: peripheral registers are read and written exactly once each.
static inline uint32_t mmio_read(uint32_t address) {
  return *(volatile uint32_t*)address;
}
static inline void mmio_write(uint32_t address, uint32_t value) {
  *(volatile uint32_t*)address = value;
}

// System Control Space (ARMv7-M ARM B3.2.2, B3.3.2, B3.4.3).
#define SCS_ICSR 0xE000ED04u   // Interrupt Control and State: PENDSVSET is bit 28
#define SCS_SHPR3 0xE000ED20u  // priorities of PendSV (bits 23:16) and SysTick (31:24)
#define SCS_SHCSR 0xE000ED24u
#define SCS_CFSR 0xE000ED28u  // Configurable Fault Status (MMFSR | BFSR << 8 | UFSR << 16)
#define SCS_HFSR 0xE000ED2Cu
#define SCS_BFAR 0xE000ED38u
#define SYST_CSR 0xE000E010u   // SysTick Control and Status
#define SYST_RVR 0xE000E014u   // SysTick Reload Value
#define SYST_CVR 0xE000E018u   // SysTick Current Value
#define NVIC_ISER 0xE000E100u  // Set-Enable, one bit per line, 32 lines per word
#define NVIC_ICER 0xE000E180u
#define NVIC_ISPR 0xE000E200u  // Set-Pending
#define NVIC_ICPR 0xE000E280u
#define NVIC_IPR 0xE000E400u  // one priority byte per line

#define ICSR_PENDSVSET (1u << 28)

static inline void nvic_enable(unsigned irq) {
  mmio_write(NVIC_ISER + 4 * (irq / 32), 1u << (irq % 32));
}
static inline void nvic_disable(unsigned irq) {
  mmio_write(NVIC_ICER + 4 * (irq / 32), 1u << (irq % 32));
}
static inline void nvic_set_pending(unsigned irq) {
  mmio_write(NVIC_ISPR + 4 * (irq / 32), 1u << (irq % 32));
}
static inline void nvic_clear_pending(unsigned irq) {
  mmio_write(NVIC_ICPR + 4 * (irq / 32), 1u << (irq % 32));
}
// Priority bytes are written whole: AN385 implements the top 3 bits, so use multiples of 0x20.
static inline void nvic_set_priority(unsigned irq, uint8_t priority) {
  *(volatile uint8_t*)(NVIC_IPR + irq) = priority;
}

#endif
