/* Capabilities: the helper runs as root or with cap_net_raw,cap_net_admin from
 * setcap; once the capture socket is open it needs none of them any more. */
#ifndef WS_PRIVILEGES_H
#define WS_PRIVILEGES_H

#include <stddef.h>

/* Absolute path of this executable (from /proc/self/exe). */
const char *privileges_self_path(void);
/* "sudo setcap CAPS+eip /abs/path/to/helper" into out. */
void privileges_setcap_hint(char *out, size_t n, const char *caps);
/* Clears the effective, permitted, inheritable and ambient sets and sets
 * no_new_privs. Returns 0, or -1 with errno. */
int privileges_drop_all(void);
/* 1 when cap (a CAP_* number) is in the effective set. */
int privileges_have(int cap);

#endif
