/* pcapng block encoders: section header, interface description, enhanced packet
 * and interface statistics blocks, in host byte order (the section header's
 * byte-order magic tells readers which). One interface per section (id 0). */
#ifndef WS_PCAPNG_H
#define WS_PCAPNG_H

#include "sink.h"

#include <stdint.h>

struct pcapng_iface {
	const char *name;
	const char *filter;   /* NULL: none */
	int linktype;         /* LINKTYPE_* */
	uint32_t snaplen;
	int tsresol;          /* decimal exponent: 9 = nanoseconds */
};

struct pcapng_stats {
	uint64_t time;        /* in units of the interface's tsresol */
	uint64_t start_time;
	uint64_t received;    /* libpcap ps_recv */
	uint64_t dropped;     /* libpcap ps_drop: the kernel ring was full */
	uint64_t delivered;   /* packets written by the helper */
};

/* SHB followed by the IDB. */
int pcapng_write_header(struct sink *s, const struct pcapng_iface *iface);
int pcapng_write_packet(struct sink *s, uint64_t ts, uint32_t caplen, uint32_t origlen, const uint8_t *data);
int pcapng_write_stats(struct sink *s, const struct pcapng_stats *st);

#endif
