#ifndef MRE_PROG_H
#define MRE_PROG_H
#include <stddef.h>

#include "ast.h"

/* The compiled form: a program for a regular-expression virtual machine. */
typedef enum {
    OP_CHAR,  /* the byte c */
    OP_ANY,   /* any byte */
    OP_SET,   /* a byte in sets[arg] */
    OP_SPLIT, /* continue at x and at y (x first) */
    OP_JMP,   /* continue at x */
    OP_BOL,   /* position 0 */
    OP_EOL,   /* position len */
    OP_MATCH
} opcode;

typedef struct {
    opcode op;
    unsigned char c;
    int x, y;
    int arg;
} inst;

typedef struct {
    inst *code;
    int len, cap;
    unsigned char (*sets)[32];
    int nsets, capsets;
} prog;

#define PROG_MAX_LEN 2000000

/* Compiles the tree into p (zeroed first). MRE_OK, or MRE_ENOMEM (also when the program would
 * exceed PROG_MAX_LEN instructions). */
int prog_compile(const node *n, prog *p);
void prog_free(prog *p);

struct mre {
    prog p;
};

#endif
