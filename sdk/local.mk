# The public scanner SDK: headers under $(includedir)/tcpflow/sdk/ and
# tcpflow-sdk.pc (cflags, scannerdir). Header-only: nothing to link.
sdkincludedir = $(includedir)/tcpflow/sdk
sdkinclude_HEADERS = sdk/tcpflow/sdk/scanner.h sdk/tcpflow/sdk/scanner.hpp
# The linker version script of tcpflow-sdk.pc's scanner_ldflags (export only the entry).
dist_sdkinclude_DATA = sdk/tcpflow/sdk/scanner.map
pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = sdk/tcpflow-sdk.pc
dist_doc_DATA += doc/sdk.md

# SDK test: stage the SDK with DESTDIR, build examples/scanner out of tree
# through pkg-config, load it and compare its -hh block with a golden file.
check_PROGRAMS += tests/sdk/list_scanners
tests_sdk_list_scanners_SOURCES = tests/sdk/list_scanners.cpp
tests_sdk_list_scanners_LDADD = libtcpflowcore.la
TESTS += tests/sdk/check-sdk.sh
EXTRA_DIST += tests/sdk/check-sdk.sh tests/sdk/bytecount.hh.golden

# The example scanners (C++ and C), installed with the documentation; the
# packages move them to tcpflow-sdk-dev (debian/tcpflow-sdk-dev.install, tcpflow.spec.in).
examplescannerdir = $(docdir)/examples/scanner
dist_examplescanner_DATA = examples/scanner/Makefile examples/scanner/scan_bytecount.cpp examples/scanner/README.md
examplecscannerdir = $(docdir)/examples/c-scanner
dist_examplecscanner_DATA = examples/c-scanner/Makefile examples/c-scanner/scan_cexample.c \
	examples/c-scanner/README.md
