/* hello-m68k-sbc: prints through the MC68681's channel A, runs the DUART's counter/timer
   at 800 Hz (timer mode, X1 = 3.6864 MHz, CTUR:CTLR = 2304: a square wave of 2 x 2304
   clocks) with its interrupt on level 4, sleeps in STOP between ticks, then exits through
   the simulator-control device. The expected output is expected-output.txt. */
#include "sbc.h"

static volatile uint32_t ticks;

/* Called from the level-4 autovector (start.S). */
void duart_interrupt(void) {
  if (DUART_ISR & DUART_ISR_COUNTER) {
    (void)DUART_STOP_COUNTER; /* clears ISR[3]; the timer keeps running */
    ++ticks;
  }
}

int main(void) {
  DUART_CRA = 0x05; /* enable receiver and transmitter A */
  duart_puts("Hello from the 68000 SBC\n");

  DUART_CTUR = 2304 >> 8;
  DUART_CTLR = 2304 & 0xFF;
  DUART_ISR = DUART_ISR_COUNTER;                         /* IMR: counter ready only */
  DUART_ACR = 0x60;                                      /* counter/timer: timer mode, X1 clock */
  __asm__ volatile("move.w #0x2000, %%sr" ::: "memory"); /* supervisor, interrupts on */

  uint32_t seen = 0;
  while (seen < 5) {
    __asm__ volatile("stop #0x2000" ::: "memory"); /* sleep until the next interrupt */
    if (ticks != seen) {
      seen = ticks;
      duart_puts("tick ");
      duart_put_decimal(seen);
      duart_puts("\n");
    }
  }
  __asm__ volatile("move.w #0x2700, %%sr" ::: "memory");
  duart_puts("done\n");
  return 0;
}
