#!/bin/bash
# Builds the sandbox root filesystem offline from Debian packages and writes it
# as a tarball: build.sh OUTPUT.tar. The busybox lesson image is baked in.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
work=$(mktemp -d /var/tmp/wharf-image.XXXXXX)
trap 'rm -rf "$work"' EXIT

# Lesson image: busybox from Debian's busybox-static, one link per applet.
mkdir -p "$work/busybox/bin" "$work/busybox/root" "$work/busybox/tmp" "$work/busybox/etc"
cp /bin/busybox "$work/busybox/bin/busybox"
for applet in $(/bin/busybox --list); do
  [ "$applet" = busybox ] || ln -s busybox "$work/busybox/bin/$applet"
done
echo 'root:x:0:0:root:/root:/bin/sh' > "$work/busybox/etc/passwd"
echo 'root:x:0:' > "$work/busybox/etc/group"
chmod 1777 "$work/busybox/tmp"
tar --numeric-owner --owner=0 --group=0 -C "$work/busybox" -cf "$work/busybox.tar" .

mmdebstrap --quiet --variant=apt --mode=root \
  --include=docker.io,docker-cli,iproute2,iptables,curl,procps,ca-certificates,jq,util-linux,tini,less,vim-tiny,bash-completion,iputils-ping,netcat-openbsd,wget \
  --customize-hook="cp -a '$here/rootfs/.' \"\$1/\"" \
  --customize-hook="mkdir -p \"\$1/usr/share/wharf/images\" && cp '$work/busybox.tar' \"\$1/usr/share/wharf/images/busybox.tar\"" \
  --customize-hook="echo wharf > \"\$1/etc/hostname\"" \
  --customize-hook="rm -rf \"\$1/var/lib/apt/lists\"/* \"\$1/var/cache/apt\"/*" \
  trixie "$out" http://deb.debian.org/debian
