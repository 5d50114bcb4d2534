/* wiresight-capture: the small privileged program that opens a network
 * interface, drops its privileges and writes pcapng (see native/README.md). */
#include "capture.h"
#include "ifaces.h"
#include "json.h"
#include "loop.h"
#include "netns.h"
#include "options.h"
#include "output.h"
#include "privileges.h"
#include "procnet.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

static int print_snmp(void)
{
	struct jbuf b;
	jb_init(&b);
	procnet_snmp_json(&b);
	jb_append(&b, "\n");
	fwrite(b.buf, 1, b.len, stdout);
	jb_free(&b);
	return fflush(stdout) == 0 ? 0 : 1;
}

static int run_capture(const struct options *o, const char *netns_label)
{
	struct capture c;
	if (capture_open(&c, o) < 0) {
		capture_close(&c);
		return 1;
	}
	/* The socket is open and the promiscuous membership held: nothing below
	 * needs a privilege, so give them all up before touching files or filters. */
	if (privileges_drop_all() < 0) {
		report_error(WS_ECAPTURE, "Cannot drop privileges: %m");
		capture_close(&c);
		return 1;
	}
	if (capture_set_filter(&c, o) < 0) {
		capture_close(&c);
		return 1;
	}
	struct pcapng_iface iface = {
		.name = o->iface,
		.filter = o->filter,
		.linktype = c.linktype,
		.snaplen = (uint32_t)o->snaplen,
		.tsresol = c.tsresol,
	};
	struct output out;
	if (output_open(&out, o, &iface) < 0) {
		capture_close(&c);
		return 1;
	}
	int rc = capture_loop(&c, &out, o, netns_label);
	capture_close(&c);
	return rc;
}

int main(int argc, char **argv)
{
	struct options o;
	char err[512];
	if (options_parse(argc, argv, &o, err, sizeof err) < 0) {
		report_error(WS_EUSAGE, "%s", err);
		return 2;
	}
	if (o.mode == MODE_HELP) {
		options_usage(argv[0]);
		return 0;
	}
	if (o.mode == MODE_VERSION) {
		printf("wiresight-capture %s (%s)\n", WS_VERSION, pcap_lib_version());
		return 0;
	}
	report_init(o.status_fd);
	capture_loop_signals();

	char netns_label[64] = "";
	if (o.netns || o.netns_pid) {
		if (netns_enter(o.netns, o.netns_pid) < 0)
			return 1;
		if (o.netns)
			snprintf(netns_label, sizeof netns_label, "%s", o.netns);
		else
			snprintf(netns_label, sizeof netns_label, "pid:%d", o.netns_pid);
	}
	const char *label = netns_label[0] ? netns_label : NULL;

	switch (o.mode) {
	case MODE_LIST:
		privileges_drop_all();
		return ifaces_list(label);
	case MODE_SNMP:
		privileges_drop_all();
		return print_snmp();
	default:
		return run_capture(&o, label);
	}
}
