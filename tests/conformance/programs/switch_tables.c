// switch statements: dense ones (compiled to TBB/TBH jump tables on Thumb-2), sparse ones
// (compare chains), fall-through, and a table-driven state machine.
#include <stdio.h>

#include "portable.h"

static const char* dense(int v) {
  switch (v) {
    case 0:
      return "zero";
    case 1:
      return "one";
    case 2:
      return "two";
    case 3:
      return "three";
    case 4:
      return "four";
    case 5:
      return "five";
    case 6:
      return "six";
    case 7:
      return "seven";
    case 8:
      return "eight";
    case 9:
      return "nine";
    default:
      return "many";
  }
}

static int sparse(uint32_t v) {
  switch (v) {
    case 1:
      return 10;
    case 100:
      return 20;
    case 1000:
      return 30;
    case 65536:
      return 40;
    case 0x7FFFFFFFu:
      return 50;
    case 0xFFFFFFFFu:
      return 60;
    default:
      return -1;
  }
}

static int fall_through(int v) {
  int r = 0;
  switch (v) {
    case 0:
      r += 1;  // fall through
    case 1:
      r += 10;  // fall through
    case 2:
      r += 100;
      break;
    case 3:
      r += 1000;  // fall through
    default:
      r += 10000;
  }
  return r;
}

// Counts words, numbers and other symbols in a text with a state machine.
static void scan(const char* text) {
  enum { kSpace, kWord, kNumber } state = kSpace;
  int words = 0, numbers = 0, symbols = 0;
  for (const char* p = text; *p; ++p) {
    const int c = (unsigned char)*p;
    const int kind = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? 1
                     : (c >= '0' && c <= '9')                         ? 2
                     : c == ' '                                       ? 0
                                                                      : 3;
    switch (state) {
      case kSpace:
        switch (kind) {
          case 1:
            state = kWord;
            ++words;
            break;
          case 2:
            state = kNumber;
            ++numbers;
            break;
          case 3:
            ++symbols;
            break;
        }
        break;
      case kWord:
      case kNumber:
        if (kind == 0)
          state = kSpace;
        else if (kind == 3) {
          ++symbols;
          state = kSpace;
        }
        break;
    }
  }
  printf("scan: %d words, %d numbers, %d symbols\n", words, numbers, symbols);
}

int main(void) {
  for (int v = -1; v <= 11; ++v) printf("%d:%s ", v, dense(v));
  printf("\n");
  static const uint32_t probes[] = {0, 1, 100, 101, 1000, 65536, 0x7FFFFFFFu, 0xFFFFFFFFu};
  for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; ++i) printf("%d ", sparse(probes[i]));
  printf("\n");
  for (int v = 0; v <= 4; ++v) printf("%d ", fall_through(v));
  printf("\n");
  scan("The 3 little pigs built 2 houses, then 1 more! Total: 3 + 3 = 6.");
  uint32_t accumulated = 0;
  for (uint32_t i = 0; i < 20000; ++i) {
    switch (i % 12) {
      case 0:
        accumulated += i;
        break;
      case 1:
        accumulated ^= i << 3;
        break;
      case 2:
        accumulated -= i >> 1;
        break;
      case 3:
        accumulated *= 3;
        break;
      case 4:
        accumulated = (accumulated << 5) | (accumulated >> 27);
        break;
      case 5:
        accumulated += 0x9E3779B9u;
        break;
      case 6:
        accumulated ^= accumulated >> 13;
        break;
      case 7:
        accumulated += i * i;
        break;
      case 8:
        accumulated -= 12345;
        break;
      case 9:
        accumulated ^= 0xA5A5A5A5u;
        break;
      case 10:
        accumulated = ~accumulated;
        break;
      default:
        accumulated += 1;
        break;
    }
  }
  printf("accumulated: %08" PRIx32 "\n", accumulated);
  return 0;
}
