# tests/shards: --shard/--merge/--shard-split and the Slurm end-to-end test (issue 13).
TESTS += tests/shards/corpus.sh tests/shards/split.sh
EXTRA_DIST += tests/shards/corpus.sh tests/shards/split.sh tests/shards/lib.sh tests/shards/compare_runs.py
