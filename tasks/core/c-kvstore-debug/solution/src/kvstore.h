/* kvstore.h - a tiny in-memory key-value store driven by text commands. */
#ifndef KVSTORE_H
#define KVSTORE_H

#include <stddef.h>

typedef struct kvstore kvstore;

kvstore *kv_new(void);
void kv_free(kvstore *kv);

/* Executes one command and writes its reply, without a line ending, to out (at most outsz bytes
 * including the NUL; longer replies are cut). Returns 0, or -1 for an invalid command (the reply is
 * then "ERR <reason>"). Commands (words separated by spaces; keys are 1-200 bytes of [A-Za-z0-9_:.-]):
 *   SET key value   value is a decimal int64 (optional leading '-')   -> "OK"
 *   GET key                                                          -> the value, or "(nil)"
 *   DEL key                                                          -> "1" if it existed, else "0"
 *   INCR key delta  adds delta (int64) to the value (0 if absent)    -> the new value
 *   COUNT                                                            -> the number of keys
 *   KEYS                                                             -> all keys in strcmp order,
 *                                                                       separated by one space ("" if none)
 */
int kv_exec(kvstore *kv, const char *line, char *out, size_t outsz);

#endif
