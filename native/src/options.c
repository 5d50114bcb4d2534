/* Command-line parsing for the helper (see options.h). */
#include "options.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...)                                  \
	do {                                       \
		snprintf(err, (size_t)errlen, __VA_ARGS__); \
		return -1;                         \
	} while (0)

static int parse_u64(const char *s, uint64_t *out)
{
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *end || s[0] == '-')
		return -1;
	*out = v;
	return 0;
}

/* "12" or "1.5" seconds -> milliseconds */
static int parse_seconds_ms(const char *s, uint64_t *out)
{
	if (!s || !*s || s[0] == '-')
		return -1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || v <= 0 || v > 1e9)
		return -1;
	*out = (uint64_t)(v * 1000.0 + 0.5);
	return 0;
}

/* "key:value[,key:value...]" as used by -a and -b; each pair goes through apply. */
static int parse_pairs(const char *spec, struct options *o, char *err, int errlen,
		       int (*apply)(struct options *, const char *, const char *, char *, int))
{
	char copy[256];
	if (strlen(spec) >= sizeof copy)
		FAIL("option value too long: %s", spec);
	strcpy(copy, spec);
	char *save = NULL;
	for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *colon = strchr(item, ':');
		if (!colon)
			FAIL("expected key:value in \"%s\"", item);
		*colon = '\0';
		if (apply(o, item, colon + 1, err, errlen) < 0)
			return -1;
	}
	return 0;
}

static int apply_autostop(struct options *o, const char *key, const char *value, char *err, int errlen)
{
	uint64_t v;
	if (strcmp(key, "duration") == 0) {
		if (parse_seconds_ms(value, &o->stop_duration_ms) < 0)
			FAIL("-a duration: expected seconds > 0, got \"%s\"", value);
	} else if (strcmp(key, "filesize") == 0) {
		if (parse_u64(value, &v) < 0 || v == 0)
			FAIL("-a filesize: expected kB > 0, got \"%s\"", value);
		o->stop_filesize_kb = v;
	} else if (strcmp(key, "packets") == 0) {
		if (parse_u64(value, &v) < 0 || v == 0)
			FAIL("-a packets: expected a count > 0, got \"%s\"", value);
		o->stop_packets = v;
	} else if (strcmp(key, "files") == 0) {
		if (parse_u64(value, &v) < 0 || v == 0 || v > 100000)
			FAIL("-a files: expected a count > 0, got \"%s\"", value);
		o->stop_files = (uint32_t)v;
	} else {
		FAIL("-a: unknown condition \"%s\" (use duration:S, filesize:KB, packets:N or files:N)", key);
	}
	return 0;
}

static int apply_ring(struct options *o, const char *key, const char *value, char *err, int errlen)
{
	uint64_t v;
	if (strcmp(key, "files") == 0) {
		if (parse_u64(value, &v) < 0 || v == 0 || v > 100000)
			FAIL("-b files: expected a count > 0, got \"%s\"", value);
		o->ring_files = (uint32_t)v;
	} else if (strcmp(key, "filesize") == 0) {
		if (parse_u64(value, &v) < 0 || v == 0)
			FAIL("-b filesize: expected kB > 0, got \"%s\"", value);
		o->ring_filesize_kb = v;
	} else {
		FAIL("-b: unknown option \"%s\" (use files:N and filesize:KB)", key);
	}
	return 0;
}

enum {
	OPT_NO_PROMISC = 1000,
	OPT_STATUS_FD,
	OPT_SNMP,
	OPT_NETNS,
	OPT_NETNS_PID,
	OPT_ISB_INTERVAL,
	OPT_PROGRESS_INTERVAL,
	OPT_BLOCK_TIMEOUT,
	OPT_IMMEDIATE,
	OPT_VERSION,
};

