#!/bin/bash
# End to end on a one-node Slurm started by this script: submits examples/slurm (an array of
# N shards and the dependent merge job, then the same with SPLIT=1) over a capture set from
# tests/data (and ../shared/pcaps when present), waits, and compares OUT/merged with one run:
# same files, same bytes, same report records (compare_runs.py).
# Everything lives in a temporary folder: the munge key and socket, slurm.conf (through
# SLURM_CONF), state, spool, logs. Every daemon started here is stopped on exit; nothing
# outside the folder is changed. Needs Debian's slurm-wlm and munge (tests/ci-deps.sh) and
# root (slurmd runs jobs as their user); skips (77) when either is missing.
. "$(dirname "$0")/../faults/lib.sh"
. "$(dirname "$0")/lib.sh"
tf_init
sh_absolute
cmp_py="$srcdir/tests/shards/compare_runs.py"

for tool in slurmctld slurmd sbatch squeue scontrol sinfo munged python3; do
  command -v "$tool" >/dev/null || PATH=$PATH:/usr/sbin command -v "$tool" >/dev/null ||
    { echo "SKIP: $tool not installed (apt-get install slurm-wlm munge)"; exit 77; }
done
export PATH=$PATH:/usr/sbin
[ "$(id -u)" = 0 ] || { echo "SKIP: a one-node Slurm needs root (slurmd starts jobs as their user)"; exit 77; }

slurm="$work/slurm"
mkdir -p "$slurm"/{munge,state,spool,log}
chmod 700 "$work" "$slurm" "$slurm/munge"
export SLURM_CONF="$slurm/slurm.conf"

# munge: our own key and socket; the system's munged, if any, is left alone.
head -c 1024 /dev/urandom >"$slurm/munge/munge.key"
chmod 400 "$slurm/munge/munge.key"
munged -F --socket="$slurm/munge/munge.sock" --key-file="$slurm/munge/munge.key" \
  --pid-file="$slurm/munge/munged.pid" --log-file="$slurm/log/munged.log" \
  --seed-file="$slurm/munge/munged.seed" --force 2>"$slurm/log/munged.err" &
munged_pid=$!
tf_on_exit "kill $munged_pid; wait $munged_pid"
for _ in $(seq 50); do [ -S "$slurm/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$slurm/munge/munge.sock" ] || { echo "SKIP: munged did not start: $(cat "$slurm/log/munged.err")"; exit 77; }

ports=$(python3 -c 'import socket
s=[socket.socket() for _ in range(2)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
read -r ctld_port slurmd_port <<<"$ports"
host=$(hostname -s)
cpus=$(nproc)
cat >"$SLURM_CONF" <<CONF
ClusterName=tcpflowtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$slurm/munge/munge.sock
StateSaveLocation=$slurm/state
SlurmdSpoolDir=$slurm/spool
SlurmctldPidFile=$slurm/slurmctld.pid
SlurmdPidFile=$slurm/slurmd.pid
SlurmctldLogFile=$slurm/log/slurmctld.log
SlurmdLogFile=$slurm/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=600
DependencyParameters=kill_invalid_depend
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF

slurmctld -D -i -f "$SLURM_CONF" >"$slurm/log/slurmctld.out" 2>&1 &
ctld_pid=$!
tf_on_exit "kill $ctld_pid; wait $ctld_pid"
slurmd -D -f "$SLURM_CONF" -N "$host" >"$slurm/log/slurmd.out" 2>&1 &
slurmd_pid=$!
tf_on_exit "kill $slurmd_pid; wait $slurmd_pid"
ready=
for _ in $(seq 60); do
  state=$(timeout 5 sinfo -h -o %T 2>/dev/null) || state=
  case $state in idle*|mixed*|alloc*) ready=1; break ;; esac
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "SKIP: Slurm did not start (node state '$state'):"
  tail -5 "$slurm/log/slurmctld.log" "$slurm/log/slurmd.log" "$slurm"/log/*.out 2>/dev/null
  exit 77
fi

# The capture set: several files read as one run, as a responder's day of captures is.
captures=()
# All Ethernet: a --shard-split file is a pcap, which holds one link type.
for f in http-jpegs-ipfrag-19flows.cap many-flows-webattack-797-nosyn.pcap ipv4-frag-tcp.pcap \
         ipv6-frag-vlan-tcp.pcap http-keepalive-pipelined.pcap http-post-large.pcap; do
  [ -f "$data/$f" ] && captures+=("$data/$f")
done
[ -f "$shared/pcaps/tcp-retrans-bug2.pcap" ] && captures+=("$shared/pcaps/tcp-retrans-bug2.pcap")
single="$work/single"
read_args=(); for f in "${captures[@]}"; do read_args+=(-r "$f"); done
timeout 120 "$bin" -q -o "$single" -w "$single/unprocessed.pcap" -e md5 "${read_args[@]}" >/dev/null 2>&1 ||
  { tf_case_fail "single run" "tcpflow failed on the capture set"; tf_finish; }

# wait_jobs ID...: until none is queued or running (at most 5 minutes); prints each final state.
wait_jobs() {
  local id deadline=$((SECONDS + 300))
  while [ $SECONDS -lt $deadline ]; do
    [ -z "$(squeue -h -j "$(IFS=,; echo "$*")" 2>/dev/null)" ] && break
    sleep 1
  done
  for id in "$@"; do
    scontrol -o show job "$id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | sort -u | tr '\n' ' '
  done
}

for mode in whole split; do
  out="$work/run-$mode"
  split=0; [ $mode = split ] && split=1
  if ! ids=$(SPLIT=$split TCPFLOW="$bin" TCPFLOW_ARGS="-e md5" \
      timeout 60 "$srcdir/examples/slurm/submit.sh" 4 "$out" "${captures[@]}" 2>&1); then
    tf_case_fail "slurm $mode" "submit.sh failed: $ids"
    continue
  fi
  mapfile -t jobs < <(echo "$ids" | sed -n 's/.*job: \([0-9]*\).*/\1/p')
  states=$(wait_jobs "${jobs[@]}")
  if [ "$(echo "$states" | tr ' ' '\n' | grep -v '^$' | sort -u)" != "JobState=COMPLETED" ]; then
    tf_case_fail "slurm $mode" "jobs ${jobs[*]} ended as: $states; $(cat "$out"/*.log 2>/dev/null | tail -5)"
    continue
  fi
  shards=$(grep -c "<shard index=" "$out/merged/report.xml")
  if [ "$shards" != 4 ]; then
    tf_case_fail "slurm $mode" "the merged report lists $shards shards, not 4"
  elif diff=$(python3 "$cmp_py" "$single" "$out/merged" 2>&1); then
    tf_case_pass "slurm $mode: array of 4 shards + merge job equals one run ($(grep -c '<fileobject>' "$out/merged/report.xml") records)"
  else
    tf_case_fail "slurm $mode" "$(echo "$diff" | head -5)"
  fi
done
tf_finish
