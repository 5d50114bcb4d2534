/* setns(CLONE_NEWNET) into /run/netns/NAME or /proc/PID/ns/net (see netns.h).
 * Only the network namespace changes: file paths still resolve as before, but
 * /proc/self/net, ioctls and netlink now see the namespace's interfaces. */
#include "netns.h"

#include "privileges.h"
#include "report.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void known_namespaces(char *out, size_t n)
{
	out[0] = '\0';
	DIR *d = opendir("/run/netns");
	if (!d) {
		snprintf(out, n, "none (/run/netns does not exist)");
		return;
	}
	size_t used = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int w = snprintf(out + used, n - used, "%s%s", used ? ", " : "", e->d_name);
		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	closedir(d);
	if (!used)
		snprintf(out, n, "none");
}

int netns_enter(const char *name, int pid)
{
	char path[256];
	if (name)
		snprintf(path, sizeof path, "/run/netns/%s", name);
	else
		snprintf(path, sizeof path, "/proc/%d/ns/net", pid);

	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT && name) {
			char known[1024];
			known_namespaces(known, sizeof known);
			report_error(WS_ENETNS, "Network namespace \"%s\" does not exist (%s not found). Known namespaces: %s.",
				     name, path, known);
		} else if (e == ENOENT) {
			report_error(WS_ENETNS, "No process %d (%s not found), so its network namespace cannot be entered.",
				     pid, path);
		} else if (e == EACCES || e == EPERM) {
			report_error(WS_EPERM, "Cannot open %s: %s. Entering another process's namespace needs root or CAP_SYS_PTRACE.",
				     path, strerror(e));
		} else {
			report_error(WS_ENETNS, "Cannot open %s: %s", path, strerror(e));
		}
		return -1;
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		int e = errno;
		close(fd);
		if (e == EPERM) {
			char hint[512];
			privileges_setcap_hint(hint, sizeof hint, "cap_net_raw,cap_net_admin,cap_sys_admin");
			report_error(WS_EPERM, "Entering network namespace %s needs CAP_SYS_ADMIN: run the helper as root, or give it the capability with: %s",
				     name ? name : path, hint);
		} else {
			report_error(WS_ENETNS, "Cannot enter network namespace %s: %s", name ? name : path, strerror(e));
		}
		return -1;
	}
	close(fd);
	return 0;
}
