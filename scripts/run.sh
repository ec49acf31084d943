#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# The main job on its built-in default: softnet-pmd forwards a burst that
# circulates through lo (net_loopback0, port 0) for RUN_TIME seconds
# (default 5), printing live Mpps each second, then exits and checks that
# every mbuf came back. Extra arguments go to softnet-pmd after "--".
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/eal-mem.sh
last=$(($(nproc) - 1))
set -x
exec build/app/softnet-pmd/softnet-pmd $EAL_MEM --no-pci \
	--lcores "0@0,1@$last" --log-level=lib.eal:warning -- \
	--forward-mode=io --tx-first --stats-period=1 \
	--run-time="${RUN_TIME:-5}" "$@"
