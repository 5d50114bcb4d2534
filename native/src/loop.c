/* The capture loop (see loop.h). */
#include "loop.h"

#include "procnet.h"
#include "report.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Flush at least this often under load, so followers see packets promptly. */
#define FLUSH_INTERVAL_MS 200
/* After a stop request, how long to keep draining packets the kernel already
 * holds in a block that has not been handed over yet. */
#define DRAIN_EXTRA_MS 30

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

void capture_loop_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: poll() must wake up */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN); /* a closed stdout shows up as EPIPE instead */
}

struct loop {
	struct capture *c;
	struct output *out;
	const struct options *o;
	uint64_t packets;
	uint64_t start_wall;       /* in tsresol units */
	uint64_t start_mono_ms;
	const char *reason;        /* why we stop; NULL while running */
	int accept;                /* 0 once no further packet may be written */
	int failed;
	struct dev_counters dev_start;
	int have_dev;
};

static uint64_t mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static uint64_t wall_ts(int tsresol)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	if (tsresol == 9)
		return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
	return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

static void stop(struct loop *L, const char *reason, int accept_more)
{
	if (!L->reason)
		L->reason = reason;
	if (!accept_more)
		L->accept = 0;
	pcap_breakloop(L->c->pcap);
}

static struct pcapng_stats stats_now(struct loop *L)
{
	struct pcapng_stats st;
	memset(&st, 0, sizeof st);
	struct pcap_stat ps;
	if (pcap_stats(L->c->pcap, &ps) == 0) {
		st.received = ps.ps_recv;
		st.dropped = ps.ps_drop;
	}
	st.time = wall_ts(L->c->tsresol);
	st.start_time = L->start_wall;
	st.delivered = L->packets;
	return st;
}

static uint64_t if_dropped(struct loop *L)
{
	struct dev_counters now;
	if (!L->have_dev || procnet_dev_counters(L->o->iface, &now) < 0)
		return 0;
	return now.rx_drop - L->dev_start.rx_drop;
}

static void write_failed(struct loop *L)
{
	int e = L->out->sink.error;
	if (L->out->streaming && e == EPIPE) {
		stop(L, "stdout-closed", 0);
		return;
	}
	report_error(WS_EOUTPUT, "Cannot write %s: %s", L->out->path, strerror(e));
	L->failed = 1;
	stop(L, "error", 0);
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct loop *L = (struct loop *)user;
	if (!L->accept)
		return;
	const struct options *o = L->o;
	uint64_t scale = L->c->tsresol == 9 ? 1000000000u : 1000000u;
	/* With nanosecond precision libpcap stores nanoseconds in tv_usec. */
	uint64_t ts = (uint64_t)h->ts.tv_sec * scale + (uint64_t)h->ts.tv_usec;
	if (pcapng_write_packet(&L->out->sink, ts, h->caplen, h->len, bytes) < 0) {
		write_failed(L);
		return;
	}
	L->packets++;
	uint64_t file_bytes = L->out->sink.bytes;
	if (o->stop_packets && L->packets >= o->stop_packets) {
		stop(L, "packets", 0);
	} else if (o->stop_filesize_kb && file_bytes >= o->stop_filesize_kb * 1000u) {
		stop(L, "filesize", 0);
	} else if (L->out->ring && file_bytes >= o->ring_filesize_kb * 1000u) {
		if (o->stop_files && L->out->file_number >= o->stop_files) {
			stop(L, "files", 0);
			return;
		}
		struct pcapng_stats st = stats_now(L);
		if (output_rotate(L->out, &st) < 0) {
			L->failed = 1;
			stop(L, "error", 0);
		}
	}
}

static void status_counts(struct loop *L, struct jbuf *b)
{
	struct pcap_stat ps;
	memset(&ps, 0, sizeof ps);
	pcap_stats(L->c->pcap, &ps);
	jb_key(b, "packets"); jb_u64(b, L->packets);
	jb_key(b, "bytes"); jb_u64(b, output_bytes(L->out));
	jb_key(b, "received"); jb_u64(b, ps.ps_recv);
	jb_key(b, "dropped"); jb_u64(b, ps.ps_drop);
	jb_key(b, "ifDropped"); jb_u64(b, if_dropped(L));
	jb_key(b, "elapsedMs"); jb_u64(b, mono_ms() - L->start_mono_ms);
}

static void status_started(struct loop *L, const char *netns_label)
{
	const struct options *o = L->o;
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type"); jb_string(&b, "started");
	jb_key(&b, "pid"); jb_i64(&b, getpid());
	jb_key(&b, "interface"); jb_string(&b, o->iface);
	jb_key(&b, "ifindex"); jb_i64(&b, L->c->ifindex);
	jb_key(&b, "netns"); jb_string(&b, netns_label);
	jb_key(&b, "linkType"); jb_i64(&b, L->c->linktype);
	jb_key(&b, "snaplen"); jb_i64(&b, o->snaplen);
	jb_key(&b, "bufferMiB"); jb_i64(&b, o->buffer_mib);
	jb_key(&b, "tsresol"); jb_i64(&b, L->c->tsresol);
	jb_key(&b, "tpacketVersion"); jb_i64(&b, L->c->tpacket_version);
	jb_key(&b, "promisc"); jb_bool(&b, L->c->promisc);
	jb_key(&b, "filter"); jb_string(&b, o->filter ? o->filter : "");
	jb_key(&b, "file"); jb_string(&b, L->out->path);
	jb_key(&b, "time"); jb_u64(&b, L->start_wall);
	jb_key(&b, "snmp"); procnet_snmp_json(&b);
	jb_close(&b, '}');
	report_status(&b);
	jb_free(&b);
}

