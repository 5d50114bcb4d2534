/* Interface listing for --list (see ifaces.h). Everything here goes through
 * sockets, getifaddrs (netlink) and /proc/self/net, never /sys: /sys keeps
 * showing the namespace it was mounted in, /proc/self and netlink follow setns. */
#include "ifaces.h"

#include "json.h"
#include "procnet.h"
#include "report.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if_arp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

int ifaces_linktype_for_arphrd(int arphrd, const char **name)
{
	switch (arphrd) {
	case ARPHRD_ETHER:
	case ARPHRD_LOOPBACK:
		*name = "EN10MB";
		return 1;
	case ARPHRD_NONE:
		*name = "RAW";
		return 101;
	case ARPHRD_IEEE80211_RADIOTAP:
		*name = "IEEE802_11_RADIOTAP";
		return 127;
	case ARPHRD_CAN:
		*name = "CAN_SOCKETCAN";
		return 227;
	case 824: /* ARPHRD_NETLINK, missing from glibc's header */
		*name = "NETLINK";
		return 253;
	default:
		/* libpcap falls back to its "cooked" pseudo-header for the rest. */
		*name = "LINUX_SLL";
		return 113;
	}
}

static int prefix_length(const struct sockaddr *mask)
{
	if (!mask)
		return -1;
	const unsigned char *bytes;
	size_t n;
	if (mask->sa_family == AF_INET) {
		bytes = (const unsigned char *)&((const struct sockaddr_in *)mask)->sin_addr;
		n = 4;
	} else if (mask->sa_family == AF_INET6) {
		bytes = (const unsigned char *)&((const struct sockaddr_in6 *)mask)->sin6_addr;
		n = 16;
	} else {
		return -1;
	}
	int bits = 0;
	for (size_t i = 0; i < n; i++)
		bits += __builtin_popcount(bytes[i]);
	return bits;
}

static int same_interface(const char *ifa_name, const char *name)
{
	/* IPv4 alias labels look like "eth0:1". */
	size_t n = strlen(name);
	return strncmp(ifa_name, name, n) == 0 && (ifa_name[n] == '\0' || ifa_name[n] == ':');
}

static void addresses_json(struct jbuf *b, struct ifaddrs *all, const char *name)
{
	jb_key(b, "addresses");
	jb_open(b, '[');
	for (struct ifaddrs *a = all; a; a = a->ifa_next) {
		if (!a->ifa_addr || !same_interface(a->ifa_name, name))
			continue;
		int family = a->ifa_addr->sa_family;
		if (family != AF_INET && family != AF_INET6)
			continue;
		char text[INET6_ADDRSTRLEN];
		const void *raw = family == AF_INET ? (const void *)&((struct sockaddr_in *)a->ifa_addr)->sin_addr
						    : (const void *)&((struct sockaddr_in6 *)a->ifa_addr)->sin6_addr;
		if (!inet_ntop(family, raw, text, sizeof text))
			continue;
		jb_open(b, '{');
		jb_key(b, "family");
		jb_string(b, family == AF_INET ? "inet" : "inet6");
		jb_key(b, "address");
		jb_string(b, text);
		jb_key(b, "prefixLength");
		jb_i64(b, prefix_length(a->ifa_netmask));
		/* Without a configured broadcast address glibc hands back the interface
		 * address in ifa_broadaddr; only a different one is a broadcast address. */
		char brd[INET_ADDRSTRLEN];
		if (family == AF_INET && (a->ifa_flags & IFF_BROADCAST) && a->ifa_broadaddr &&
		    inet_ntop(AF_INET, &((struct sockaddr_in *)a->ifa_broadaddr)->sin_addr, brd, sizeof brd) &&
		    strcmp(brd, text) != 0) {
			jb_key(b, "broadcast");
			jb_string(b, brd);
		}
		jb_close(b, '}');
	}
	jb_close(b, ']');
}

static void interface_json(struct jbuf *b, int sock, struct ifaddrs *all, const struct if_nameindex *ni)
{
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", ni->if_name);

	jb_open(b, '{');
	jb_key(b, "name");
	jb_string(b, ni->if_name);
	jb_key(b, "index");
	jb_u64(b, ni->if_index);

	/* SIOCGIFFLAGS reports IFF_PROMISC only when someone set the interface
	 * flag itself; socket memberships (ours, tcpdump's) do not show here. */
	int flags = ioctl(sock, SIOCGIFFLAGS, &ifr) == 0 ? ifr.ifr_flags : 0;
	jb_key(b, "flags");
	jb_open(b, '{');
	jb_key(b, "up"); jb_bool(b, flags & IFF_UP);
	jb_key(b, "running"); jb_bool(b, flags & IFF_RUNNING);
	jb_key(b, "loopback"); jb_bool(b, flags & IFF_LOOPBACK);
	jb_key(b, "promisc"); jb_bool(b, flags & IFF_PROMISC);
	jb_key(b, "broadcast"); jb_bool(b, flags & IFF_BROADCAST);
	jb_key(b, "multicast"); jb_bool(b, flags & IFF_MULTICAST);
	jb_key(b, "pointToPoint"); jb_bool(b, flags & IFF_POINTOPOINT);
	jb_close(b, '}');

	jb_key(b, "mtu");
	if (ioctl(sock, SIOCGIFMTU, &ifr) == 0)
		jb_i64(b, ifr.ifr_mtu);
	else
		jb_null(b);

	if (ioctl(sock, SIOCGIFHWADDR, &ifr) == 0) {
		int arphrd = ifr.ifr_hwaddr.sa_family;
		const char *lt_name;
		int lt = ifaces_linktype_for_arphrd(arphrd, &lt_name);
		jb_key(b, "arphrd");
		jb_i64(b, arphrd);
		jb_key(b, "linkType");
		jb_i64(b, lt);
		jb_key(b, "linkTypeName");
		jb_string(b, lt_name);
		if (arphrd == ARPHRD_ETHER) {
			const unsigned char *m = (const unsigned char *)ifr.ifr_hwaddr.sa_data;
			char mac[18];
			snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
			jb_key(b, "mac");
			jb_string(b, mac);
		}
	}

	addresses_json(b, all, ni->if_name);

	struct dev_counters c;
	jb_key(b, "counters");
	if (procnet_dev_counters(ni->if_name, &c) == 0)
		procnet_dev_json(b, &c);
	else
		jb_null(b);
	jb_close(b, '}');
}

int ifaces_list(const char *netns_label)
{
	struct if_nameindex *names = if_nameindex();
	if (!names) {
		report_error(WS_ECAPTURE, "Cannot list interfaces: %m");
		return 1;
	}
	struct ifaddrs *all = NULL;
	if (getifaddrs(&all) < 0)
		all = NULL;
	int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (sock < 0)
		sock = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "netns");
	jb_string(&b, netns_label);
	jb_key(&b, "interfaces");
	jb_open(&b, '[');
	for (struct if_nameindex *ni = names; ni->if_index != 0; ni++)
		interface_json(&b, sock, all, ni);
	jb_close(&b, ']');
	jb_close(&b, '}');
	jb_append(&b, "\n");
	fwrite(b.buf, 1, b.len, stdout);
	fflush(stdout);

	jb_free(&b);
	if (sock >= 0)
		close(sock);
	if (all)
		freeifaddrs(all);
	if_freenameindex(names);
	return 0;
}
