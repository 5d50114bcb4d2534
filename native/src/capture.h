/* Opening the interface with libpcap: PF_PACKET socket with a TPACKET_V3 ring,
 * nanosecond kernel timestamps, snaplen, ring size, BPF filter, and promiscuous
 * mode through a socket membership. */
#ifndef WS_CAPTURE_H
#define WS_CAPTURE_H

#include "options.h"

#include <pcap/pcap.h>

struct capture {
	pcap_t *pcap;
	int fd;
	int ifindex;          /* 0 for the "any" pseudo-interface */
	int linktype;         /* LINKTYPE_* for the IDB */
	int tsresol;          /* 9 (ns) unless libpcap refused nanoseconds */
	int tpacket_version;  /* as reported by the socket, -1 if unknown */
	int promisc;          /* a PACKET_MR_PROMISC membership is held */
};

/* Opens the device (needs CAP_NET_RAW). Reports the error and returns -1 on failure. */
int capture_open(struct capture *c, const struct options *o);
/* Compiles and installs the capture filter; needs no privilege. */
int capture_set_filter(struct capture *c, const struct options *o);
void capture_close(struct capture *c);

#endif
