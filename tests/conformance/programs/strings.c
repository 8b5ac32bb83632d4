// <string.h>: lengths, copies, comparisons (sign of the result only), searches, tokenising,
// overlapping moves.
#include <stdio.h>
#include <string.h>

static int sign(int v) {
  return (v > 0) - (v < 0);
}

int main(void) {
  char buffer[128];
  strcpy(buffer, "Anvil");
  strcat(buffer, " simulates");
  volatile size_t keep = 10;  // volatile: GCC would warn about the (intended) truncation
  strncat(buffer, " Cortex-M3 cores and more", keep);
  printf("built: \"%s\" (%u)\n", buffer, (unsigned)strlen(buffer));
  printf("compare: %d %d %d %d\n", sign(strcmp("abc", "abd")), sign(strcmp("b", "abc")),
         sign(strncmp("hello", "help", 3)), sign(memcmp("\x01\xff", "\x01\x7f", 2)));
  const char* text = "the quick brown fox jumps over the lazy dog";
  printf("strchr: %s\n", strchr(text, 'q'));
  printf("strrchr: %s\n", strrchr(text, 'o'));
  printf("strstr: %s | %s\n", strstr(text, "fox"), strstr(text, "cat") ? "found" : "(none)");
  printf("spans: %u %u\n", (unsigned)strspn(text, "the "), (unsigned)strcspn(text, "xyz"));
  printf("strpbrk: %s\n", strpbrk(text, "jz"));
  char words[64];
  strcpy(words, "alpha,beta;;gamma , delta");
  int count = 0;
  for (char* token = strtok(words, ",; "); token; token = strtok(NULL, ",; ")) {
    printf("token %d: %s\n", ++count, token);
  }
  char overlap[32] = "0123456789abcdef";
  memmove(overlap + 4, overlap, 10);
  printf("memmove forward: %s\n", overlap);
  memmove(overlap, overlap + 6, 8);
  printf("memmove backward: %s\n", overlap);
  memset(overlap + 2, '*', 5);
  printf("memset: %s\n", overlap);
  char reversed[64];
  const size_t n = strlen(text);
  for (size_t i = 0; i < n; ++i) reversed[i] = text[n - 1 - i];
  reversed[n] = '\0';
  printf("reversed: %s\n", reversed);
  unsigned vowels = 0;
  for (const char* p = text; *p; ++p) vowels += strchr("aeiou", *p) != NULL;
  printf("vowels: %u, memchr: %s\n", vowels, (const char*)memchr(text, 'z', n));
  char copy[16];
  strncpy(copy, "abcdefghijklmnopqrstuvwxyz", sizeof copy - 1);
  copy[sizeof copy - 1] = '\0';
  printf("strncpy: %s\n", copy);
  return 0;
}
