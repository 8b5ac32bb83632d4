// Semihosting through newlib (rdimon) and directly: console, files in the host folder the
// simulator allows (qemu: its working directory; Anvil: --semihosting-root), the command
// line, and the clocks. Everything printed is the same on qemu and on Anvil; the simulators'
// clocks differ, so only their properties are printed, never their values.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>  // isatty

#include "semihosting_calls.h"

#define SH_SYS_RENAME 0x0Fu
#define SH_SYS_GET_CMDLINE 0x15u
#define SH_SYS_ELAPSED 0x30u
#define SH_SYS_TICKFREQ 0x31u

static const char kFile[] = "anvil-semihosting-test.txt";
static const char kRenamed[] = "anvil-semihosting-renamed.txt";

static int failures;
static void check(const char* what, int ok) {
  printf("%-44s %s\n", what, ok ? "ok" : "FAILED");
  failures += !ok;
}

static void test_files(void) {
  FILE* out = fopen(kFile, "w");
  check("fopen(\"w\") in the allowed folder", out != NULL);
  if (!out) return;
  for (int i = 1; i <= 3; ++i) fprintf(out, "line %d of the semihosting test\n", i);
  check("fclose after writing", fclose(out) == 0);

  FILE* in = fopen(kFile, "r");
  check("fopen(\"r\") of the file just written", in != NULL);
  if (!in) return;
  check("a file is not a terminal", !isatty(fileno(in)));
  check("fseek to the end (SYS_FLEN)", fseek(in, 0, SEEK_END) == 0);
  const long length = ftell(in);
  printf("file length: %ld\n", length);
  check("fseek to offset 5 (SYS_SEEK)", fseek(in, 5, SEEK_SET) == 0);
  char line[64];
  check("fgets after the seek", fgets(line, sizeof line, in) != NULL);
  printf("read back: %s", line);
  int lines = 1;
  while (fgets(line, sizeof line, in)) ++lines;
  printf("lines from offset 5 on: %d\n", lines);
  check("end of file reached", feof(in) != 0);
  fclose(in);

  // newlib's rename() is link + unlink, which rdimon does not offer: call SYS_RENAME.
  const uint32_t names[4] = {(uint32_t)kFile, sizeof kFile - 1, (uint32_t)kRenamed,
                             sizeof kRenamed - 1};
  check("SYS_RENAME", semihosting_call(SH_SYS_RENAME, names) == 0);
  errno = 0;
  check("the old name is gone", fopen(kFile, "r") == NULL && errno == ENOENT);
  check("remove() (SYS_REMOVE)", remove(kRenamed) == 0);
  check("the new name is gone too", fopen(kRenamed, "r") == NULL);
}

static void test_command_line(void) {
  char buffer[256];
  uint32_t block[2] = {(uint32_t)buffer, sizeof buffer};
  check("SYS_GET_CMDLINE", semihosting_call(SH_SYS_GET_CMDLINE, block) == 0);
  // The first word is the image's path, which differs between runs: print the arguments.
  const char* arguments = strchr(buffer, ' ');
  printf("arguments: [%s]\n", arguments ? arguments + 1 : "");
}

static void test_clocks(void) {
  uint32_t first[2], second[2];
  semihosting_call(SH_SYS_ELAPSED, first);
  volatile uint32_t sink = 0;
  for (uint32_t i = 0; i < 100000; ++i) sink += i;
  semihosting_call(SH_SYS_ELAPSED, second);
  const uint64_t t1 = ((uint64_t)first[1] << 32) | first[0];
  const uint64_t t2 = ((uint64_t)second[1] << 32) | second[0];
  check("SYS_ELAPSED advances", t2 > t1);
  check("SYS_TICKFREQ is positive", (int32_t)semihosting_call(SH_SYS_TICKFREQ, 0) > 0);
  check("clock() (SYS_CLOCK) is not negative", clock() != (clock_t)-1);
}

int main(void) {
  printf("semihosting-cortex-m: newlib over semihosting\n");
  // Not checked: isatty(1). qemu answers for its own stdout (a pipe under ctest), Anvil
  // always says the console is a terminal (so newlib flushes stdout at each newline).
  fprintf(stderr, "this line goes to stderr\n");
  test_files();
  test_command_line();
  test_clocks();
  printf("%s\n", failures ? "semihosting test FAILED" : "semihosting test passed");
  return failures ? 1 : 0;
}
