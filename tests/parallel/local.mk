# tests/parallel: -j N gives the same output as -j 1 (issue 12). Owned by the workers helper.
# corpus-jobs.sh: every capture with -j 1, 2 and 7 (default scanners, -a, -c), compared by
# compare-outputs.py; exec-children.sh: exec_max_children holds across workers;
# j2/NAME.j2: the fault-injection script tests/faults/NAME.sh again, every tcpflow with -j 2
# (run by faults-j2.sh, through TCPFLOW_TEST_JOBS in tests/faults/lib.sh).
TESTS += tests/parallel/corpus-jobs.sh tests/parallel/exec-children.sh
parallel_j2_cases = tests/parallel/j2/signals.j2 tests/parallel/j2/kill9.j2 tests/parallel/j2/kill9-objects.j2 \
	tests/parallel/j2/full-disk.j2 tests/parallel/j2/scanner-faults.j2 tests/parallel/j2/exec-hang.j2 \
	tests/parallel/j2/streaming.j2
TESTS += $(parallel_j2_cases)
TEST_EXTENSIONS += .j2
J2_LOG_COMPILER = bash $(top_srcdir)/tests/parallel/faults-j2.sh
EXTRA_DIST += tests/parallel/corpus-jobs.sh tests/parallel/exec-children.sh tests/parallel/compare-outputs.py \
	tests/parallel/faults-j2.sh $(parallel_j2_cases)

include $(top_srcdir)/tests/parallel/pipeline.mk
