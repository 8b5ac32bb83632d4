// A small interpreter: a tokenizer and recursive-descent parser for arithmetic with
// variables, compiled to a stack machine and run; also a Brainfuck program.
#include <stdio.h>
#include <string.h>

#include "portable.h"

enum opcode { kPush, kLoad, kStore, kAdd, kSub, kMul, kDiv, kMod, kNeg, kPrint, kHalt };
struct instruction {
  enum opcode op;
  int32_t value;
};

struct compiler {
  const char* p;
  struct instruction code[512];
  int length;
  int error;
};

static void emit(struct compiler* c, enum opcode op, int32_t value) {
  c->code[c->length].op = op;
  c->code[c->length++].value = value;
}
static void skip_spaces(struct compiler* c) {
  while (*c->p == ' ') ++c->p;
}
static void expression(struct compiler* c);
static void primary(struct compiler* c) {
  skip_spaces(c);
  if (*c->p >= '0' && *c->p <= '9') {
    int32_t v = 0;
    while (*c->p >= '0' && *c->p <= '9') v = v * 10 + (*c->p++ - '0');
    emit(c, kPush, v);
  } else if (*c->p >= 'a' && *c->p <= 'z') {
    emit(c, kLoad, *c->p++ - 'a');
  } else if (*c->p == '(') {
    ++c->p;
    expression(c);
    skip_spaces(c);
    if (*c->p++ != ')') c->error = 1;
  } else if (*c->p == '-') {
    ++c->p;
    primary(c);
    emit(c, kNeg, 0);
  } else {
    c->error = 1;
  }
}
static void term(struct compiler* c) {
  primary(c);
  for (skip_spaces(c); *c->p == '*' || *c->p == '/' || *c->p == '%'; skip_spaces(c)) {
    const char op = *c->p++;
    primary(c);
    emit(c, op == '*' ? kMul : op == '/' ? kDiv : kMod, 0);
  }
}
static void expression(struct compiler* c) {
  term(c);
  for (skip_spaces(c); *c->p == '+' || *c->p == '-'; skip_spaces(c)) {
    const char op = *c->p++;
    term(c);
    emit(c, op == '+' ? kAdd : kSub, 0);
  }
}
// A statement is "v = expression" or "print expression".
static void statement(struct compiler* c, const char* line) {
  c->p = line;
  if (strncmp(line, "print ", 6) == 0) {
    c->p += 6;
    expression(c);
    emit(c, kPrint, 0);
  } else {
    const int variable = *c->p++ - 'a';
    skip_spaces(c);
    if (*c->p++ != '=') c->error = 1;
    expression(c);
    emit(c, kStore, variable);
  }
}

static int run(const struct instruction* code, int32_t* variables) {
  int32_t stack[64];
  int sp = 0;
  for (int pc = 0;; ++pc) {
    const struct instruction* i = &code[pc];
    switch (i->op) {
      case kPush:
        stack[sp++] = i->value;
        break;
      case kLoad:
        stack[sp++] = variables[i->value];
        break;
      case kStore:
        variables[i->value] = stack[--sp];
        break;
      case kNeg:
        stack[sp - 1] = -stack[sp - 1];
        break;
      case kPrint:
        printf("%" PRId32 "\n", stack[--sp]);
        break;
      case kHalt:
        return pc;
      default: {
        const int32_t b = stack[--sp], a = stack[--sp];
        if ((i->op == kDiv || i->op == kMod) && b == 0) return -1;
        stack[sp++] = i->op == kAdd   ? a + b
                      : i->op == kSub ? a - b
                      : i->op == kMul ? a * b
                      : i->op == kDiv ? a / b
                                      : a % b;
      }
    }
  }
}

static void brainfuck(const char* program) {
  unsigned char tape[256] = {0};
  int cell = 0;
  for (const char* p = program; *p; ++p) {
    switch (*p) {
      case '>':
        ++cell;
        break;
      case '<':
        --cell;
        break;
      case '+':
        ++tape[cell];
        break;
      case '-':
        --tape[cell];
        break;
      case '.':
        putchar(tape[cell]);
        break;
      case '[':
        for (int depth = !tape[cell]; depth;) {  // skip forward to the matching ']'
          ++p;
          depth += (*p == '[') - (*p == ']');
        }
        break;
      case ']':
        for (int depth = tape[cell] != 0; depth;) {  // back to the matching '['
          --p;
          depth += (*p == ']') - (*p == '[');
        }
        break;
    }
  }
}

int main(void) {
  static const char* const program[] = {
      "a = 6 * 7",
      "b = a - 50",
      "print a + b * 2",
      "c = (a + 3) * (b - 1) / 4",
      "print c",
      "print -c % 7",
      "d = 1",
      "d = d * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 2 * 2",
      "print d - 1000 + a",
      "print ((((1 + 2) * 3) + 4) * 5) - 6 / 2 % 4",
  };
  struct compiler c = {0};
  for (unsigned i = 0; i < sizeof program / sizeof program[0]; ++i) statement(&c, program[i]);
  emit(&c, kHalt, 0);
  int32_t variables[26] = {0};
  printf("compiled %d instructions, error %d\n", c.length, c.error);
  const int executed = run(c.code, variables);
  printf("halted at %d, a=%" PRId32 " b=%" PRId32 " c=%" PRId32 " d=%" PRId32 "\n", executed,
         variables[0], variables[1], variables[2], variables[3]);
  brainfuck(
      "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.---"
      "-----.>>+.");
  printf("\n");
  return 0;
}
