# chroot.sh -- a throw-away Debian root for the package checks (sourced, bash).
# The packages are installed, upgraded and purged in a root that is not the machine's own, so
# the reference /usr/bin/tcpflow stays untouched. The root is a debootstrap of the suite the
# machine runs, from the mirror its apt uses; debootstrap is the slow part (minutes), so the
# finished base is kept as a tarball under $PKG_CACHE and reused while the mirror, suite,
# architecture and package list stay the same. A missing or broken cache is rebuilt.
#   PKG_CACHE   cache folder (default /var/cache/tcpflow-ci)
#   PKG_MIRROR  mirror (default: the first deb.debian.org-style URI in the machine's apt sources)
PKG_CACHE=${PKG_CACHE:-/var/cache/tcpflow-ci}
# What the checks need beyond minbase: a compiler, make and pkg-config for the SDK check.
CHROOT_INCLUDE=g++,make,pkgconf

# The machine's own Debian mirror (deb822 .sources or one-line .list), first "debian" archive.
chroot_mirror() {
  [ -n "${PKG_MIRROR:-}" ] && { echo "$PKG_MIRROR"; return; }
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
        sed -n -e 's/^URIs:[[:space:]]*//p' -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' |
        tr ' ' '\n' | grep -E '/debian/?$' | head -n 1)
  echo "${uri:-http://deb.debian.org/debian}"
}

chroot_suite() { . /etc/os-release && echo "${VERSION_CODENAME:-bookworm}"; }

# Cache file name: changes whenever anything that went into the base changes.
chroot_cache_file() {
  local key
  key=$(printf '%s %s %s %s' "$(chroot_mirror)" "$(chroot_suite)" "$(dpkg --print-architecture)" "$CHROOT_INCLUDE" |
        sha256sum | cut -c1-12)
  echo "$PKG_CACHE/chroot-$(chroot_suite)-$(dpkg --print-architecture)-$key.tar"
}

# chroot_make ROOT: ROOT becomes a fresh base (from the cache, or debootstrap + fill the cache).
chroot_make() {
  local root=$1 tarball
  tarball=$(chroot_cache_file)
  chroot_unmount "$root"
  rm -rf "$root"
  mkdir -p "$PKG_CACHE/debs" "$PKG_CACHE/apt-archives/partial" "$root"
  if [ -s "$tarball" ] && tar -C "$root" -xf "$tarball" 2>/dev/null && [ -x "$root/usr/bin/apt-get" ]; then
    echo "chroot: base from cache $tarball"
  else
    echo "chroot: cache miss; debootstrap $(chroot_suite) from $(chroot_mirror)"
    rm -rf "$root" && mkdir -p "$root"
    debootstrap --variant=minbase --include="$CHROOT_INCLUDE" --cache-dir="$PKG_CACHE/debs" \
      "$(chroot_suite)" "$root" "$(chroot_mirror)" > "$root.debootstrap.log" 2>&1 ||
      { tail -n 20 "$root.debootstrap.log"; return 1; }
    # The same sources the machine's apt uses (security and updates included), so apt in the
    # root sees what the machine sees.
    rm -f "$root/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" 2>/dev/null ||
      echo "deb $(chroot_mirror) $(chroot_suite) main" > "$root/etc/apt/sources.list"
    chroot "$root" apt-get clean
    # One base in the cache: an older one (other mirror, suite or package list) goes.
    find "$PKG_CACHE" -maxdepth 1 -name 'chroot-*.tar*' ! -name "$(basename "$tarball")" -delete
    tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    echo "chroot: cached $tarball ($(du -h "$tarball" | cut -f1))"
  fi
  # Services must not start inside the root; no translations to download.
  printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
  echo 'Acquire::Languages "none";' > "$root/etc/apt/apt.conf.d/99tcpflow-ci"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  chroot_mount "$root"
}

# /proc for the programs; apt's download cache shared with later runs (bind mount).
chroot_mount() {
  local root=$1
  mount -t proc proc "$root/proc"
  mount --bind "$PKG_CACHE/apt-archives" "$root/var/cache/apt/archives"
}

# Undo chroot_mount; safe to call twice and on a half-made root (the caller's EXIT trap).
chroot_unmount() {
  local root=$1 m
  for m in "$root/var/cache/apt/archives" "$root/proc"; do
    if mountpoint -q "$m" 2>/dev/null; then umount "$m" || umount -l "$m"; fi
  done
}

# chroot_run ROOT COMMAND...: run in the root with a clean, non-interactive environment.
chroot_run() {
  local root=$1; shift
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    chroot "$root" "$@"
}
