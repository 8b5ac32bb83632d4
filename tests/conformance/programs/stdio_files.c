// Files through stdio and POSIX in a fresh temporary directory: create, write, seek, read
// back, append, rename, stat, list (sorted: directory order is the file system's), remove.
// Only sizes and contents are printed, never names chosen by mkdtemp or times.
// 32-bit C libraries need large-file interfaces for readdir: ext4's directory offsets do not
// fit 32 bits (readdir would fail with EOVERFLOW).
#define _FILE_OFFSET_BITS 64

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "portable.h"

static char dir[64];

static void path_of(char* out, size_t size, const char* name) {
  snprintf(out, size, "%s/%s", dir, name);
}

static int compare_names(const void* a, const void* b) {
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

int main(void) {
  const char* base = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/anvil-stdio-XXXXXX", base && strlen(base) < 40 ? base : "/tmp");
  if (!mkdtemp(dir)) {
    printf("mkdtemp failed\n");
    return 1;
  }
  char a[128], b[128], c[128];
  path_of(a, sizeof a, "alpha.txt");
  path_of(b, sizeof b, "beta.bin");
  path_of(c, sizeof c, "gamma.txt");

  FILE* f = fopen(a, "w");
  for (int i = 0; i < 100; ++i) fprintf(f, "line %03d: %d squared is %d\n", i, i, i * i);
  printf("fclose: %d\n", fclose(f));

  f = fopen(a, "r");
  char line[80];
  int lines = 0;
  long total = 0;
  while (fgets(line, sizeof line, f)) {
    ++lines;
    total += (long)strlen(line);
  }
  printf("read %d lines, %ld bytes, ftell %ld\n", lines, total, ftell(f));
  fseek(f, 10 * 31, SEEK_SET);  // each line below 100 squared is short; find line 10 anyway
  rewind(f);
  for (int i = 0; i < 42; ++i) fgets(line, sizeof line, f);
  printf("line 42: %s", line);
  fseek(f, -12, SEEK_END);
  printf("last 12: [%s]\n", fgets(line, sizeof line, f) ? line : "(none)");
  fclose(f);

  // Binary data with every byte value, read back in pieces with fread.
  f = fopen(b, "wb");
  unsigned char bytes[512];
  for (int i = 0; i < 512; ++i) bytes[i] = (unsigned char)(i * 37 + 11);
  printf("fwrite: %zu\n", fwrite(bytes, 1, sizeof bytes, f));
  fclose(f);
  f = fopen(b, "rb");
  unsigned sum = 0;
  size_t n, got = 0;
  unsigned char piece[100];
  while ((n = fread(piece, 1, sizeof piece, f)) > 0) {
    for (size_t i = 0; i < n; ++i) sum = sum * 31 + piece[i];
    got += n;
  }
  printf("fread total %zu, checksum %08x, eof %d\n", got, sum, feof(f) != 0);
  fclose(f);

  f = fopen(a, "a");
  fputs("appended\n", f);
  fclose(f);
  struct stat st;
  stat(a, &st);
  printf("after append: size %" PRId64 ", regular %d\n", (int64_t)st.st_size, S_ISREG(st.st_mode));

  printf("rename: %d\n", rename(a, c));
  const int old_exists = access(a, F_OK) == 0;
  printf("old name exists: %d, errno ENOENT: %d\n", old_exists, errno == ENOENT);

  DIR* d = opendir(dir);
  char* names[8];
  int count = 0;
  struct dirent* e;
  while ((e = readdir(d)) && count < 8)
    if (e->d_name[0] != '.') names[count++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)count, sizeof names[0], compare_names);
  for (int i = 0; i < count; ++i) {
    char p[128];
    path_of(p, sizeof p, names[i]);
    stat(p, &st);
    printf("entry %s: %" PRId64 " bytes\n", names[i], (int64_t)st.st_size);
    free(names[i]);
  }

  const FILE* missing = fopen(a, "r");
  printf("fopen missing: %s, errno ENOENT: %d\n", missing ? "opened" : "NULL", errno == ENOENT);
  printf("remove: %d %d\n", remove(b), remove(c));
  printf("rmdir: %d\n", rmdir(dir));
  return 0;
}