static const struct option long_options[] = {
	{"interface", required_argument, NULL, 'i'},
	{"filter", required_argument, NULL, 'f'},
	{"write", required_argument, NULL, 'w'},
	{"snaplen", required_argument, NULL, 's'},
	{"buffer-size", required_argument, NULL, 'B'},
	{"count", required_argument, NULL, 'c'},
	{"autostop", required_argument, NULL, 'a'},
	{"ring-buffer", required_argument, NULL, 'b'},
	{"no-promisc", no_argument, NULL, OPT_NO_PROMISC},
	{"list", no_argument, NULL, 'D'},
	{"snmp", no_argument, NULL, OPT_SNMP},
	{"status-fd", required_argument, NULL, OPT_STATUS_FD},
	{"netns", required_argument, NULL, OPT_NETNS},
	{"netns-pid", required_argument, NULL, OPT_NETNS_PID},
	{"isb-interval", required_argument, NULL, OPT_ISB_INTERVAL},
	{"progress-interval", required_argument, NULL, OPT_PROGRESS_INTERVAL},
	{"block-timeout", required_argument, NULL, OPT_BLOCK_TIMEOUT},
	{"immediate", no_argument, NULL, OPT_IMMEDIATE},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

int options_parse(int argc, char **argv, struct options *o, char *err, int errlen)
{
	memset(o, 0, sizeof *o);
	o->mode = MODE_CAPTURE;
	o->snaplen = 262144;
	o->buffer_mib = 8;
	o->block_timeout_ms = 10;
	o->promisc = 1;
	o->status_fd = -1;
	o->isb_interval_ms = 5000;
	o->progress_interval_ms = 500;

	uint64_t v;
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":i:f:w:s:B:c:a:b:pDh", long_options, NULL)) != -1) {
		switch (c) {
		case 'i': o->iface = optarg; break;
		case 'f': o->filter = optarg; break;
		case 'w': o->out_path = optarg; break;
		case 's':
			if (parse_u64(optarg, &v) < 0 || v == 0 || v > 262144)
				FAIL("-s: snaplen must be 1..262144, got \"%s\"", optarg);
			o->snaplen = (int)v;
			break;
		case 'B':
			if (parse_u64(optarg, &v) < 0 || v == 0 || v > 4096)
				FAIL("-B: buffer size must be 1..4096 MiB, got \"%s\"", optarg);
			o->buffer_mib = (int)v;
			break;
		case 'c':
			if (parse_u64(optarg, &v) < 0 || v == 0)
				FAIL("-c: expected a packet count > 0, got \"%s\"", optarg);
			o->stop_packets = v;
			break;
		case 'a':
			if (parse_pairs(optarg, o, err, errlen, apply_autostop) < 0)
				return -1;
			break;
		case 'b':
			if (parse_pairs(optarg, o, err, errlen, apply_ring) < 0)
				return -1;
			break;
		case 'p':
		case OPT_NO_PROMISC: o->promisc = 0; break;
		case 'D': o->mode = MODE_LIST; break;
		case OPT_SNMP: o->mode = MODE_SNMP; break;
		case 'h': o->mode = MODE_HELP; break;
		case OPT_VERSION: o->mode = MODE_VERSION; break;
		case OPT_IMMEDIATE: o->immediate = 1; break;
		case OPT_STATUS_FD:
			if (parse_u64(optarg, &v) < 0 || v < 3 || v > 1023)
				FAIL("--status-fd: expected a file descriptor number >= 3, got \"%s\"", optarg);
			if (fcntl((int)v, F_GETFD) < 0)
				FAIL("--status-fd %s: that file descriptor is not open", optarg);
			o->status_fd = (int)v;
			break;
		case OPT_NETNS:
			if (!*optarg || strchr(optarg, '/') || strcmp(optarg, ".") == 0 || strcmp(optarg, "..") == 0)
				FAIL("--netns: \"%s\" is not a namespace name (see /run/netns)", optarg);
			o->netns = optarg;
			break;
		case OPT_NETNS_PID:
			if (parse_u64(optarg, &v) < 0 || v == 0 || v > 0x3fffffff)
				FAIL("--netns-pid: expected a process id, got \"%s\"", optarg);
			o->netns_pid = (int)v;
			break;
		case OPT_ISB_INTERVAL:
			if (parse_seconds_ms(optarg, &o->isb_interval_ms) < 0)
				FAIL("--isb-interval: expected seconds > 0, got \"%s\"", optarg);
			break;
		case OPT_PROGRESS_INTERVAL:
			if (parse_seconds_ms(optarg, &o->progress_interval_ms) < 0)
				FAIL("--progress-interval: expected seconds > 0, got \"%s\"", optarg);
			break;
		case OPT_BLOCK_TIMEOUT:
			if (parse_u64(optarg, &v) < 0 || v == 0 || v > 1000)
				FAIL("--block-timeout: expected 1..1000 ms, got \"%s\"", optarg);
			o->block_timeout_ms = (int)v;
			break;
		case ':': FAIL("option %s needs a value", argv[optind - 1]);
		default: FAIL("unknown option %s (see --help)", argv[optind - 1]);
		}
	}
	if (optind < argc)
		FAIL("unexpected argument \"%s\" (quote the capture filter and pass it with -f)", argv[optind]);
	if (o->netns && o->netns_pid)
		FAIL("use either --netns or --netns-pid, not both");
	if (o->mode != MODE_CAPTURE)
		return 0;
	if (!o->iface)
		FAIL("no interface given: use -i NAME (list them with --list)");
	if (!o->out_path)
		FAIL("no output given: use -w FILE, or -w - to stream pcapng to stdout");
	int ring = o->ring_filesize_kb > 0;
	if (o->ring_files && !ring)
		FAIL("-b files:N needs -b filesize:KB to know when to switch files");
	if (ring && strcmp(o->out_path, "-") == 0)
		FAIL("a ring buffer (-b) needs -w FILE, not a stream");
	if (o->stop_files && !ring)
		FAIL("-a files:N needs a ring buffer (-b filesize:KB)");
	return 0;
}

void options_usage(const char *argv0)
{
	printf("Usage: %s -i IFACE -w FILE|- [options]    capture to pcapng\n"
	       "       %s --list [--netns NAME]           interfaces as JSON\n"
	       "       %s --snmp [--netns NAME]           /proc/net/snmp as JSON\n"
	       "\n"
	       "  -i, --interface NAME     interface to capture on\n"
	       "  -f, --filter BPF         capture filter (libpcap syntax)\n"
	       "  -w, --write FILE|-       write pcapng to FILE, or stream it to stdout\n"
	       "  -s, --snaplen N          bytes kept per packet (default 262144)\n"
	       "  -B, --buffer-size MIB    kernel ring size (default 8)\n"
	       "  -c, --count N            stop after N packets\n"
	       "  -a duration:S|filesize:KB|packets:N|files:N   stop condition\n"
	       "  -b files:N,filesize:KB   ring buffer of N files of KB kB each\n"
	       "  -p, --no-promisc         do not put the interface in promiscuous mode\n"
	       "      --netns NAME         enter /run/netns/NAME first\n"
	       "      --netns-pid PID      enter the network namespace of PID first\n"
	       "      --status-fd N        write JSON status lines to fd N\n"
	       "      --isb-interval S     write statistics blocks every S seconds (default 5)\n"
	       "      --progress-interval S  status progress lines every S seconds (default 0.5)\n"
	       "      --block-timeout MS   TPACKET_V3 block timeout, i.e. latency (default 10)\n"
	       "      --immediate          libpcap immediate mode (libpcap then uses TPACKET_V2)\n",
	       argv0, argv0, argv0);
}
