// The demo `scripts/run` shows: a banner and a self-check on the MPS2 AN385's UART0, then a
// semihosting exit with 0 when every check holds (1 otherwise).
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "an385.h"
#include "uart.h"

static void say(const char* text) {
  uart_puts(AN385_UART0_BASE, text);
}

// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), bit by bit.
static uint32_t crc32(const void* data, size_t length) {
  const uint8_t* bytes = data;
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < length; ++i) {
    crc ^= bytes[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1u));
  }
  return ~crc;
}

static int failures;

static void check(const char* what, int ok) {
  char line[96];
  snprintf(line, sizeof line, "  %-34s %s\n", what, ok ? "ok" : "FAILED");
  say(line);
  if (!ok) ++failures;
}

int main(void) {
  uart_init(AN385_UART0_BASE);
  say("Anvil demo on Cortex-M3 (MPS2 AN385)\n");
  say("self-check:\n");

  // The CRC-32 check value of "123456789" is 0xCBF43926 (the standard's test vector).
  static const char kCheckInput[] = "123456789";
  const uint32_t crc = crc32(kCheckInput, strlen(kCheckInput));
  check("crc32(\"123456789\") == 0xcbf43926", crc == 0xCBF43926u);

  // A table computed at run time: squares of 0..255, CRC'd as bytes.
  static uint32_t squares[256];
  for (uint32_t i = 0; i < 256; ++i) squares[i] = i * i;
  const uint32_t table_crc = crc32(squares, sizeof squares);

  // The volatile copies keep the compiler from folding the arithmetic at build time.
  volatile int32_t minus_seven = -7, two = 2;
  volatile uint64_t big = 0x123456789ull, factor = 1000003;
  check("-7 / 2 == -3 and -7 % 2 == -1", minus_seven / two == -3 && minus_seven % two == -1);
  check("0x123456789 * 1000003", big * factor == 0x123456789ull * 1000003ull);
  check("64-bit division", (big * factor) / factor == big);
  volatile uint32_t sum = 0;
  for (uint32_t i = 1; i <= 1000; ++i) sum += i;
  check("sum 1..1000 == 500500", sum == 500500);

  char line[96];
  snprintf(line, sizeof line, "crc32 of the squares table: 0x%08lx\n", (unsigned long)table_crc);
  say(line);
  snprintf(line, sizeof line, "pi is roughly %.6f\n", 355.0 / 113.0);
  say(line);
  say(failures == 0 ? "self-check passed\n" : "self-check FAILED\n");
  return failures == 0 ? 0 : 1;
}
