#!/bin/bash
# Queue a sharded tcpflow run on Slurm: an array job of N shards (tcpflow-array.sbatch), then
# a merge job that starts only when every shard succeeded (--dependency=afterok). With
# SPLIT=1, a first job cuts the captures into N files with --shard-split, so each shard
# reads only its own part (doc/sharding.md: when reading the inputs N times costs too much).
#   usage: submit.sh N OUT CAPTURE...
#   env:   TCPFLOW (the program, default tcpflow), TCPFLOW_ARGS (options for every shard),
#          SPLIT=1, SBATCH_ARGS (more sbatch options for every job, e.g. "-p short")
# Prints the job ids; the merged output is OUT/merged (OUT/shard-K hold only their reports after).
set -euo pipefail
if [ $# -lt 3 ]; then
  echo "usage: submit.sh N OUT CAPTURE..." >&2
  exit 2
fi
N=$1 OUT=$2
shift 2
case $N in '' | *[!0-9]* | 0) echo "submit.sh: N must be a positive number" >&2; exit 2 ;; esac
here=$(cd "$(dirname "$0")" && pwd)
TCPFLOW=${TCPFLOW:-tcpflow}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)  # the jobs may start in another folder
captures=()
for f in "$@"; do captures+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"); done
# shellcheck disable=SC2086  # SBATCH_ARGS is a list of options
sb() { sbatch --parsable ${SBATCH_ARGS:-} --chdir="$OUT" "$@"; }
q() { printf '%q ' "$@"; }

after=()
export_vars="ALL,OUT=$OUT,TCPFLOW=$TCPFLOW,TCPFLOW_ARGS=${TCPFLOW_ARGS:-}"
if [ "${SPLIT:-0}" = 1 ]; then
  split_args=()
  for f in "${captures[@]}"; do split_args+=(-r "$f"); done
  split_job=$(sb --job-name=tcpflow-split --output=tcpflow-split-%j.log \
    --wrap "$(q "$TCPFLOW" -q --shard-split "$N" -o "$OUT/split" "${split_args[@]}")")
  after=(--dependency="afterok:$split_job")
  export_vars="$export_vars,SPLIT_DIR=$OUT/split"
  echo "split job: $split_job"
fi
array_job=$(sb "${after[@]}" --array="0-$((N - 1))" --export="$export_vars" "$here/tcpflow-array.sbatch" "${captures[@]}")
echo "array job: $array_job"
shard_dirs=()
for ((k = 0; k < N; k++)); do shard_dirs+=("$OUT/shard-$k"); done
merge_job=$(sb --job-name=tcpflow-merge --output=tcpflow-merge-%j.log --dependency="afterok:$array_job" \
  --wrap "$(q "$TCPFLOW" --merge "$OUT/merged" "${shard_dirs[@]}")")
echo "merge job: $merge_job"
