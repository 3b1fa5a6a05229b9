#!/bin/bash
# nftables table that stops sandboxes reaching this machine or private networks.
# slirp4netns opens every outbound socket of a sandbox as the sandbox user, so
# one rule keyed on that uid covers all learners. Reloaded atomically.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
uid=$(id -u "$WHARF_SANDBOX_USER")

own_v4=$(ip -o -4 addr show | awk '{ split($4, a, "/"); print a[1] }' | paste -sd, -)
own_v6=$(ip -o -6 addr show | awk '{ split($4, a, "/"); print a[1] }' | paste -sd, -)
# DNS is the one host-side service a sandbox may need; allow only port 53 of the
# resolvers this machine itself uses.
dns_v4=$(awk '/^nameserver/ && $2 !~ /:/ { print $2 }' /etc/resolv.conf | paste -sd, -)

dns_rule=""
[ -n "$dns_v4" ] && dns_rule="ip daddr { $dns_v4 } meta l4proto { udp, tcp } th dport 53 accept"

rules=$(cat <<NFT
table inet wharf_egress
delete table inet wharf_egress
table inet wharf_egress {
  chain output {
    type filter hook output priority 0; policy accept;
    meta skuid != $uid accept
    $dns_rule
    ip daddr { 0.0.0.0/8, 10.0.0.0/8, 100.64.0.0/10, 127.0.0.0/8, 169.254.0.0/16, 172.16.0.0/12, 192.168.0.0/16, 224.0.0.0/4, 240.0.0.0/4${own_v4:+, $own_v4} } counter reject
    ip6 daddr { ::1, fc00::/7, fe80::/10, ff00::/8${own_v6:+, $own_v6} } counter reject
  }
}
NFT
)
echo "$rules" | nft -f -
