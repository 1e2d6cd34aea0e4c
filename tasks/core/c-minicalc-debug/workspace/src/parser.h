/* parser.h - builds a syntax tree from the tokens of one line. */
#ifndef PARSER_H
#define PARSER_H

#include <stddef.h>
#include <stdint.h>

#include "lexer.h"

typedef enum { N_NUM, N_VAR, N_NEG, N_BIN, N_CALL, N_ASSIGN } node_kind;
typedef enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_POW } bin_op;

typedef struct node {
    node_kind kind;
    int64_t num;          /* N_NUM */
    const char *name;     /* N_VAR, N_CALL, N_ASSIGN: points into the source line */
    size_t name_len;
    bin_op op;            /* N_BIN */
    struct node *lhs;     /* N_BIN; the operand of N_NEG; the value of N_ASSIGN */
    struct node *rhs;     /* N_BIN */
    struct node **args;   /* N_CALL */
    size_t nargs;
} node;

/* Parses a whole statement (toks ends with T_END). Returns the tree, or NULL with a message in
 * err. An empty statement (only T_END) is a syntax error here; calc_eval checks for it first. */
node *parse(const token *toks, size_t ntoks, char *err, size_t errsize);
void node_free(node *n);

#endif
