#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# The main job on its built-in default: softnet-pmd runs the route engine
# (softnet's net_rx_action + the IP datapath) on a worker lcore. The
# built-in generator turns a net_null port's rx queue into UDP traffic to
# 198.18.0.1:9, an address of that port (config/softnet-pmd.conf); each
# datagram is routed as local, sent through lo (net_loopback0, port 0),
# enters the lcore's backlog and is delivered to a UDP sink. For RUN_TIME
# seconds (default 5), live Mpps each second, then softnet_stat, testpmd's
# NIC statistics, the namespace's IP counters, and a check that every mbuf
# came back. Extra arguments go to softnet-pmd after "--".
#
# usage: [RUN_TIME=SECONDS] scripts/run.sh [softnet-pmd options]
set -eu
cd "$(dirname "$0")/.."
case ${1:-} in -h|--help)
	echo "usage: [RUN_TIME=SECONDS] scripts/run.sh [softnet-pmd options]"
	echo "  sets up and builds, then runs softnet-pmd's route engine on its"
	echo "  generator for RUN_TIME seconds (default 5); the options go"
	echo "  after softnet-pmd's defaults (build/app/softnet-pmd/softnet-pmd"
	echo "  -- --help lists them)"
	exit 0 ;;
esac
scripts/setup.sh
. scripts/eal-mem.sh
last=$(($(nproc) - 1))
set -x
eal_run build/app/softnet-pmd/softnet-pmd $EAL_MEM --no-pci \
	--lcores "0@0,1@$last" --log-level=lib.eal:warning \
	--vdev net_null0 -- --config=config/softnet-pmd.conf --gen-rx=1 \
	--stats-period=1 --run-time="${RUN_TIME:-5}" "$@"
