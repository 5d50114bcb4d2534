/* Entering another network namespace (--netns NAME / --netns-pid PID) before the
 * interface is opened, so containers and test namespaces can be captured. */
#ifndef WS_NETNS_H
#define WS_NETNS_H

/* Returns 0, or -1 after reporting the error (code ENETNS or EPERM). */
int netns_enter(const char *name, int pid);

#endif
