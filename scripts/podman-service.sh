#!/bin/bash
# Starts the sandbox user's rootless podman API service on /run/wharf/podman.sock
# (group wharf, so the server can reach it), unless it already answers.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

uid=$(id -u "$WHARF_SANDBOX_USER")
runtime_dir="/run/wharf-sbx-$uid"
install -d -o "$WHARF_SANDBOX_USER" -g wharf -m 750 "$WHARF_RUN_DIR"
install -d -o "$WHARF_SANDBOX_USER" -g "$WHARF_SANDBOX_USER" -m 700 "$runtime_dir"

if curl -fsS --unix-socket "$WHARF_PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1; then
  exit 0
fi
step "starting rootless podman service for $WHARF_SANDBOX_USER"
# With no process of the user alive, podman's pause-process record is stale
# (a previous boot or a kill -9) and would make every command fail.
if ! pgrep -u "$WHARF_SANDBOX_USER" >/dev/null; then
  rm -rf "$runtime_dir/libpod/tmp/pause.pid" "$runtime_dir"/libpod/tmp/*.lock 2>/dev/null || true
fi
rm -f "$WHARF_PODMAN_SOCKET"
as_sbx podman system migrate >/dev/null 2>&1 || true
(umask 007; setsid runuser -u "$WHARF_SANDBOX_USER" -- env XDG_RUNTIME_DIR="$runtime_dir" HOME="/var/lib/$WHARF_SANDBOX_USER" \
  podman system service --time=0 "unix://$WHARF_PODMAN_SOCKET" </dev/null >>/var/log/wharf/podman.log 2>&1 &)
for _ in $(seq 1 100); do
  [ -S "$WHARF_PODMAN_SOCKET" ] && curl -fsS --unix-socket "$WHARF_PODMAN_SOCKET" http://d/_ping >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS --unix-socket "$WHARF_PODMAN_SOCKET" http://d/_ping >/dev/null || die "podman service did not start: see /var/log/wharf/podman.log"
chgrp wharf "$WHARF_PODMAN_SOCKET" && chmod 660 "$WHARF_PODMAN_SOCKET"
