// A tiny round-robin scheduler: the caller and two tasks take turns, switched by PendSV
// when a task has asked to yield and the next SysTick arrives. A task is only switched out
// while it waits in scheduler_yield(), so the order of everything they print is fixed.
#ifndef ANVIL_FIRMWARE_SCHEDULER_H
#define ANVIL_FIRMWARE_SCHEDULER_H

#include <stdint.h>

typedef void (*task_function)(void);

// Runs both tasks to completion (SysTick must be running); returns the number of switches.
uint32_t scheduler_run(task_function first, task_function second);
// Waits until the next tick has switched to the next context.
void scheduler_yield(void);
// Called from SysTick_Handler: pends PendSV when the running context has yielded.
void scheduler_tick(void);

#endif
