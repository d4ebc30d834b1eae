# tests/shards: --shard/--merge/--shard-split and the Slurm end-to-end test (issue 13).
