// Arguments and environment as the program starts with them: argc, every argv string (with
// its length, so empty and spaced arguments show), getenv, setenv/unsetenv, and argv[argc].
// The runner passes: alpha "two words" "" "x=1" and ANVIL_CONFORMANCE_VALUE=hello world.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  printf("argc %d\n", argc);
  for (int i = 1; i < argc; ++i) printf("argv[%d] = [%s] (%zu)\n", i, argv[i], strlen(argv[i]));
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
  const char* value = getenv("ANVIL_CONFORMANCE_VALUE");
  printf("ANVIL_CONFORMANCE_VALUE = [%s]\n", value ? value : "(unset)");
  printf("unset variable: %s\n", getenv("ANVIL_CONFORMANCE_SURELY_UNSET") ? "set" : "NULL");
  setenv("ANVIL_CONFORMANCE_NEW", "42", 0);
  setenv("ANVIL_CONFORMANCE_NEW", "43", 0);  // no overwrite
  printf("setenv: %s\n", getenv("ANVIL_CONFORMANCE_NEW"));
  setenv("ANVIL_CONFORMANCE_NEW", "44", 1);
  printf("setenv overwrite: %s\n", getenv("ANVIL_CONFORMANCE_NEW"));
  unsetenv("ANVIL_CONFORMANCE_NEW");
  printf("unsetenv: %s\n", getenv("ANVIL_CONFORMANCE_NEW") ? "still set" : "NULL");
  return argc;
}
