/* Tiny append-only JSON builder: every line the helper prints (status, errors,
 * --list) is built with it so escaping is done in exactly one place. */
#ifndef WS_JSON_H
#define WS_JSON_H

#include <stddef.h>
#include <stdint.h>

struct jbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void jb_init(struct jbuf *b);
void jb_free(struct jbuf *b);
void jb_reset(struct jbuf *b);
/* Commas are inserted automatically: a value or key placed after another value
 * gets a separator, one placed right after '{', '[' or ':' does not. */
void jb_open(struct jbuf *b, char bracket);
void jb_close(struct jbuf *b, char bracket);
void jb_key(struct jbuf *b, const char *key);
void jb_string(struct jbuf *b, const char *value);
void jb_stringn(struct jbuf *b, const char *value, size_t n);
void jb_u64(struct jbuf *b, uint64_t value);
void jb_i64(struct jbuf *b, int64_t value);
void jb_bool(struct jbuf *b, int value);
void jb_null(struct jbuf *b);
/* Appends already-encoded JSON as one value. */
void jb_raw_value(struct jbuf *b, const char *json);
/* Appends text verbatim, with no separator (e.g. the final newline). */
void jb_append(struct jbuf *b, const char *text);
const char *jb_cstr(struct jbuf *b);

#endif
