# tests/parallel: -j N gives the same output as -j 1 (issue 12). Owned by the workers helper.
include $(top_srcdir)/tests/parallel/pipeline.mk
