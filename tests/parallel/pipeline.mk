# The -j pipeline's own end-to-end check (owned by the parallel helper; included from local.mk).
TESTS += tests/parallel/pipeline.sh
EXTRA_DIST += tests/parallel/pipeline.sh tests/parallel/pipeline.mk
