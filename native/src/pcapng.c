/* pcapng block encoders (see pcapng.h). Option codes and layouts are those of
 * the pcapng specification (draft-ietf-opsawg-pcapng). */
#include "pcapng.h"

#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#define BT_SHB 0x0A0D0D0Au
#define BT_IDB 0x00000001u
#define BT_ISB 0x00000005u
#define BT_EPB 0x00000006u

#define OPT_ENDOFOPT 0
#define OPT_SHB_HARDWARE 2
#define OPT_SHB_OS 3
#define OPT_SHB_USERAPPL 4
#define OPT_IF_NAME 2
#define OPT_IF_TSRESOL 9
#define OPT_IF_FILTER 11
#define OPT_ISB_STARTTIME 2
#define OPT_ISB_ENDTIME 3
#define OPT_ISB_IFRECV 4
#define OPT_ISB_IFDROP 5
#define OPT_ISB_USRDELIV 8

#define HELPER_NAME "Wiresight capture helper " WS_VERSION

/* Blocks other than EPBs are assembled here before one sink_write. */
struct block {
	uint8_t data[4096];
	size_t len;
};

static void put(struct block *b, const void *p, size_t n)
{
	if (b->len + n > sizeof b->data)
		n = sizeof b->data - b->len; /* only an absurdly long filter could hit this */
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

static void put32(struct block *b, uint32_t v) { put(b, &v, 4); }
static void put16(struct block *b, uint16_t v) { put(b, &v, 2); }

static void put_pad(struct block *b)
{
	static const uint8_t zeros[4];
	put(b, zeros, (4 - b->len % 4) % 4);
}

static void option(struct block *b, uint16_t code, const void *value, size_t n)
{
	/* Option values longer than the block buffer are not representable; skip them. */
	if (n > 0xFFFF || b->len + 4 + n + 3 + 8 > sizeof b->data)
		return;
	put16(b, code);
	put16(b, (uint16_t)n);
	put(b, value, n);
	put_pad(b);
}

static void option_string(struct block *b, uint16_t code, const char *s)
{
	if (s && *s)
		option(b, code, s, strlen(s));
}

static void option_timestamp(struct block *b, uint16_t code, uint64_t ts)
{
	uint32_t parts[2] = {(uint32_t)(ts >> 32), (uint32_t)ts};
	option(b, code, parts, 8);
}

static void option_u64(struct block *b, uint16_t code, uint64_t v)
{
	option(b, code, &v, 8);
}

static void begin(struct block *b, uint32_t type)
{
	b->len = 0;
	put32(b, type);
	put32(b, 0); /* total length, patched by finish() */
}

static int finish(struct sink *s, struct block *b)
{
	put16(b, OPT_ENDOFOPT);
	put16(b, 0);
	uint32_t total = (uint32_t)(b->len + 4);
	memcpy(b->data + 4, &total, 4);
	put32(b, total);
	return sink_write(s, b->data, b->len);
}

int pcapng_write_header(struct sink *s, const struct pcapng_iface *iface)
{
	struct block b;
	struct utsname u;
	char os[256] = "";
	int have_uname = uname(&u) == 0;
	if (have_uname)
		snprintf(os, sizeof os, "%s %s", u.sysname, u.release);

	begin(&b, BT_SHB);
	put32(&b, 0x1A2B3C4Du);
	put16(&b, 1);
	put16(&b, 0);
	uint64_t unknown_length = UINT64_MAX; /* -1: section length not known up front */
	put(&b, &unknown_length, 8);
	option_string(&b, OPT_SHB_HARDWARE, have_uname ? u.machine : NULL);
	option_string(&b, OPT_SHB_OS, os);
	option_string(&b, OPT_SHB_USERAPPL, HELPER_NAME);
	if (finish(s, &b) < 0)
		return -1;

	begin(&b, BT_IDB);
	put16(&b, (uint16_t)iface->linktype);
	put16(&b, 0);
	put32(&b, iface->snaplen);
	option_string(&b, OPT_IF_NAME, iface->name);
	uint8_t tsresol = (uint8_t)iface->tsresol;
	option(&b, OPT_IF_TSRESOL, &tsresol, 1);
	if (iface->filter && *iface->filter) {
		/* First byte 0: the filter is a libpcap filter string. */
		uint8_t filter[1024];
		size_t n = strnlen(iface->filter, sizeof filter - 1);
		filter[0] = 0;
		memcpy(filter + 1, iface->filter, n);
		option(&b, OPT_IF_FILTER, filter, n + 1);
	}
	return finish(s, &b);
}

int pcapng_write_packet(struct sink *s, uint64_t ts, uint32_t caplen, uint32_t origlen, const uint8_t *data)
{
	static const uint8_t zeros[4];
	uint32_t pad = (4 - caplen % 4) % 4;
	uint32_t total = 32 + caplen + pad;
	uint32_t head[7] = {BT_EPB, total, 0, (uint32_t)(ts >> 32), (uint32_t)ts, caplen, origlen};
	if (sink_write(s, head, sizeof head) < 0 || sink_write(s, data, caplen) < 0 ||
	    sink_write(s, zeros, pad) < 0)
		return -1;
	return sink_write(s, &total, 4);
}

int pcapng_write_stats(struct sink *s, const struct pcapng_stats *st)
{
	struct block b;
	begin(&b, BT_ISB);
	put32(&b, 0);
	put32(&b, (uint32_t)(st->time >> 32));
	put32(&b, (uint32_t)st->time);
	option_timestamp(&b, OPT_ISB_STARTTIME, st->start_time);
	option_timestamp(&b, OPT_ISB_ENDTIME, st->time);
	option_u64(&b, OPT_ISB_IFRECV, st->received);
	option_u64(&b, OPT_ISB_IFDROP, st->dropped);
	option_u64(&b, OPT_ISB_USRDELIV, st->delivered);
	return finish(s, &b);
}
