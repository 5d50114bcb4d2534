/* Buffered writer on a file descriptor. The capture loop decides when to flush
 * (when idle, and at least every 200 ms under load), so a packet reaches the
 * file soon after it arrives without one write(2) per packet. */
#ifndef WS_SINK_H
#define WS_SINK_H

#include <stddef.h>
#include <stdint.h>

struct sink {
	int fd;
	int owns_fd;
	unsigned char *buf;
	size_t len;
	size_t cap;
	uint64_t bytes;   /* logical size: everything accepted, flushed or not */
	int error;        /* errno of the first failed write, 0 if none */
};

/* Creates (truncates) path with mode 0600: captures can hold secrets. */
int sink_open_path(struct sink *s, const char *path);
int sink_open_fd(struct sink *s, int fd);
int sink_write(struct sink *s, const void *data, size_t n);
int sink_flush(struct sink *s);
int sink_dirty(const struct sink *s);
/* Flushes and closes; returns 0 or -1 (errno in s->error). */
int sink_close(struct sink *s);

#endif
