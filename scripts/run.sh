#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# The main job on its built-in default: softnet-pmd runs softnet's loop on
# a worker lcore; a burst transmitted on lo (net_loopback0, port 0) enters
# that lcore's backlog, is delivered and sent on lo again, for RUN_TIME
# seconds (default 5), with live Mpps each second, then the softnet_stat
# counters, and a check that every mbuf came back. Extra arguments go to
# softnet-pmd after "--".
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/eal-mem.sh
last=$(($(nproc) - 1))
set -x
exec build/app/softnet-pmd/softnet-pmd $EAL_MEM --no-pci \
	--lcores "0@0,1@$last" --log-level=lib.eal:warning -- \
	--forward-mode=softnet --tx-first --stats-period=1 \
	--run-time="${RUN_TIME:-5}" "$@"
