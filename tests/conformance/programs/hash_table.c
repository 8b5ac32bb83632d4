// A chained hash table keyed by strings: word counting over a generated text, deletion,
// and the final counts in sorted order.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portable.h"

struct entry {
  char* key;
  uint32_t count;
  struct entry* next;
};
enum { kBuckets = 61 };
static struct entry* buckets[kBuckets];

static uint32_t hash(const char* s) {
  uint32_t h = 5381;
  while (*s) h = h * 33 + (unsigned char)*s++;
  return h;
}
static struct entry* find(const char* key, int create) {
  struct entry** slot = &buckets[hash(key) % kBuckets];
  for (struct entry* e = *slot; e; e = e->next) {
    if (strcmp(e->key, key) == 0) return e;
  }
  if (!create) return NULL;
  struct entry* e = malloc(sizeof *e);
  e->key = malloc(strlen(key) + 1);
  strcpy(e->key, key);
  e->count = 0;
  e->next = *slot;
  *slot = e;
  return e;
}
static int remove_key(const char* key) {
  for (struct entry** link = &buckets[hash(key) % kBuckets]; *link; link = &(*link)->next) {
    if (strcmp((*link)->key, key) == 0) {
      struct entry* dead = *link;
      *link = dead->next;
      free(dead->key);
      free(dead);
      return 1;
    }
  }
  return 0;
}
static int by_key(const void* a, const void* b) {
  return strcmp((*(struct entry* const*)a)->key, (*(struct entry* const*)b)->key);
}

int main(void) {
  static const char* const syllables[] = {"an", "vil", "ko", "re", "mi", "sta", "lu", "x"};
  uint32_t state = 99;
  for (int i = 0; i < 3000; ++i) {
    char word[16] = "";
    state = state * 1103515245u + 12345u;
    const int parts = 1 + (int)((state >> 16) % 3);
    for (int p = 0; p < parts; ++p) {
      state = state * 1103515245u + 12345u;
      strcat(word, syllables[(state >> 16) % 8]);
    }
    find(word, 1)->count++;
  }
  printf("removed: %d %d\n", remove_key("an"), remove_key("nothing"));
  struct entry* all[1000];
  int n = 0;
  uint32_t longest_chain = 0;
  for (int b = 0; b < kBuckets; ++b) {
    uint32_t chain = 0;
    for (struct entry* e = buckets[b]; e; e = e->next, ++chain) all[n++] = e;
    if (chain > longest_chain) longest_chain = chain;
  }
  qsort(all, (size_t)n, sizeof all[0], by_key);
  printf("%d distinct words, longest chain %" PRIu32 "\n", n, longest_chain);
  for (int i = 0; i < n; i += 23) printf("%s=%" PRIu32 " ", all[i]->key, all[i]->count);
  printf("\n");
  const struct entry* e = find("vilko", 0);
  printf("vilko: %" PRIu32 "\n", e ? e->count : 0);
  return 0;
}
