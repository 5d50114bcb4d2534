/* Where the pcapng goes: one file, a ring buffer of files, or stdout. Each file
 * is a complete pcapng (SHB + IDB first, ISB last), so any of them can be
 * opened on its own. New files are announced on the status fd. */
#ifndef WS_OUTPUT_H
#define WS_OUTPUT_H

#include "json.h"
#include "options.h"
#include "pcapng.h"
#include "sink.h"

#include <limits.h>

struct output {
	const struct options *o;
	struct pcapng_iface iface;
	struct sink sink;
	int streaming;
	int ring;
	unsigned file_number;        /* files opened so far, 1-based */
	char path[PATH_MAX];         /* current file ("-" when streaming) */
	uint64_t closed_bytes;       /* size of the files already finished */
	char **kept;                 /* ring buffer: paths still on disk, oldest first */
	unsigned kept_len;
};

/* Opens the first file and writes its header; reports EOUTPUT on failure. */
int output_open(struct output *out, const struct options *o, const struct pcapng_iface *iface);
/* Ends the current file with st and starts the next (deleting the oldest if the
 * ring is full). */
int output_rotate(struct output *out, const struct pcapng_stats *st);
/* Writes st, flushes and closes. */
int output_close(struct output *out, const struct pcapng_stats *st);
/* Bytes written so far, all files. */
uint64_t output_bytes(const struct output *out);
/* Paths of the files still on disk, as a JSON array. */
void output_files_json(struct output *out, struct jbuf *b);

#endif
