#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# softnet's own benchmarks, each next to its peer in the same run.
#
# usage: scripts/bench.sh [lo] [softnet-bench options]
#   lo   net_loopback tx->rx vs DPDK's net_ring (default)
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
. scripts/eal-mem.sh
what=${1:-lo}
[ $# -gt 0 ] && shift
last=$(($(nproc) - 1))
exec build/app/softnet-bench/softnet-bench $EAL_MEM --no-pci -l "$last" \
	--log-level=lib.eal:warning -- "$what" "$@"
