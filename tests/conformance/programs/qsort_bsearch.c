// qsort and bsearch with integer and struct keys (all keys distinct: qsort is not stable).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portable.h"

struct person {
  char name[12];
  int32_t age;
};

static int by_value(const void* a, const void* b) {
  const int32_t x = *(const int32_t*)a, y = *(const int32_t*)b;
  return (x > y) - (x < y);
}
static int by_value_descending(const void* a, const void* b) {
  return by_value(b, a);
}
static int by_age_then_name(const void* a, const void* b) {
  const struct person* p = a;
  const struct person* q = b;
  if (p->age != q->age) return (p->age > q->age) - (p->age < q->age);
  return strcmp(p->name, q->name);
}

int main(void) {
  enum { kCount = 500 };
  static int32_t values[kCount];
  for (int32_t i = 0; i < kCount; ++i) values[i] = (i * 7919) % 1009 - 500;  // distinct
  qsort(values, kCount, sizeof values[0], by_value);
  printf("ascending: %" PRId32 " %" PRId32 " %" PRId32 " ... %" PRId32 "\n", values[0], values[1],
         values[2], values[kCount - 1]);
  int sorted = 1;
  for (int i = 1; i < kCount; ++i) sorted &= values[i - 1] < values[i];
  printf("sorted: %d\n", sorted);
  for (int32_t key = -503; key <= 509; key += 101) {
    const int32_t* found = bsearch(&key, values, kCount, sizeof values[0], by_value);
    printf("bsearch %" PRId32 ": %s", key, found ? "found" : "missing");
    if (found) printf(" at %d", (int)(found - values));
    printf("\n");
  }
  qsort(values, kCount, sizeof values[0], by_value_descending);
  printf("descending: %" PRId32 " %" PRId32 "\n", values[0], values[kCount - 1]);
  struct person people[] = {{"mallory", 40}, {"alice", 30}, {"bob", 30},  {"eve", 25},
                            {"carol", 35},   {"dave", 25},  {"trent", 40}};
  const size_t n = sizeof people / sizeof people[0];
  qsort(people, n, sizeof people[0], by_age_then_name);
  for (size_t i = 0; i < n; ++i) printf("%s(%" PRId32 ") ", people[i].name, people[i].age);
  printf("\n");
  return 0;
}
