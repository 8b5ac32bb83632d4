// Matrices: integer multiply, exact determinant by fraction-free (Bareiss) elimination in
// 64-bit, and a double-precision multiply-and-transpose checksum.
#include <stdio.h>

#include "portable.h"

enum { kSize = 24 };

static int64_t determinant(int64_t m[][6], int n) {  // Bareiss: every division is exact
  int64_t previous = 1;
  int sign = 1;
  for (int k = 0; k < n - 1; ++k) {
    if (m[k][k] == 0) {
      int swap = k + 1;
      while (swap < n && m[swap][k] == 0) ++swap;
      if (swap == n) return 0;
      for (int j = 0; j < n; ++j) {
        const int64_t t = m[k][j];
        m[k][j] = m[swap][j];
        m[swap][j] = t;
      }
      sign = -sign;
    }
    for (int i = k + 1; i < n; ++i) {
      for (int j = k + 1; j < n; ++j) m[i][j] = (m[i][j] * m[k][k] - m[i][k] * m[k][j]) / previous;
    }
    previous = m[k][k];
  }
  return sign * m[n - 1][n - 1];
}

int main(void) {
  static int32_t a[kSize][kSize], b[kSize][kSize], c[kSize][kSize];
  for (int i = 0; i < kSize; ++i) {
    for (int j = 0; j < kSize; ++j) {
      a[i][j] = (i * 3 + j * 7) % 17 - 8;
      b[i][j] = (i * j + 5) % 13 - 6;
    }
  }
  for (int i = 0; i < kSize; ++i) {
    for (int j = 0; j < kSize; ++j) {
      int32_t sum = 0;
      for (int k = 0; k < kSize; ++k) sum += a[i][k] * b[k][j];
      c[i][j] = sum;
    }
  }
  int64_t trace = 0;
  uint32_t checksum = 0;
  for (int i = 0; i < kSize; ++i) {
    trace += c[i][i];
    for (int j = 0; j < kSize; ++j) checksum = checksum * 31 + (uint32_t)c[i][j];
  }
  printf("int product: trace %" PRId64 " checksum %08" PRIx32 " c[3][5]=%" PRId32 "\n", trace,
         checksum, c[3][5]);
  int64_t m[6][6];
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) m[i][j] = (i == j) ? 10 + i : (i * 5 + j * 3) % 7 - 3;
  }
  printf("det(6x6) = %" PRId64 "\n", determinant(m, 6));
  // 420 * Hilbert(4) has integer entries (420 = lcm(1..7)); its minors stay far below 2^63.
  int64_t hilbert_scaled[6][6];
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) hilbert_scaled[i][j] = 420 / (i + j + 1);
  }
  printf("det(420*H4) = %" PRId64 "\n", determinant(hilbert_scaled, 4));
  static double x[kSize][kSize], y[kSize][kSize];
  for (int i = 0; i < kSize; ++i) {
    for (int j = 0; j < kSize; ++j) x[i][j] = 1.0 / (i + j + 1) - 0.01 * (i - j);
  }
  for (int i = 0; i < kSize; ++i) {
    for (int j = 0; j < kSize; ++j) {
      double sum = 0;
      for (int k = 0; k < kSize; ++k) sum += x[i][k] * x[j][k];  // x * transpose(x)
      y[i][j] = sum;
    }
  }
  double total = 0;
  for (int i = 0; i < kSize; ++i) total += y[i][i] - y[i][(i + 1) % kSize];
  printf("double product: y[0][0]=%.17g y[5][9]=%.17g total=%.17g\n", y[0][0], y[5][9], total);
  return 0;
}
