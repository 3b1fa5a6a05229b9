# Shared settings for Wharf's scripts (sourced, not run).
WHARF_NODE_VERSION=24.21.0
WHARF_NODE_DIR=${WHARF_NODE_DIR:-/opt/wharf/node}
WHARF_APP_DIR=${WHARF_APP_DIR:-/opt/wharf/app}
WHARF_SANDBOX_USER=${WHARF_SANDBOX_USER:-wharf-sbx}
WHARF_RUN_DIR=/run/wharf
WHARF_PODMAN_SOCKET=$WHARF_RUN_DIR/podman.sock

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Runs a command as the sandbox owner, with the runtime directory podman expects
# (this machine has no systemd/logind to create /run/user/UID).
as_sbx() {
  local uid; uid=$(id -u "$WHARF_SANDBOX_USER")
  (cd / && runuser -u "$WHARF_SANDBOX_USER" -- env XDG_RUNTIME_DIR="/run/wharf-sbx-$uid" HOME="/var/lib/$WHARF_SANDBOX_USER" "$@")
}
