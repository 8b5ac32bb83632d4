#include "scheduler.h"

#include "an385.h"

enum { kMainContext, kFirstTask, kSecondTask, kContexts };
#define TASK_STACK_WORDS 512

struct context {
  uint32_t* stack_pointer;  // saved by PendSV_Handler (context_switch.S)
  volatile int finished;
};

// The scheduler's state lives in one object; the handlers reach it through this pointer,
// set only while scheduler_run() is active.
struct scheduler {
  struct context contexts[kContexts];
  volatile int current;
  volatile int yield_requested;
  volatile uint32_t switches;
  task_function tasks[kContexts];
  uint32_t stacks[kContexts][TASK_STACK_WORDS] __attribute__((aligned(8)));
};
static struct scheduler the_scheduler;
static struct scheduler* active;

extern void run_on_process_stack(void (*function)(void), uint32_t* stack_top);

void scheduler_yield(void) {
  active->yield_requested = 1;
  while (active->yield_requested) {
  }
}

void scheduler_tick(void) {
  if (active && active->yield_requested) mmio_write(SCS_ICSR, ICSR_PENDSVSET);
}

// PendSV_Handler's C half: stores the stack pointer of the context it interrupted and
// returns the one to resume (round robin over the contexts that have not finished).
uint32_t* scheduler_switch(uint32_t* saved) {
  struct scheduler* s = active;
  s->contexts[s->current].stack_pointer = saved;
  int next = s->current;
  do {
    next = (next + 1) % kContexts;
  } while (s->contexts[next].finished);
  s->current = next;
  s->switches++;
  s->yield_requested = 0;
  return s->contexts[next].stack_pointer;
}

// Where a task's function returns to (its initial lr): mark it finished, give up the CPU.
static void task_exit(void) {
  active->contexts[active->current].finished = 1;
  for (;;) scheduler_yield();
}

// Builds the stack a new task resumes from: r4-r11 for PendSV_Handler's ldmia, then the
// exception frame (ARMv7-M ARM B1.5.6) that the exception return pops.
static uint32_t* initial_stack(uint32_t* top, task_function entry) {
  uint32_t* sp = top;
  *--sp = 1u << 24;                       // xPSR: only the Thumb bit
  *--sp = (uint32_t)entry & ~1u;          // pc (bit 0 must be clear in a stacked pc)
  *--sp = (uint32_t)task_exit;            // lr
  for (int i = 0; i < 5; ++i) *--sp = 0;  // r12, r3, r2, r1, r0
  for (int i = 0; i < 8; ++i) *--sp = 0;  // r11..r4
  return sp;
}

static void main_context(void) {
  struct scheduler* s = active;
  while (!s->contexts[kFirstTask].finished || !s->contexts[kSecondTask].finished) {
    scheduler_yield();
  }
}

uint32_t scheduler_run(task_function first, task_function second) {
  struct scheduler* s = &the_scheduler;
  s->tasks[kFirstTask] = first;
  s->tasks[kSecondTask] = second;
  for (int i = kFirstTask; i < kContexts; ++i) {
    s->contexts[i].finished = 0;
    s->contexts[i].stack_pointer = initial_stack(&s->stacks[i][TASK_STACK_WORDS], s->tasks[i]);
  }
  s->current = kMainContext;
  s->switches = 0;
  s->yield_requested = 0;
  active = s;
  run_on_process_stack(main_context, &s->stacks[kMainContext][TASK_STACK_WORDS]);
  active = 0;
  return s->switches;
}
