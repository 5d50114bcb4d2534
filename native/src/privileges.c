/* Capability handling with the raw capget/capset syscalls and prctl, so the
 * helper needs no libcap (see privileges.h). */
#include "privileges.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *privileges_self_path(void)
{
	static char path[4096];
	if (path[0])
		return path;
	ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0)
		snprintf(path, sizeof path, "native/build/wiresight-capture");
	else
		path[n] = '\0';
	return path;
}

void privileges_setcap_hint(char *out, size_t n, const char *caps)
{
	snprintf(out, n, "sudo setcap %s+eip %s", caps, privileges_self_path());
}

int privileges_drop_all(void)
{
	struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	memset(data, 0, sizeof data);
	/* Ambient capabilities would survive into a child; we never exec, but
	 * clearing them costs nothing. EINVAL means the kernel lacks them. */
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return -1;
	if (syscall(SYS_capset, &header, data) < 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return 0;
}

int privileges_have(int cap)
{
	struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	memset(data, 0, sizeof data);
	if (syscall(SYS_capget, &header, data) < 0)
		return 0;
	return (data[cap / 32].effective >> (cap % 32)) & 1;
}
