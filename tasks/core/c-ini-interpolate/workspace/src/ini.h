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
 * Sections and keys are case-sensitive. A section header repeated later continues that section. */
ini *ini_parse(const char *text, char *err, size_t errsz);
void ini_free(ini *doc);

/* The value of key in section, or NULL. */
const char *ini_get(const ini *doc, const char *section, const char *key);

/* Number of distinct sections, counting "" only if it has keys. */
size_t ini_section_count(const ini *doc);

#endif
