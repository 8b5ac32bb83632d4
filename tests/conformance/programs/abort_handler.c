// abort(): a SIGABRT handler runs, output written before is flushed by the program itself,
// and when the handler returns abort() still ends the program by SIGABRT (exit status
// 128 + 6 from a shell's point of view).
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_abort(int signal) {
  static const char message[] = "SIGABRT handler ran\n";
  (void)signal;
  write(1, message, sizeof message - 1);
}

int main(void) {
  printf("before abort\n");
  fflush(stdout);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_abort;
  sigaction(SIGABRT, &action, NULL);
  abort();
  printf("not reached\n");
  return 0;
}
