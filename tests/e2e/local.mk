# End-to-end tests (owned by tests/e2e/).  One automake test per line of tests/e2e/cases.tsv:
# each tests/e2e/cases/<id>.case is run by tests/e2e/run-case.sh (the LOG_COMPILER), which
# runs the tcpflow under test on a capture from tests/data/ and checks the result against
# tshark's reassembly (tests/data/truth/) or against Debian's tcpflow 1.6.1.
# After editing cases.tsv run tests/e2e/gen-cases.sh (it rewrites cases/ and cases.mk).
#   make check TESTS='tests/e2e/cases/truth-http-post.case'     one case
#   make check TCPFLOW_BIN=/usr/bin/tcpflow                      another binary under test
#   make check E2E_KEEP=1                                        keep the work folders
include $(top_srcdir)/tests/e2e/cases.mk
TESTS += $(E2E_CASES)
TEST_EXTENSIONS = .case
CASE_LOG_COMPILER = bash $(top_srcdir)/tests/e2e/run-case.sh
AM_CASE_LOG_FLAGS = --srcdir $(top_srcdir) --builddir $(top_builddir)

# tests/data holds file names with ':' (IPv6 truth files) that make cannot list, so the whole
# folder is distributed (nothing is ever generated inside it).  Its long truth paths need
# AM_INIT_AUTOMAKE([... tar-ustar]): the default v7 tar format drops names over 99 bytes.
# The .case handles are listed one by one: the folder would also carry in-tree test logs.
EXTRA_DIST += tests/data $(E2E_CASES) \
	tests/e2e/cases.tsv tests/e2e/cases.mk tests/e2e/gen-cases.sh tests/e2e/run-case.sh \
	tests/e2e/truth-compare.py tests/e2e/xmlcheck.py tests/e2e/tree.py \
	tests/e2e/optcheck.py tests/e2e/log-arg.sh \
	tests/e2e/sanitize.sh tests/e2e/lsan.supp tests/ci-deps.sh tests/clean-source-copy.sh bench/run.sh
