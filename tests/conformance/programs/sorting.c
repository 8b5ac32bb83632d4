// Sorting algorithms written out: insertion, shell, merge, heap and quick sort on the same
// pseudo-random data; each result is checked and summarised by a position-weighted checksum.
#include <stdio.h>
#include <string.h>

#include "portable.h"

enum { kCount = 3000 };

static void insertion_sort(int32_t* a, int n) {
  for (int i = 1; i < n; ++i) {
    const int32_t v = a[i];
    int j = i - 1;
    for (; j >= 0 && a[j] > v; --j) a[j + 1] = a[j];
    a[j + 1] = v;
  }
}
static void shell_sort(int32_t* a, int n) {
  for (int gap = n / 2; gap > 0; gap /= 2) {
    for (int i = gap; i < n; ++i) {
      const int32_t v = a[i];
      int j = i;
      for (; j >= gap && a[j - gap] > v; j -= gap) a[j] = a[j - gap];
      a[j] = v;
    }
  }
}
static void merge_sort(int32_t* a, int32_t* scratch, int n) {
  if (n < 2) return;
  const int half = n / 2;
  merge_sort(a, scratch, half);
  merge_sort(a + half, scratch, n - half);
  int i = 0, j = half, k = 0;
  while (i < half && j < n) scratch[k++] = a[i] <= a[j] ? a[i++] : a[j++];
  while (i < half) scratch[k++] = a[i++];
  while (j < n) scratch[k++] = a[j++];
  memcpy(a, scratch, (size_t)n * sizeof *a);
}
static void sift_down(int32_t* a, int root, int n) {
  for (int child; (child = 2 * root + 1) < n; root = child) {
    if (child + 1 < n && a[child + 1] > a[child]) ++child;
    if (a[root] >= a[child]) return;
    const int32_t t = a[root];
    a[root] = a[child];
    a[child] = t;
  }
}
static void heap_sort(int32_t* a, int n) {
  for (int i = n / 2 - 1; i >= 0; --i) sift_down(a, i, n);
  for (int end = n - 1; end > 0; --end) {
    const int32_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end);
  }
}
static void quick_sort(int32_t* a, int lo, int hi) {
  while (lo < hi) {
    const int32_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i <= j) {
        const int32_t t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (j - lo < hi - i) {
      quick_sort(a, lo, j);
      lo = i;
    } else {
      quick_sort(a, i, hi);
      hi = j;
    }
  }
}

static int32_t original[kCount], work[kCount], scratch[kCount];

static void report(const char* name) {
  int sorted = 1;
  uint32_t checksum = 0;
  for (int i = 0; i < kCount; ++i) {
    if (i && work[i - 1] > work[i]) sorted = 0;
    checksum = checksum * 2654435761u + (uint32_t)work[i] * (uint32_t)(i + 1);
  }
  printf("%-9s sorted %d checksum %08" PRIx32 " min %" PRId32 " median %" PRId32 " max %" PRId32
         "\n",
         name, sorted, checksum, work[0], work[kCount / 2], work[kCount - 1]);
}

int main(void) {
  uint32_t state = 12345;
  for (int i = 0; i < kCount; ++i) {
    state = state * 1664525u + 1013904223u;
    original[i] = (int32_t)(state >> 8) % 100000 - 50000;  // duplicates allowed
  }
  memcpy(work, original, sizeof work);
  insertion_sort(work, kCount);
  report("insertion");
  memcpy(work, original, sizeof work);
  shell_sort(work, kCount);
  report("shell");
  memcpy(work, original, sizeof work);
  merge_sort(work, scratch, kCount);
  report("merge");
  memcpy(work, original, sizeof work);
  heap_sort(work, kCount);
  report("heap");
  memcpy(work, original, sizeof work);
  quick_sort(work, 0, kCount - 1);
  report("quick");
  return 0;
}
