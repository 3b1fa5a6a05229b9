#!/bin/bash
# Installs everything (scripts/install.sh) and (re)starts the Wharf server as
# the unprivileged user wharf, in the background. Prints the site's URL.
#   WHARF_PORT (default 8080) and WHARF_HOST (default 127.0.0.1) are passed on.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
bash scripts/install.sh

port=${WHARF_PORT:-8080}
host=${WHARF_HOST:-127.0.0.1}
pidfile=$WHARF_RUN_DIR/server.pid
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  step "stopping the running server (its learners' sandboxes are adopted by the new one)"
  kill -TERM "$(cat "$pidfile")"
  for _ in $(seq 1 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
fi
step "starting the Wharf server on http://$host:$port/"
source /etc/wharf/image.env
(setsid runuser -u wharf -- env -i PATH=/usr/bin:/bin HOME=/var/lib/wharf \
  WHARF_SANDBOX_IMAGE="$WHARF_SANDBOX_IMAGE" WHARF_PORT="$port" WHARF_HOST="$host" \
  ${WHARF_ORIGINS:+WHARF_ORIGINS="$WHARF_ORIGINS"} ${WHARF_POOL_SIZE:+WHARF_POOL_SIZE="$WHARF_POOL_SIZE"} \
  WHARF_SITE_DIR="$WHARF_APP_DIR/dist" \
  "$WHARF_NODE_DIR/bin/node" "$WHARF_APP_DIR/sandbox-server/src/main.ts" \
  </dev/null >>/var/log/wharf/server.log 2>&1 & echo $! > "$pidfile")
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/api/health" >/dev/null || die "the server did not start: see /var/log/wharf/server.log"
echo
echo "  Wharf is running:  http://localhost:$port/"
echo "  Logs:              /var/log/wharf/server.log"
echo
