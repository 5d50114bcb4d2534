/* Command line of the helper. Option letters follow dumpcap where one exists
 * (-i -f -w -s -B -c -a -b -p -D) so people's habits carry over. */
#ifndef WS_OPTIONS_H
#define WS_OPTIONS_H

#include <stdint.h>

enum helper_mode { MODE_CAPTURE, MODE_LIST, MODE_SNMP, MODE_HELP, MODE_VERSION };

struct options {
	enum helper_mode mode;
	const char *iface;
	const char *filter;        /* NULL: no capture filter */
	const char *out_path;      /* "-" streams pcapng to stdout */
	int snaplen;
	int buffer_mib;            /* kernel ring size */
	int block_timeout_ms;      /* TPACKET_V3 block retire timeout */
	int immediate;             /* libpcap immediate mode (libpcap then uses TPACKET_V2) */
	int promisc;
	uint64_t stop_packets;     /* 0: no limit */
	uint64_t stop_duration_ms;
	uint64_t stop_filesize_kb; /* per file, kB = 1000 bytes as in dumpcap */
	uint32_t stop_files;       /* ring buffer: stop after this many files */
	uint32_t ring_files;       /* 0: keep every file */
	uint64_t ring_filesize_kb; /* 0: no ring buffer */
	int status_fd;             /* -1: none */
	uint64_t isb_interval_ms;
	uint64_t progress_interval_ms;
	const char *netns;         /* name under /run/netns */
	int netns_pid;             /* 0: none */
};

/* Returns 0, or -1 after writing the reason into err. */
int options_parse(int argc, char **argv, struct options *o, char *err, int errlen);
void options_usage(const char *argv0);

#endif
