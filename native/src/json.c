/* Tiny append-only JSON builder (see json.h). Allocation failure aborts: the
 * helper's JSON lines are small and there is nothing sensible to do without memory. */
#include "json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(struct jbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->buf, cap);
	if (!p)
		abort();
	b->buf = p;
	b->cap = cap;
}

static void put(struct jbuf *b, const char *s, size_t n)
{
	grow(b, n);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static void separate(struct jbuf *b)
{
	if (b->len == 0)
		return;
	char last = b->buf[b->len - 1];
	if (last != '{' && last != '[' && last != ':')
		put(b, ",", 1);
}

void jb_init(struct jbuf *b)
{
	b->buf = NULL;
	b->len = 0;
	b->cap = 0;
	grow(b, 0);
	b->buf[0] = '\0';
}

void jb_free(struct jbuf *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

void jb_reset(struct jbuf *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

void jb_open(struct jbuf *b, char bracket)
{
	separate(b);
	put(b, &bracket, 1);
}

void jb_close(struct jbuf *b, char bracket)
{
	put(b, &bracket, 1);
}

static void quoted(struct jbuf *b, const char *s, size_t n)
{
	put(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(b, esc, 2);
		} else if (c == '\n') {
			put(b, "\\n", 2);
		} else if (c == '\t') {
			put(b, "\\t", 2);
		} else if (c < 0x20 || c == 0x7f) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			put(b, esc, 6);
		} else {
			put(b, (const char *)&s[i], 1);
		}
	}
	put(b, "\"", 1);
}

void jb_key(struct jbuf *b, const char *key)
{
	separate(b);
	quoted(b, key, strlen(key));
	put(b, ":", 1);
}

void jb_string(struct jbuf *b, const char *value)
{
	if (!value) {
		jb_null(b);
		return;
	}
	jb_stringn(b, value, strlen(value));
}

void jb_stringn(struct jbuf *b, const char *value, size_t n)
{
	separate(b);
	quoted(b, value, n);
}

void jb_u64(struct jbuf *b, uint64_t value)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%" PRIu64, value);
	separate(b);
	put(b, num, (size_t)n);
}

void jb_i64(struct jbuf *b, int64_t value)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%" PRId64, value);
	separate(b);
	put(b, num, (size_t)n);
}

void jb_bool(struct jbuf *b, int value)
{
	separate(b);
	if (value)
		put(b, "true", 4);
	else
		put(b, "false", 5);
}

void jb_null(struct jbuf *b)
{
	separate(b);
	put(b, "null", 4);
}

void jb_raw_value(struct jbuf *b, const char *json)
{
	separate(b);
	put(b, json, strlen(json));
}

void jb_append(struct jbuf *b, const char *text)
{
	put(b, text, strlen(text));
}

const char *jb_cstr(struct jbuf *b)
{
	return b->buf;
}
