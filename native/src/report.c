/* Error, warning and status lines (see report.h). */
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int status_fd = -1;

void report_init(int fd)
{
	status_fd = fd;
	if (fd >= 0) {
		int flags = fcntl(fd, F_GETFL);
		if (flags >= 0)
			fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	}
}

int report_status_fd(void)
{
	return status_fd;
}

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void emit(const char *type, const char *code, const char *fmt, va_list ap)
{
	char message[2048];
	vsnprintf(message, sizeof message, fmt, ap);
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type");
	jb_string(&b, type);
	jb_key(&b, "code");
	jb_string(&b, code);
	jb_key(&b, "message");
	jb_string(&b, message);
	jb_close(&b, '}');
	jb_append(&b, "\n");
	write_all(STDERR_FILENO, b.buf, b.len);
	jb_free(&b);
}

void report_error(const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("error", code, fmt, ap);
	va_end(ap);
}

void report_warning(const char *code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit("warning", code, fmt, ap);
	va_end(ap);
}

void report_status(struct jbuf *b)
{
	if (status_fd < 0)
		return;
	/* One write per line so lines never interleave; a line that does not fit
	 * the pipe right now is dropped (the next progress line supersedes it). */
	size_t n = b->len;
	char *line = b->buf;
	line[n] = '\n';
	ssize_t w;
	do {
		w = write(status_fd, line, n + 1);
	} while (w < 0 && errno == EINTR);
	line[n] = '\0';
}
