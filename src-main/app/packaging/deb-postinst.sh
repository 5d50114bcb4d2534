#!/bin/sh
# Debian post-install step for the Wiresight desktop app: give the bundled capture helper
# the two capabilities it needs (like Wireshark's dumpcap), so capturing works without
# running anything as root. Failing here must not fail the install: the app then offers
# the same fix (pkexec setcap) when a capture is refused.
set -e
HELPER="/opt/Wiresight/resources/bin/wiresight-capture"
if [ -x "$HELPER" ] && command -v setcap >/dev/null 2>&1; then
  setcap cap_net_raw,cap_net_admin+eip "$HELPER" || echo "wiresight: could not setcap $HELPER; capture will ask for it" >&2
fi
exit 0
