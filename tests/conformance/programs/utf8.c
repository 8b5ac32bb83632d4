// UTF-8 by hand: encoding code points, decoding them back with validation, and counting
// characters of a mixed-script string.
#include <stdio.h>
#include <string.h>

#include "portable.h"

static int encode(uint32_t cp, unsigned char* out) {
  if (cp < 0x80) {
    out[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (unsigned char)(0xC0 | cp >> 6);
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (unsigned char)(0xE0 | cp >> 12);
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | cp >> 18);
  out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

// Returns the bytes used, or -1 for a malformed or overlong sequence.
static int decode(const unsigned char* s, uint32_t* cp) {
  static const uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  int length = s[0] < 0x80             ? 1
               : (s[0] & 0xE0) == 0xC0 ? 2
               : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4
                                       : -1;
  if (length < 0) return -1;
  uint32_t v = length == 1 ? s[0] : s[0] & (0x7Fu >> length);
  for (int i = 1; i < length; ++i) {
    if ((s[i] & 0xC0) != 0x80) return -1;
    v = v << 6 | (s[i] & 0x3F);
  }
  if (v < kMinimum[length] || v > 0x10FFFF) return -1;
  *cp = v;
  return length;
}

int main(void) {
  static const uint32_t points[] = {0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0x1F600, 0x10FFFF};
  for (unsigned i = 0; i < sizeof points / sizeof points[0]; ++i) {
    unsigned char bytes[4];
    const int n = encode(points[i], bytes);
    uint32_t back = 0;
    const int used = decode(bytes, &back);
    printf("U+%06" PRIX32 ":", points[i]);
    for (int k = 0; k < n; ++k) printf(" %02X", bytes[k]);
    printf(" -> U+%06" PRIX32 " (%d bytes)\n", back, used);
  }
  const unsigned char text[] = "Grüße, мир, 世界, 🌍!";
  int characters = 0, bytes = 0;
  uint32_t sum = 0;
  for (const unsigned char* p = text; *p;) {
    uint32_t cp;
    const int n = decode(p, &cp);
    if (n < 0) break;
    ++characters;
    bytes += n;
    sum += cp;
    p += n;
  }
  printf("text: %d characters in %d bytes, code point sum %" PRIu32 "\n", characters, bytes, sum);
  static const unsigned char bad[][4] = {
      {0xC0, 0xAF}, {0xE0, 0x80, 0xAF}, {0xFF}, {0x80}, {0xED, 0x41}};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
    uint32_t cp;
    printf("malformed %u: %d\n", i, decode(bad[i], &cp));
  }
  return 0;
}
