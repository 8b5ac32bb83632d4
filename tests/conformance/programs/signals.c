// POSIX signals: a handler for raise(), the mask (blocked signals stay pending until
// unblocked), SA_RESETHAND, sigaltstack, and synchronous faults recovered with siglongjmp:
// a NULL load (SIGSEGV) and an illegal instruction (SIGILL): __builtin_trap on x86 and ARM,
// a reserved opcode on MIPS, where __builtin_trap is TEQ and raises SIGTRAP. Handlers only set
// flags; all printing happens outside them. Signal numbers differ between ISAs (MIPS has
// SIGUSR1 16), so the output names them instead of printing numbers.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t received, received_info_code, depth;
static sigjmp_buf recover;

static void count(int signal) {
  received += signal;
}

static void with_info(int signal, siginfo_t* info, void* context) {
  (void)context;
  received = signal;
  received_info_code = info->si_code;
}

static volatile unsigned long fault_address, unmapped_address = 0x40;
static volatile int fault_code;

static void escape(int signal, siginfo_t* info, void* context) {
  (void)context;
  fault_address = (unsigned long)info->si_addr;
  fault_code = info->si_code;
  siglongjmp(recover, signal);
}

static void on_altstack(int signal) {
  stack_t now;
  (void)signal;
  sigaltstack(NULL, &now);
  depth = (now.ss_flags & SS_ONSTACK) != 0;
}

// Executes an instruction the CPU does not implement. Major opcode 0x3b is reserved in
// MIPS32 Release 2 (MIPS32 ISA Vol. II, table A.2), so the CPU raises Reserved Instruction.
static void illegal_instruction(void) {
#if defined(__mips__)
  __asm__ volatile(".word 0xec000000");
#else
  __builtin_trap();
#endif
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = count;
  sigaction(SIGUSR1, &action, NULL);
  raise(SIGUSR1);
  printf("after raise(SIGUSR1): received SIGUSR1 %d\n", received == SIGUSR1);

  sigset_t block, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  received = 0;
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  sigpending(&pending);
  printf("blocked: received %d, pending %d\n", (int)received, sigismember(&pending, SIGUSR1));
  sigprocmask(SIG_UNBLOCK, &block, NULL);
  printf("unblocked: received SIGUSR1 %d\n", received == SIGUSR1);

  memset(&action, 0, sizeof action);
  action.sa_sigaction = with_info;
  action.sa_flags = SA_SIGINFO | SA_RESETHAND;
  sigaction(SIGUSR2, &action, NULL);
  raise(SIGUSR2);
  struct sigaction now;
  sigaction(SIGUSR2, NULL, &now);
  printf(
      "SA_SIGINFO: signal is SIGUSR2 %d, si_code is SI_TKILL or SI_USER: %d, reset to default: "
      "%d\n",
      received == SIGUSR2, received_info_code == SI_TKILL || received_info_code == SI_USER,
      now.sa_handler == SIG_DFL);

  static char stack_memory[65536];
  stack_t alt = {.ss_sp = stack_memory, .ss_size = sizeof stack_memory, .ss_flags = 0};
  printf("sigaltstack: %d\n", sigaltstack(&alt, NULL));
  memset(&action, 0, sizeof action);
  action.sa_handler = on_altstack;
  action.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &action, NULL);
  raise(SIGUSR1);
  printf("handler on the alternate stack ran: %d\n", (int)depth);

  memset(&action, 0, sizeof action);
  action.sa_sigaction = escape;
  action.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &action, NULL);
  sigaction(SIGILL, &action, NULL);
  int caught = sigsetjmp(recover, 1);
  if (caught == 0) {
    volatile int* nowhere = (volatile int*)unmapped_address;
    printf("unreachable %d\n", *nowhere);
  }
  printf("recovered from signal %d (SIGSEGV %d), si_addr %#lx, SEGV_MAPERR %d\n", caught, SIGSEGV,
         fault_address, fault_code == SEGV_MAPERR);
  caught = sigsetjmp(recover, 1);
  if (caught == 0) illegal_instruction();
  printf("recovered from signal %d (SIGILL %d)\n", caught, SIGILL);
  // The mask was restored by siglongjmp: a second fault is caught again.
  caught = sigsetjmp(recover, 1);
  if (caught == 0) {
    volatile int* nowhere = NULL;
    *nowhere = 1;
  }
  printf("recovered again from signal %d\n", caught);
  return 0;
}