static void status_progress(struct loop *L)
{
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type"); jb_string(&b, "progress");
	status_counts(L, &b);
	jb_key(&b, "file"); jb_string(&b, L->out->path);
	jb_close(&b, '}');
	report_status(&b);
	jb_free(&b);
}

static void status_stopped(struct loop *L)
{
	struct jbuf b;
	jb_init(&b);
	jb_open(&b, '{');
	jb_key(&b, "type"); jb_string(&b, "stopped");
	jb_key(&b, "reason"); jb_string(&b, L->reason ? L->reason : "error");
	status_counts(L, &b);
	jb_key(&b, "files"); output_files_json(L->out, &b);
	jb_key(&b, "snmp"); procnet_snmp_json(&b);
	jb_close(&b, '}');
	report_status(&b);
	jb_free(&b);
}

/* stdout / the status fd are watched only when they are pipes or sockets:
 * their reader going away means whoever started us is gone. */
static int is_pipe_or_socket(int fd)
{
	struct stat st;
	return fd >= 0 && fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
}

static int dispatch(struct loop *L)
{
	int n = pcap_dispatch(L->c->pcap, -1, on_packet, (u_char *)L);
	if (n == PCAP_ERROR) {
		report_error(WS_ECAPTURE, "Capture on %s failed: %s", L->o->iface, pcap_geterr(L->c->pcap));
		L->failed = 1;
		stop(L, "error", 0);
		return 0;
	}
	return n < 0 ? 0 : n;
}

/* Packets already in the kernel ring still belong in the file. With TPACKET_V3
 * the last block becomes visible only when it retires (block timeout). */
static void drain(struct loop *L)
{
	uint64_t until = mono_ms() + (uint64_t)L->o->block_timeout_ms + DRAIN_EXTRA_MS;
	while (L->accept) {
		if (dispatch(L) > 0)
			continue;
		uint64_t now = mono_ms();
		if (now >= until)
			break;
		struct pollfd p = {L->c->fd, POLLIN, 0};
		poll(&p, 1, (int)(until - now));
	}
}

int capture_loop(struct capture *c, struct output *out, const struct options *o, const char *netns_label)
{
	struct loop L;
	memset(&L, 0, sizeof L);
	L.c = c;
	L.out = out;
	L.o = o;
	L.accept = 1;
	L.start_wall = wall_ts(c->tsresol);
	L.start_mono_ms = mono_ms();
	L.have_dev = c->ifindex && procnet_dev_counters(o->iface, &L.dev_start) == 0;
	status_started(&L, netns_label);

	struct pollfd fds[3];
	int nfds = 0;
	fds[nfds++] = (struct pollfd){c->fd, POLLIN, 0};
	int stdout_slot = -1, status_slot = -1;
	if (is_pipe_or_socket(STDOUT_FILENO)) {
		stdout_slot = nfds;
		fds[nfds++] = (struct pollfd){STDOUT_FILENO, 0, 0};
	}
	if (is_pipe_or_socket(report_status_fd()) && report_status_fd() != STDOUT_FILENO) {
		status_slot = nfds;
		fds[nfds++] = (struct pollfd){report_status_fd(), 0, 0};
	}

	uint64_t now = mono_ms();
	uint64_t last_flush = now;
	uint64_t next_isb = now + o->isb_interval_ms;
	uint64_t next_progress = now + o->progress_interval_ms;
	uint64_t deadline = o->stop_duration_ms ? now + o->stop_duration_ms : UINT64_MAX;

	while (!L.reason) {
		if (stop_signal) {
			stop(&L, "signal", 1);
			break;
		}
		int n = dispatch(&L);
		if (L.reason)
			break;
		now = mono_ms();
		if ((n == 0 || now - last_flush >= FLUSH_INTERVAL_MS) && sink_dirty(&out->sink)) {
			if (sink_flush(&out->sink) < 0) {
				write_failed(&L);
				break;
			}
			last_flush = now;
		}
		if (now >= next_isb) {
			struct pcapng_stats st = stats_now(&L);
			pcapng_write_stats(&out->sink, &st);
			next_isb = now + o->isb_interval_ms;
		}
		if (now >= next_progress) {
			status_progress(&L);
			next_progress = now + o->progress_interval_ms;
		}
		if (now >= deadline) {
			stop(&L, "duration", 1);
			break;
		}
		if (n > 0)
			continue;

		uint64_t wake = next_isb < next_progress ? next_isb : next_progress;
		if (deadline < wake)
			wake = deadline;
		int timeout = wake > now ? (int)(wake - now) : 0;
		if (timeout > 1000)
			timeout = 1000;
		if (poll(fds, (nfds_t)nfds, timeout) < 0 && errno != EINTR) {
			report_error(WS_ECAPTURE, "poll failed: %s", strerror(errno));
			L.failed = 1;
			stop(&L, "error", 0);
			break;
		}
		if (stdout_slot >= 0 && (fds[stdout_slot].revents & (POLLERR | POLLHUP)))
			stop(&L, "stdout-closed", !out->streaming);
		else if (status_slot >= 0 && (fds[status_slot].revents & (POLLERR | POLLHUP)))
			stop(&L, "status-closed", 1);
	}

	drain(&L);
	struct pcapng_stats st = stats_now(&L);
	if (output_close(out, &st) < 0)
		L.failed = 1;
	status_stopped(&L);
	return L.failed ? 1 : 0;
}
