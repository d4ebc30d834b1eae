# build.sh -- build the distribution packages from a checkout (sourced, bash).
#   pk_build_debs SRC WORK   dpkg-buildpackage -b in a clean copy WORK/tcpflow-VERSION of SRC;
#                            the .debs, .changes and .buildinfo land in WORK
#   pk_build_rpms TREE WORK  `make dist` in TREE (a configured tree: the Debian build's), then
#                            rpmbuild -bb --nodeps of the tarball's own tcpflow.spec; RPMs under
#                            WORK/rpm/RPMS
# The package builds skip `make check` (DEB_BUILD_OPTIONS=nocheck, rpmbuild --nocheck): CI runs
# the whole suite in its own step; these builds prove the packaging.

pk_source_version() {   # SRC: the upstream version from configure.ac's AC_INIT
  sed -n 's/^AC_INIT(\[[^]]*\], \[\([^]]*\)\].*/\1/p' "$1/configure.ac"
}

pk_build_debs() {
  local src=$1 work=$2 tree
  tree=$work/tcpflow-$(pk_source_version "$src")
  rm -rf "$tree" && mkdir -p "$work"
  "$src/tests/clean-source-copy.sh" "$src" "$tree"
  (cd "$tree" && DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -b -uc -us) > "$work/dpkg-buildpackage.log" 2>&1 ||
    { tail -n 40 "$work/dpkg-buildpackage.log"; return 1; }
  ls "$work"/*.deb
}

pk_build_rpms() {
  local tree=$1 work=$2 tarball
  rm -rf "$work/rpm" && mkdir -p "$work/rpm"
  make -C "$tree" dist-gzip > "$work/make-dist.log" 2>&1 || { tail -n 20 "$work/make-dist.log"; return 1; }
  tarball=$(ls "$tree"/tcpflow-*.tar.gz)
  # Debian's rpm has no debugedit: no -debuginfo packages here (a real RPM distribution keeps them).
  rpmbuild -tb --nodeps --nocheck --define "_topdir $work/rpm" --define 'debug_package %{nil}' \
    "$tarball" > "$work/rpmbuild.log" 2>&1 || { tail -n 40 "$work/rpmbuild.log"; return 1; }
  find "$work/rpm/RPMS" -name '*.rpm'
}
