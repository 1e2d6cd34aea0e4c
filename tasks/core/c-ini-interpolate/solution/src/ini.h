/* ini.h - parse INI text into sections of key = value pairs. */
#ifndef INI_H
#define INI_H

#include <stddef.h>

typedef struct ini ini;

/* Parses text. On success returns the document; on error returns NULL and writes a message
 * "line N: <reason>" into err (err may be NULL). Syntax:
 *   - lines are separated by '\n' (a '\r' before it is ignored); leading and trailing spaces and
 *     tabs of every line, key and value are ignored;
 *   - empty lines and lines starting with ';' or '#' are ignored;
 *   - "[name]" starts a section (the name is trimmed; an empty name is an error);
 *   - "key = value" sets key in the current section ("" before the first header); the key must
 *     not be empty; the value may be empty; a later assignment to the same key replaces it;
 *   - any other line is an error.
 * Sections and keys are case-sensitive. A section header repeated later continues that section.
 * Values may refer to other values: "${key}" (same section) or "${section.key}" (split at the first
 * '.'); "$$" is a literal '$'. References are expanded after the whole text is read (forward
 * references work); an unterminated "${", an undefined reference or a reference cycle is an error. */
ini *ini_parse(const char *text, char *err, size_t errsz);
void ini_free(ini *doc);

/* The value of key in section, or NULL. */
const char *ini_get(const ini *doc, const char *section, const char *key);

/* Reads the value of key in section as a decimal integer (optional sign, surrounding blanks
 * already trimmed by the parser; leading zeros allowed, no blanks). Returns 0 and sets *out on success, -1 if there is no such key,
 * -2 if the value is not an integer in the range of long (*out is then unchanged). */
int ini_get_int(const ini *doc, const char *section, const char *key, long *out);

/* Number of distinct sections, counting "" only if it has keys. */
size_t ini_section_count(const ini *doc);

#endif
