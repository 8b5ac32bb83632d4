// Recursion: Ackermann, naive Fibonacci, Towers of Hanoi, mutual recursion, permutations,
// and the N-queens count.
#include <stdio.h>

#include "portable.h"

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}
static uint32_t fibonacci(uint32_t n) {
  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);
}
static uint32_t hanoi(int disks, int from, int to, int via, uint32_t* signature) {
  if (disks == 0) return 0;
  uint32_t moves = hanoi(disks - 1, from, via, to, signature);
  *signature = *signature * 31 + (uint32_t)(from * 3 + to);
  return moves + 1 + hanoi(disks - 1, via, to, from, signature);
}
static int is_odd(unsigned n);
static int is_even(unsigned n) {
  return n == 0 ? 1 : is_odd(n - 1);
}
static int is_odd(unsigned n) {
  return n == 0 ? 0 : is_even(n - 1);
}

static int permutation_count;
static void permute(char* items, int k, int n) {
  if (k == n) {
    if (++permutation_count <= 8 || permutation_count == 120) printf("  %s\n", items);
    return;
  }
  for (int i = k; i < n; ++i) {
    char t = items[k];
    items[k] = items[i];
    items[i] = t;
    permute(items, k + 1, n);
    items[i] = items[k];
    items[k] = t;
  }
}
static int queens(int row, int n, uint32_t columns, uint32_t diagonals, uint32_t anti) {
  if (row == n) return 1;
  int count = 0;
  for (int c = 0; c < n; ++c) {
    const uint32_t column = 1u << c, diagonal = 1u << (row + c),
                   anti_diagonal = 1u << (row - c + n);
    if ((columns & column) || (diagonals & diagonal) || (anti & anti_diagonal)) continue;
    count += queens(row + 1, n, columns | column, diagonals | diagonal, anti | anti_diagonal);
  }
  return count;
}

int main(void) {
  printf("ackermann(2,3)=%" PRIu32 " ackermann(3,3)=%" PRIu32 "\n", ackermann(2, 3),
         ackermann(3, 3));
  printf("fibonacci(24)=%" PRIu32 "\n", fibonacci(24));
  uint32_t signature = 0;
  const uint32_t moves = hanoi(12, 0, 2, 1, &signature);
  printf("hanoi(12): %" PRIu32 " moves, signature %08" PRIx32 "\n", moves, signature);
  printf("even(1001)=%d odd(1001)=%d\n", is_even(1001), is_odd(1001));
  char items[] = "abcde";
  permute(items, 0, 5);
  printf("permutations: %d\n", permutation_count);
  for (int n = 4; n <= 8; ++n) printf("queens(%d)=%d\n", n, queens(0, n, 0, 0, 0));
  return 0;
}
