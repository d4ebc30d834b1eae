# Fault-injection tests (issues "nothing lost" and "safe and bounded"): each script holds a
# table of cases for one concern and asserts the bytes on disk and the report, not only exit
# codes.  Scripts share tests/faults/lib.sh.  One fragment per concern, owned by that concern.
EXTRA_DIST += tests/faults/lib.sh
include $(top_srcdir)/tests/faults/signals.mk
include $(top_srcdir)/tests/faults/durability.mk
include $(top_srcdir)/tests/faults/scanners.mk
include $(top_srcdir)/tests/faults/reassembly.mk
include $(top_srcdir)/tests/faults/outputs.mk
include $(top_srcdir)/tests/faults/trust.mk
