/* Interface opening with libpcap (see capture.h). */
#include "capture.h"

#include "privileges.h"
#include "report.h"

#include <errno.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* pcapng needs LINKTYPE_* values; libpcap's pcap_datalink() returns DLT_*.
 * They agree except for a few historical ones, of which only DLT_RAW can
 * show up on Linux. */
static int linktype_from_dlt(int dlt)
{
#ifdef DLT_RAW
	if (dlt == DLT_RAW)
		return 101;
#endif
	if (dlt == 14) /* DLT_RAW on some BSDs */
		return 101;
	return dlt;
}

static void list_names(char *out, size_t n)
{
	out[0] = '\0';
	struct if_nameindex *names = if_nameindex();
	if (!names)
		return;
	size_t used = 0;
	for (struct if_nameindex *ni = names; ni->if_index; ni++) {
		int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", ni->if_name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	if_freenameindex(names);
}

static void report_no_device(const struct options *o)
{
	char names[1024];
	list_names(names, sizeof names);
	report_error(WS_ENODEV, "No interface named \"%s\"%s%s. Interfaces here: %s.", o->iface,
		     o->netns ? " in network namespace " : "", o->netns ? o->netns : "", names);
}

static void report_activate_error(pcap_t *p, int rc, const struct options *o)
{
	char hint[512];
	switch (rc) {
	case PCAP_ERROR_NO_SUCH_DEVICE:
		report_no_device(o);
		break;
	case PCAP_ERROR_PERM_DENIED:
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		privileges_setcap_hint(hint, sizeof hint, "cap_net_raw,cap_net_admin");
		report_error(WS_EPERM,
			     "No permission to capture on %s (%s). Run the helper as root, or give it the capabilities once with: %s",
			     o->iface, pcap_geterr(p), hint);
		break;
	case PCAP_ERROR_IFACE_NOT_UP:
		if (o->netns)
			report_error(WS_ENETDOWN, "Interface %s is down; bring it up first (ip -n %s link set %s up).",
				     o->iface, o->netns, o->iface);
		else
			report_error(WS_ENETDOWN, "Interface %s is down; bring it up first (ip link set %s up).", o->iface,
				     o->iface);
		break;
	default:
		report_error(WS_ECAPTURE, "Cannot capture on %s: %s", o->iface, pcap_geterr(p));
		break;
	}
}

/* Promiscuous mode as a membership of our socket: the kernel counts it per
 * socket and takes it back when the socket closes, however the helper ends.
 * Setting IFF_PROMISC on the interface instead would outlive a crash. */
static int add_promisc_membership(struct capture *c, const struct options *o)
{
	if (c->ifindex == 0) {
		report_warning(WS_ECAPTURE, "Promiscuous mode is not available on \"%s\"; capturing without it.", o->iface);
		return 0;
	}
	struct packet_mreq mr;
	memset(&mr, 0, sizeof mr);
	mr.mr_ifindex = c->ifindex;
	mr.mr_type = PACKET_MR_PROMISC;
	if (setsockopt(c->fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mr, sizeof mr) < 0) {
		report_error(WS_ECAPTURE, "Cannot enable promiscuous mode on %s: %s (use --no-promisc to capture without it)",
			     o->iface, strerror(errno));
		return -1;
	}
	c->promisc = 1;
	return 0;
}

int capture_open(struct capture *c, const struct options *o)
{
	memset(c, 0, sizeof *c);
	c->fd = -1;
	c->tpacket_version = -1;

	/* Checked before libpcap so an unprivileged caller still learns that the
	 * name is wrong rather than only that it lacks permission. */
	if (strcmp(o->iface, "any") != 0) {
		c->ifindex = (int)if_nametoindex(o->iface);
		if (c->ifindex == 0) {
			report_no_device(o);
			return -1;
		}
	}

	char errbuf[PCAP_ERRBUF_SIZE] = "";
	c->pcap = pcap_create(o->iface, errbuf);
	if (!c->pcap) {
		report_error(WS_ECAPTURE, "Cannot capture on %s: %s", o->iface, errbuf);
		return -1;
	}
	pcap_t *p = c->pcap;
	pcap_set_snaplen(p, o->snaplen);
	pcap_set_promisc(p, 0); /* see add_promisc_membership() */
	pcap_set_buffer_size(p, o->buffer_mib * 1024 * 1024);
	/* With immediate mode libpcap picks TPACKET_V2 (V3 always batches into
	 * blocks); by default we keep V3 and bound the latency with the block
	 * retire timeout instead. */
	if (o->immediate)
		pcap_set_immediate_mode(p, 1);
	else
		pcap_set_timeout(p, o->block_timeout_ms);
	int nano = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) == 0;

	int rc = pcap_activate(p);
	if (rc < 0) {
		report_activate_error(p, rc, o);
		pcap_close(p);
		c->pcap = NULL;
		return -1;
	}
	if (rc > 0)
		report_warning(WS_ECAPTURE, "libpcap warning on %s: %s", o->iface, pcap_geterr(p));

	c->fd = pcap_get_selectable_fd(p);
	c->linktype = linktype_from_dlt(pcap_datalink(p));
	c->tsresol = nano && pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO ? 9 : 6;
	int version = -1;
	socklen_t len = sizeof version;
	if (getsockopt(c->fd, SOL_PACKET, PACKET_VERSION, &version, &len) == 0)
		c->tpacket_version = version + 1; /* TPACKET_V1 is 0 */

	if (pcap_setnonblock(p, 1, errbuf) < 0) {
		report_error(WS_ECAPTURE, "Cannot switch %s to non-blocking mode: %s", o->iface, errbuf);
		return -1;
	}
	if (o->promisc && add_promisc_membership(c, o) < 0)
		return -1;
	return 0;
}

int capture_set_filter(struct capture *c, const struct options *o)
{
	if (!o->filter || !*o->filter)
		return 0;
	bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
	char errbuf[PCAP_ERRBUF_SIZE];
	if (c->ifindex && pcap_lookupnet(o->iface, &net, &mask, errbuf) < 0)
		mask = PCAP_NETMASK_UNKNOWN; /* only "ip broadcast" needs it */
	struct bpf_program prog;
	if (pcap_compile(c->pcap, &prog, o->filter, 1, mask) < 0) {
		report_error(WS_EBADFILTER, "Invalid capture filter \"%s\": %s. Capture filters use libpcap syntax (man pcap-filter), e.g. \"tcp port 80\" or \"host 198.18.0.1\".",
			     o->filter, pcap_geterr(c->pcap));
		return -1;
	}
	int rc = pcap_setfilter(c->pcap, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		report_error(WS_EBADFILTER, "Cannot install capture filter \"%s\": %s", o->filter, pcap_geterr(c->pcap));
		return -1;
	}
	return 0;
}

void capture_close(struct capture *c)
{
	if (c->pcap)
		pcap_close(c->pcap);
	c->pcap = NULL;
	c->fd = -1;
}
