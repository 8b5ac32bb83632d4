// Waiting on descriptors: poll and select on a pipe before and after data arrives, with zero
// and short timeouts, a closed write end (POLLHUP, EOF), and dup2 onto a numbered slot.
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static void show_poll(const char* what, int fd, short events) {
  struct pollfd p = {.fd = fd, .events = events, .revents = 0};
  const int ready = poll(&p, 1, 0);
  printf("poll %s: ready %d, in %d out %d hup %d\n", what, ready, (p.revents & POLLIN) != 0,
         (p.revents & POLLOUT) != 0, (p.revents & POLLHUP) != 0);
}

static void show_select(const char* what, int read_fd, int write_fd) {
  fd_set readable, writable;
  FD_ZERO(&readable);
  FD_ZERO(&writable);
  FD_SET(read_fd, &readable);
  FD_SET(write_fd, &writable);
  struct timeval timeout = {0, 1000};
  const int top = (read_fd > write_fd ? read_fd : write_fd) + 1;
  const int ready = select(top, &readable, &writable, NULL, &timeout);
  printf("select %s: ready %d, readable %d, writable %d\n", what, ready,
         FD_ISSET(read_fd, &readable) != 0, FD_ISSET(write_fd, &writable) != 0);
}

int main(void) {
  int fds[2];
  pipe(fds);
  show_poll("empty pipe, read end", fds[0], POLLIN);
  show_poll("empty pipe, write end", fds[1], POLLOUT);
  show_select("empty pipe", fds[0], fds[1]);
  write(fds[1], "data", 4);
  show_poll("after write, read end", fds[0], POLLIN);
  show_select("after write", fds[0], fds[1]);
  char buffer[8];
  printf("read %zd\n", read(fds[0], buffer, sizeof buffer));
  const int duplicate = dup2(fds[1], 20);
  printf("dup2 to 20: %d, fcntl F_GETFD cloexec %d\n", duplicate, fcntl(20, F_GETFD));
  fcntl(20, F_SETFD, FD_CLOEXEC);
  printf("after F_SETFD: %d\n", fcntl(20, F_GETFD));
  printf("O_NONBLOCK set: %d\n", fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK));
  printf("nonblocking read on empty pipe: %zd\n", read(fds[0], buffer, sizeof buffer));
  close(fds[1]);
  close(20);
  show_poll("writer closed", fds[0], POLLIN);
  printf("read at EOF: %zd\n", read(fds[0], buffer, sizeof buffer));
  return 0;
}
