/* Capture file management (see output.h). Ring file names follow dumpcap:
 * base_NNNNN_YYYYMMDDhhmmss.ext. */
#include "output.h"

#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void ring_name(struct output *out, char *dst, size_t n)
{
	const char *base = out->o->out_path;
	const char *slash = strrchr(base, '/');
	const char *dot = strrchr(base, '.');
	if (dot && slash && dot < slash)
		dot = NULL;
	if (dot == base || (slash && dot == slash + 1))
		dot = NULL; /* ".pcapng" alone is a name, not an extension */
	size_t stem = dot ? (size_t)(dot - base) : strlen(base);
	char when[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y%m%d%H%M%S", &tm);
	snprintf(dst, n, "%.*s_%05u_%s%s", (int)stem, base, out->file_number, when, dot ? dot : "");
}

static void announce_file(struct output *out)
{
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type"); jb_string(&b, "file");
	jb_key(&b, "path"); jb_string(&b, out->path);
	jb_key(&b, "index"); jb_u64(&b, out->file_number);
	jb_close(&b, '}');
	report_status(&b);
	jb_free(&b);
}

static void announce_removed(const char *path)
{
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type"); jb_string(&b, "file-removed");
	jb_key(&b, "path"); jb_string(&b, path);
	jb_close(&b, '}');
	report_status(&b);
	jb_free(&b);
}

static int open_next(struct output *out)
{
	out->file_number++;
	if (out->streaming) {
		snprintf(out->path, sizeof out->path, "-");
		sink_open_fd(&out->sink, STDOUT_FILENO);
	} else {
		if (out->ring)
			ring_name(out, out->path, sizeof out->path);
		else
			snprintf(out->path, sizeof out->path, "%s", out->o->out_path);
		if (sink_open_path(&out->sink, out->path) < 0) {
			report_error(WS_EOUTPUT, "Cannot create capture file %s: %s", out->path, strerror(out->sink.error));
			return -1;
		}
		if (out->ring) {
			char **grown = realloc(out->kept, (out->kept_len + 1) * sizeof *grown);
			if (!grown)
				return -1;
			out->kept = grown;
			out->kept[out->kept_len++] = strdup(out->path);
		}
	}
	if (pcapng_write_header(&out->sink, &out->iface) < 0) {
		report_error(WS_EOUTPUT, "Cannot write %s: %s", out->path, strerror(out->sink.error));
		return -1;
	}
	announce_file(out);
	return 0;
}

int output_open(struct output *out, const struct options *o, const struct pcapng_iface *iface)
{
	memset(out, 0, sizeof *out);
	out->o = o;
	out->iface = *iface;
	out->streaming = strcmp(o->out_path, "-") == 0;
	out->ring = o->ring_filesize_kb > 0;
	return open_next(out);
}

static int end_file(struct output *out, const struct pcapng_stats *st)
{
	pcapng_write_stats(&out->sink, st);
	out->closed_bytes += out->sink.bytes;
	if (sink_close(&out->sink) < 0) {
		if (out->streaming && out->sink.error == EPIPE)
			return 0; /* the reader went away: a normal way to stop a stream */
		report_error(WS_EOUTPUT, "Cannot write %s: %s", out->path, strerror(out->sink.error));
		return -1;
	}
	return 0;
}

int output_rotate(struct output *out, const struct pcapng_stats *st)
{
	if (end_file(out, st) < 0)
		return -1;
	if (out->o->ring_files && out->kept_len >= out->o->ring_files) {
		char *oldest = out->kept[0];
		if (unlink(oldest) == 0 || errno == ENOENT)
			announce_removed(oldest);
		free(oldest);
		memmove(out->kept, out->kept + 1, (out->kept_len - 1) * sizeof *out->kept);
		out->kept_len--;
	}
	return open_next(out);
}

int output_close(struct output *out, const struct pcapng_stats *st)
{
	return end_file(out, st);
}

uint64_t output_bytes(const struct output *out)
{
	/* after the last file is closed its bytes are already in closed_bytes */
	return out->closed_bytes + (out->sink.fd >= 0 ? out->sink.bytes : 0);
}

void output_files_json(struct output *out, struct jbuf *b)
{
	jb_open(b, '[');
	if (out->ring) {
		for (unsigned i = 0; i < out->kept_len; i++)
			jb_string(b, out->kept[i]);
	} else {
		jb_string(b, out->path);
	}
	jb_close(b, ']');
}
