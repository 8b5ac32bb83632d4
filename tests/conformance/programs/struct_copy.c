// Structures: assignment, passing and returning large structures by value, arrays inside,
// nested members, compound literals and designated initialisers.
#include <stdio.h>
#include <string.h>

#include "portable.h"

struct point {
  int32_t x, y;
};
struct shape {
  char name[16];
  struct point corners[6];
  int32_t count;
  double scale;
};

static struct shape translate(struct shape s, struct point by) {  // both by value
  for (int32_t i = 0; i < s.count; ++i) {
    s.corners[i].x += by.x;
    s.corners[i].y += by.y;
  }
  s.scale *= 2;
  return s;
}

static int64_t area_twice(const struct shape* s) {  // shoelace formula
  int64_t total = 0;
  for (int32_t i = 0; i < s->count; ++i) {
    const struct point a = s->corners[i], b = s->corners[(i + 1) % s->count];
    total += (int64_t)a.x * b.y - (int64_t)b.x * a.y;
  }
  return total < 0 ? -total : total;
}

static void print(const struct shape* s) {
  printf("%s x%.2f:", s->name, s->scale);
  for (int32_t i = 0; i < s->count; ++i)
    printf(" (%" PRId32 ",%" PRId32 ")", s->corners[i].x, s->corners[i].y);
  printf(" area*2=%" PRId64 "\n", area_twice(s));
}

int main(void) {
  struct shape square = {
      .name = "square", .corners = {{0, 0}, {4, 0}, {4, 4}, {0, 4}}, .count = 4, .scale = 1.5};
  struct shape moved = translate(square, (struct point){-10, 7});
  print(&square);
  print(&moved);
  struct shape copy = moved;  // assignment copies the arrays too
  copy.corners[0].x = 99;
  strcpy(copy.name, "changed");
  print(&moved);
  print(&copy);
  struct shape shapes[3] = {square, moved, copy};
  struct shape swapped = shapes[0];
  shapes[0] = shapes[2];
  shapes[2] = swapped;
  for (int i = 0; i < 3; ++i) printf("%s ", shapes[i].name);
  printf("\n");
  const struct point hexagon[] = {{2, 0}, {4, 1}, {4, 3}, {2, 4}, {0, 3}, {0, 1}};
  struct shape hex = {.name = "hexagon", .count = 6, .scale = 0.25};
  memcpy(hex.corners, hexagon, sizeof hexagon);
  print(&hex);
  printf("equal after memcpy: %d\n", memcmp(&hex.corners, hexagon, sizeof hexagon) == 0);
  return 0;
}
