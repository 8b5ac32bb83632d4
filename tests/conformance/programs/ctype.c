// <ctype.h> in the "C" locale for every ASCII character: one letter per class and character,
// and toupper/tolower round trips. (Plain char's sign differs by target: always pass an
// unsigned char value.)
#include <ctype.h>
#include <stdio.h>

int main(void) {
  for (int row = 0; row < 128; row += 16) {
    for (int c = row; c < row + 16; ++c) {
      char classes[12];
      int n = 0;
      classes[n++] = isalpha(c) ? 'a' : '.';
      classes[n++] = isdigit(c) ? 'd' : '.';
      classes[n++] = isxdigit(c) ? 'x' : '.';
      classes[n++] = isspace(c) ? 's' : '.';
      classes[n++] = isupper(c) ? 'U' : '.';
      classes[n++] = islower(c) ? 'l' : '.';
      classes[n++] = ispunct(c) ? 'p' : '.';
      classes[n++] = isprint(c) ? 'r' : '.';
      classes[n++] = iscntrl(c) ? 'c' : '.';
      classes[n++] = isgraph(c) ? 'g' : '.';
      classes[n++] = isblank(c) ? 'b' : '.';
      classes[n] = '\0';
      printf("%02x:%s%c", c, classes, c % 4 == 3 ? '\n' : ' ');
    }
  }
  int round_trips = 0;
  for (int c = 0; c < 128; ++c) {
    round_trips += tolower(toupper(c)) == (isupper(c) ? c : tolower(c));
  }
  printf("round trips %d, toupper('q')=%c tolower('Q')=%c toupper('5')=%c\n", round_trips,
         toupper('q'), tolower('Q'), toupper('5'));
  printf("EOF classes: %d %d\n", isalpha(EOF) != 0, isspace(EOF) != 0);
  return 0;
}
