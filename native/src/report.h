/* How the helper talks to whoever started it: one JSON error line on stderr
 * (code + human message), warnings likewise, and progress as JSON lines on the
 * status fd (--status-fd). The line formats are documented in native/README.md. */
#ifndef WS_REPORT_H
#define WS_REPORT_H

#include "json.h"

/* Error codes the supervisor understands (src-main/capture/helperProtocol.ts). */
#define WS_EUSAGE "EUSAGE"       /* bad command line */
#define WS_EPERM "EPERM"         /* missing privileges */
#define WS_ENODEV "ENODEV"       /* no such interface */
#define WS_ENETDOWN "ENETDOWN"   /* interface is down */
#define WS_EBADFILTER "EBADFILTER" /* capture filter did not compile */
#define WS_ENETNS "ENETNS"       /* network namespace not found / not enterable */
#define WS_EOUTPUT "EOUTPUT"     /* capture file could not be created or written */
#define WS_ECAPTURE "ECAPTURE"   /* any other libpcap / socket failure */

/* status_fd < 0: no status channel. The fd is switched to non-blocking so a
 * slow reader can never stall the capture; lines that do not fit are dropped. */
void report_init(int status_fd);
int report_status_fd(void);
void report_error(const char *code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void report_warning(const char *code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Writes b plus a newline to the status fd (no-op without one). */
void report_status(struct jbuf *b);

#endif
