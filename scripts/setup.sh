#!/bin/sh
# Installs the system packages Wiresight needs on Debian/Ubuntu: a C compiler and
# libpcap headers (capture helper), tshark/tcpdump/editcap (reference tests only),
# Chromium (UI tests), iproute2 (live-capture tests in network namespaces).
# Runs apt-get as root (or through sudo); otherwise prints the exact command and stops.
set -eu

PACKAGES="build-essential libpcap-dev tshark tcpdump wireshark-common chromium iproute2 iputils-ping python3 procps util-linux"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

line="apt-get install -y$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else
  echo "wiresight setup: missing system packages. Run as root:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi
echo "wiresight setup: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
