/* Readers for /proc/self/net/{dev,snmp,snmp6} (see procnet.h). */
#include "procnet.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int procnet_dev_counters(const char *ifname, struct dev_counters *out)
{
	FILE *f = fopen("/proc/self/net/dev", "re");
	if (!f)
		return -1;
	char line[512];
	int found = -1;
	while (fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue; /* the two header lines */
		*colon = '\0';
		char *name = line;
		while (*name == ' ')
			name++;
		if (strcmp(name, ifname) != 0)
			continue;
		uint64_t v[16] = {0};
		int n = sscanf(colon + 1,
			       "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64
			       " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64,
			       &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
			       &v[8], &v[9], &v[10], &v[11], &v[12], &v[13], &v[14], &v[15]);
		if (n < 12)
			break;
		out->rx_bytes = v[0];
		out->rx_packets = v[1];
		out->rx_errs = v[2];
		out->rx_drop = v[3];
		out->tx_bytes = v[8];
		out->tx_packets = v[9];
		out->tx_errs = v[10];
		out->tx_drop = v[11];
		found = 0;
		break;
	}
	fclose(f);
	return found;
}

void procnet_dev_json(struct jbuf *b, const struct dev_counters *c)
{
	jb_open(b, '{');
	jb_key(b, "rxBytes"); jb_u64(b, c->rx_bytes);
	jb_key(b, "rxPackets"); jb_u64(b, c->rx_packets);
	jb_key(b, "rxErrs"); jb_u64(b, c->rx_errs);
	jb_key(b, "rxDrop"); jb_u64(b, c->rx_drop);
	jb_key(b, "txBytes"); jb_u64(b, c->tx_bytes);
	jb_key(b, "txPackets"); jb_u64(b, c->tx_packets);
	jb_key(b, "txErrs"); jb_u64(b, c->tx_errs);
	jb_key(b, "txDrop"); jb_u64(b, c->tx_drop);
	jb_close(b, '}');
}

static int wanted_snmp_section(const char *s)
{
	return strcmp(s, "Ip") == 0 || strcmp(s, "Icmp") == 0 || strcmp(s, "Tcp") == 0 || strcmp(s, "Udp") == 0;
}

/* /proc/net/snmp: a header line "Tcp: RtoAlgorithm RtoMin ..." followed by a
 * value line "Tcp: 1 200 ..." with the same prefix. */
static void snmp4(struct jbuf *b)
{
	FILE *f = fopen("/proc/self/net/snmp", "re");
	if (!f)
		return;
	char names[4096], values[4096];
	while (fgets(names, sizeof names, f) && fgets(values, sizeof values, f)) {
		char *nc = strchr(names, ':');
		char *vc = strchr(values, ':');
		if (!nc || !vc)
			continue;
		*nc = '\0';
		*vc = '\0';
		if (strcmp(names, values) != 0 || !wanted_snmp_section(names))
			continue;
		jb_key(b, names);
		jb_open(b, '{');
		char *ns = NULL, *vs = NULL;
		char *name = strtok_r(nc + 1, " \n", &ns);
		char *value = strtok_r(vc + 1, " \n", &vs);
		while (name && value) {
			jb_key(b, name);
			jb_i64(b, strtoll(value, NULL, 10));
			name = strtok_r(NULL, " \n", &ns);
			value = strtok_r(NULL, " \n", &vs);
		}
		jb_close(b, '}');
	}
	fclose(f);
}

/* /proc/net/snmp6: one "Ip6InReceives  123" per line; grouped by prefix. */
static void snmp6(struct jbuf *b)
{
	static const char *const prefixes[] = {"Ip6", "Icmp6", "Udp6"};
	FILE *f = fopen("/proc/self/net/snmp6", "re");
	if (!f)
		return;
	for (size_t p = 0; p < sizeof prefixes / sizeof prefixes[0]; p++) {
		rewind(f);
		size_t plen = strlen(prefixes[p]);
		int opened = 0;
		char line[256];
		while (fgets(line, sizeof line, f)) {
			char name[128];
			long long value;
			if (sscanf(line, "%127s %lld", name, &value) != 2)
				continue;
			/* "Icmp6InMsgs" must not land in "Ip6"; "Udp6" must not take "UdpLite6". */
			if (strncmp(name, prefixes[p], plen) != 0 || name[plen] < 'A' || name[plen] > 'Z')
				continue;
			if (!opened) {
				jb_key(b, prefixes[p]);
				jb_open(b, '{');
				opened = 1;
			}
			jb_key(b, name + plen);
			jb_i64(b, value);
		}
		if (opened)
			jb_close(b, '}');
	}
	fclose(f);
}

void procnet_snmp_json(struct jbuf *b)
{
	jb_open(b, '{');
	snmp4(b);
	snmp6(b);
	jb_close(b, '}');
}
