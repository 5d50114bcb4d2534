/* --list: the interfaces of the current network namespace as one JSON document. */
#ifndef WS_IFACES_H
#define WS_IFACES_H

/* Prints {"netns":..,"interfaces":[..]} on stdout. Returns the exit code. */
int ifaces_list(const char *netns_label);
/* The pcapng link type libpcap will use for an ARPHRD_* hardware type. */
int ifaces_linktype_for_arphrd(int arphrd, const char **name);

#endif
