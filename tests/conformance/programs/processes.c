// Processes as shells use them: fork with a pipe, wait status of a normal exit and of a
// signal, vfork + _exit, execve of the program itself (/proc/self/exe), posix_spawn, and
// system() (which runs the host's /bin/sh under user mode: a host program started from a
// guest one).
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

static void report(const char* what, int status) {
  if (WIFEXITED(status))
    printf("%s: exited %d\n", what, WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    printf("%s: killed by signal %d\n", what, WTERMSIG(status));
  else
    printf("%s: status %#x\n", what, status);
}

int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "child-mode") == 0) {
    printf("exec'd image: argc %d, argv[2] %s\n", argc, argc > 2 ? argv[2] : "-");
    return 5;
  }
  int fds[2];
  pipe(fds);
  const pid_t parent = getpid();
  fflush(stdout);
  pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    char message[64];
    snprintf(message, sizeof message, "child sees parent: %d", getppid() == parent);
    write(fds[1], message, strlen(message));
    _exit(7);
  }
  close(fds[1]);
  char buffer[64] = {0};
  ssize_t n = read(fds[0], buffer, sizeof buffer - 1);
  printf("read %zd bytes from the child: %s\n", n, buffer);
  int status = 0;
  printf("waitpid returns the child: %d\n", waitpid(child, &status, 0) == child);
  report("fork child", status);

  fflush(stdout);
  child = fork();
  if (child == 0) {
    raise(SIGTERM);
    _exit(1);
  }
  waitpid(child, &status, 0);
  report("child raising SIGTERM", status);

  fflush(stdout);
  child = vfork();
  if (child == 0) _exit(11);
  waitpid(child, &status, 0);
  report("vfork child", status);

  fflush(stdout);
  child = fork();
  if (child == 0) {
    char* args[] = {argv[0], "child-mode", "from-execve", NULL};
    execve("/proc/self/exe", args, environ);
    _exit(99);
  }
  waitpid(child, &status, 0);
  report("execve child", status);

  fflush(stdout);
  char* spawn_args[] = {argv[0], "child-mode", "from-posix_spawn", NULL};
  pid_t spawned;
  const int spawn_result =
      posix_spawn(&spawned, "/proc/self/exe", NULL, NULL, spawn_args, environ);
  waitpid(spawned, &status, 0);
  printf("posix_spawn: %d\n", spawn_result);
  report("spawned child", status);

  fflush(stdout);
  status = system("echo output of a host shell; exit 3");
  report("system()", status);
  printf("no children left: %d\n", wait(&status) == -1);
  return 0;
}
