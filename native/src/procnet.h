/* Counters from /proc/self/net: per-interface (dev) and the kernel's IP stack
 * MIBs (snmp, snmp6). /proc/self/net follows the helper's network namespace,
 * which is why the helper (and not the UI) reads them when --netns is used. */
#ifndef WS_PROCNET_H
#define WS_PROCNET_H

#include "json.h"

#include <stdint.h>

struct dev_counters {
	uint64_t rx_bytes, rx_packets, rx_errs, rx_drop;
	uint64_t tx_bytes, tx_packets, tx_errs, tx_drop;
};

/* Returns 0 when the interface has a line in /proc/self/net/dev. */
int procnet_dev_counters(const char *ifname, struct dev_counters *out);
/* {"rxBytes":..,"rxPackets":..,"rxErrs":..,"rxDrop":..,"txBytes":..,...} */
void procnet_dev_json(struct jbuf *b, const struct dev_counters *c);
/* {"Ip":{"InReceives":..},"Icmp":{..},"Tcp":{..},"Udp":{..},"Ip6":{..},"Icmp6":{..},"Udp6":{..}}
 * Sections that cannot be read are left out. */
void procnet_snmp_json(struct jbuf *b);

#endif
