/* Buffered fd writer (see sink.h). */
#include "sink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SINK_BUFFER (1u << 20)

static int init(struct sink *s, int fd, int owns)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->owns_fd = owns;
	s->cap = SINK_BUFFER;
	s->buf = malloc(s->cap);
	if (!s->buf) {
		s->error = ENOMEM;
		return -1;
	}
	return 0;
}

int sink_open_path(struct sink *s, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		memset(s, 0, sizeof *s);
		s->fd = -1;
		s->error = errno;
		return -1;
	}
	return init(s, fd, 1);
}

int sink_open_fd(struct sink *s, int fd)
{
	return init(s, fd, 0);
}

int sink_flush(struct sink *s)
{
	size_t off = 0;
	while (off < s->len && !s->error) {
		ssize_t w = write(s->fd, s->buf + off, s->len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			s->error = errno;
			break;
		}
		off += (size_t)w;
	}
	s->len = 0;
	return s->error ? -1 : 0;
}

int sink_write(struct sink *s, const void *data, size_t n)
{
	if (s->error)
		return -1;
	s->bytes += n;
	if (s->len + n > s->cap && sink_flush(s) < 0)
		return -1;
	if (n > s->cap) {
		/* Larger than the whole buffer: write straight through. */
		const unsigned char *p = data;
		while (n > 0) {
			ssize_t w = write(s->fd, p, n);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				s->error = errno;
				return -1;
			}
			p += w;
			n -= (size_t)w;
		}
		return 0;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	return 0;
}

int sink_dirty(const struct sink *s)
{
	return s->len > 0;
}

int sink_close(struct sink *s)
{
	if (s->fd >= 0)
		sink_flush(s);
	if (s->owns_fd && s->fd >= 0 && close(s->fd) < 0 && !s->error)
		s->error = errno;
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	return s->error ? -1 : 0;
}
