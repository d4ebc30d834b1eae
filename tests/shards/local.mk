# tests/shards: --shard/--merge/--shard-split and the Slurm end-to-end test (issue 13).
shards_tests = tests/shards/merge.sh tests/shards/corpus.sh tests/shards/split.sh tests/shards/slurm.sh
TESTS += $(shards_tests)
EXTRA_DIST += $(shards_tests) tests/shards/lib.sh tests/shards/compare_runs.py
