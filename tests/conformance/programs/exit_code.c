// Exit status and exit-time work: atexit handlers run in reverse order of registration,
// buffered output is flushed, and exit(3) reaches the caller as status 3.
#include <stdio.h>
#include <stdlib.h>

static void first(void) {
  printf("atexit: first registered, runs last\n");
}
static void second(void) {
  printf("atexit: second registered, runs first\n");
}

int main(void) {
  atexit(first);
  atexit(second);
  printf("partial line without newline, flushed at exit... ");
  exit(3);
}
