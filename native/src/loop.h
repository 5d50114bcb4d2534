/* The capture loop: packets from libpcap into the output, periodic statistics
 * blocks and status lines, autostop conditions, and a clean stop on signals or
 * when the process that started the helper goes away. */
#ifndef WS_LOOP_H
#define WS_LOOP_H

#include "capture.h"
#include "options.h"
#include "output.h"

/* Runs until a stop condition; returns the process exit code. */
int capture_loop(struct capture *c, struct output *out, const struct options *o, const char *netns_label);
/* Installs the SIGINT/SIGTERM/SIGHUP handlers the loop watches. */
void capture_loop_signals(void);

#endif
