#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# softnet's own benchmarks, each next to its peer in the same run.
#
# usage: scripts/bench.sh [lo|softnet|route|datapath|all] [options]
#   lo       net_loopback tx->rx vs DPDK's net_ring (default), one lcore
#   softnet  local path, local backlog, RPS handoff vs a plain rte_ring
#            MP/SC handoff, two lcores
#   all      every figure below, with sweeps, into build/bench/all.{csv,md}
#            and sweep.png (scripts/bench-all.sh, 3-6 minutes)
#   datapath local delivery (1 M routes) and forwarding on one lcore vs
#            dpdk-testpmd macswap, and Linux's UDP over lo (see
#            scripts/bench-datapath.sh)
#   route    IPv4 lookups (--prefixes=N, default 1000000) vs rte_fib,
#            with 4 rules, updates/s while a worker looks up, and IPv6
#            lookups (--prefixes6=N, default 100000) vs rte_fib6
# Options after lo, softnet and route go to softnet-bench (--runs N, ...:
# scripts/bench.sh lo --help); datapath takes ROUTES and REPS/SECS.
set -eu
cd "$(dirname "$0")/.."
usage() {
	echo "usage: scripts/bench.sh [lo|softnet|route|datapath|all] [options]"
	echo "  lo        net_loopback tx->rx vs net_ring (the default)"
	echo "  softnet   local path and RPS handoff vs a plain rte_ring"
	echo "  route     1 M IPv4 and 100 k IPv6 lookups vs rte_fib/rte_fib6"
	echo "  datapath  local delivery and forwarding vs testpmd macswap and"
	echo "            Linux's UDP over lo: [REPS=N] [SECS=N] ... datapath [ROUTES]"
	echo "  all       every figure, with sweeps (3-6 minutes)"
	echo "lo, softnet, route: options go to softnet-bench (... lo --help)"
}
case ${1:-lo} in
-h|--help|help) usage; exit 0 ;;
datapath) shift; exec scripts/bench-datapath.sh "$@" ;;
all) shift; exec scripts/bench-all.sh "$@" ;;
lo|softnet|route) ;;
*) echo "bench.sh: unknown benchmark '$1'" >&2; usage >&2; exit 2 ;;
esac
scripts/setup.sh >/dev/null
if [ "${1:-lo}" = route ] && [ "$(id -u)" = 0 ]; then
	# a million routes, ours and rte_fib's: about 3.3 GiB of hugepages
	want=2560
	have=$(cat /proc/sys/vm/nr_hugepages)
	[ "$have" -ge "$want" ] || echo "$want" >/proc/sys/vm/nr_hugepages
fi
[ "${1:-lo}" = route ] && EAL_NOHUGE_MB=4096	# 1 M routes twice
. scripts/eal-mem.sh
what=${1:-lo}
[ $# -gt 0 ] && shift
last=$(($(nproc) - 1))
case $what in
softnet|route) lcores="0@0,1@$last" ;;	# one busy poller per CPU
*) lcores="0@$last" ;;
esac
eal_run build/app/softnet-bench/softnet-bench $EAL_MEM --no-pci \
	--lcores "$lcores" --log-level=lib.eal:warning -- "$what" "$@"
