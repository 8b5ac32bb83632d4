// An AVL tree: insertions and deletions in pseudo-random order, height and balance checks,
// in-order traversal and range queries.
#include <stdio.h>
#include <stdlib.h>

#include "portable.h"

struct node {
  int32_t key;
  int height;
  struct node *left, *right;
};

static int height(const struct node* n) {
  return n ? n->height : 0;
}
static void update(struct node* n) {
  const int l = height(n->left), r = height(n->right);
  n->height = 1 + (l > r ? l : r);
}
static struct node* rotate_right(struct node* n) {
  struct node* l = n->left;
  n->left = l->right;
  l->right = n;
  update(n);
  update(l);
  return l;
}
static struct node* rotate_left(struct node* n) {
  struct node* r = n->right;
  n->right = r->left;
  r->left = n;
  update(n);
  update(r);
  return r;
}
static struct node* balance(struct node* n) {
  update(n);
  const int b = height(n->left) - height(n->right);
  if (b > 1) {
    if (height(n->left->left) < height(n->left->right)) n->left = rotate_left(n->left);
    return rotate_right(n);
  }
  if (b < -1) {
    if (height(n->right->right) < height(n->right->left)) n->right = rotate_right(n->right);
    return rotate_left(n);
  }
  return n;
}
static struct node* insert(struct node* n, int32_t key) {
  if (!n) {
    n = calloc(1, sizeof *n);
    n->key = key;
    n->height = 1;
    return n;
  }
  if (key < n->key)
    n->left = insert(n->left, key);
  else if (key > n->key)
    n->right = insert(n->right, key);
  return balance(n);
}
static struct node* remove_min(struct node* n, struct node** min) {
  if (!n->left) {
    *min = n;
    return n->right;
  }
  n->left = remove_min(n->left, min);
  return balance(n);
}
static struct node* erase(struct node* n, int32_t key) {
  if (!n) return NULL;
  if (key < n->key)
    n->left = erase(n->left, key);
  else if (key > n->key)
    n->right = erase(n->right, key);
  else {
    struct node *l = n->left, *r = n->right;
    free(n);
    if (!r) return l;
    struct node* min;
    r = remove_min(r, &min);
    min->left = l;
    min->right = r;
    return balance(min);
  }
  return balance(n);
}
static int check(const struct node* n, int32_t low, int32_t high, int* count) {
  if (!n) return 1;
  ++*count;
  const int b = height(n->left) - height(n->right);
  return n->key > low && n->key < high && b >= -1 && b <= 1 && check(n->left, low, n->key, count) &&
         check(n->right, n->key, high, count);
}
static void range(const struct node* n, int32_t low, int32_t high) {
  if (!n) return;
  if (low < n->key) range(n->left, low, high);
  if (n->key >= low && n->key <= high) printf(" %" PRId32, n->key);
  if (high > n->key) range(n->right, low, high);
}

int main(void) {
  struct node* root = NULL;
  uint32_t state = 2024;
  for (int i = 0; i < 5000; ++i) {
    state = state * 1664525u + 1013904223u;
    root = insert(root, (int32_t)(state >> 12) % 20000);
  }
  int count = 0;
  printf("after inserts: valid %d, nodes ", check(root, -1, 20000, &count));
  printf("%d, height %d\n", count, height(root));
  for (int32_t k = 0; k < 20000; k += 3) root = erase(root, k);
  count = 0;
  printf("after deletes: valid %d, nodes ", check(root, -1, 20000, &count));
  printf("%d, height %d\n", count, height(root));
  printf("keys in [1000, 1100]:");
  range(root, 1000, 1100);
  printf("\n");
  while (root) root = erase(root, root->key);
  printf("emptied\n");
  return 0;
}
