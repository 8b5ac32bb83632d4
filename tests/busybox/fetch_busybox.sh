#!/usr/bin/env bash
# Test set-up: downloads Debian's busybox-static for armel, armhf and mipsel (a real program
# nobody here wrote) and unpacks each to DIR/<arch>/busybox. Needs the foreign architectures in
# dpkg (added here when missing, with apt-get update) and the Debian mirror; idempotent.
#   fetch_busybox.sh DIR [ARCH...]      (default ARCH: armel armhf mipsel)
set -euo pipefail
dir=${1:?usage: fetch_busybox.sh DIR [ARCH...]}
shift
arches=("$@")
[ ${#arches[@]} -eq 0 ] && arches=(armel armhf mipsel)
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
updated=no
for arch in "${arches[@]}"; do
  [ -x "$dir/$arch/busybox" ] && continue
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    "${sudo_cmd[@]}" dpkg --add-architecture "$arch"
  fi
  if ! apt-cache show "busybox-static:$arch" >/dev/null 2>&1 && [ $updated = no ]; then
    "${sudo_cmd[@]}" apt-get update -qq
    updated=yes
  fi
  work=$(mktemp -d)
  (cd "$work" && apt-get download -qq "busybox-static:$arch")
  mkdir -p "$dir/$arch"
  dpkg-deb -x "$work"/busybox-static_*.deb "$work/root"
  cp "$work/root/bin/busybox" "$dir/$arch/busybox"
  rm -rf "$work"
  echo "fetch_busybox: $dir/$arch/busybox"
done
