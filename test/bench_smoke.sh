#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# The benchmarks still run: each of softnet-bench's benches, briefly and
# without hugepages, exits 0 with its rows and ratio lines, and its mbuf
# check passes. It asserts nothing about speed (that is the benchmarks'
# job, on hugepages): only that scripts/bench.sh would not fail.
#
# usage: bench_smoke.sh SOFTNET-BENCH
set -u
bench=$1
fail=0
# EAL's runtime directories (--no-shconf still makes one): removed on exit
trap 'rm -rf /var/run/dpdk/sn-bench-*-$$ "${XDG_RUNTIME_DIR:-/tmp}"/dpdk/sn-bench-*-$$' EXIT
trap 'exit 143' TERM
eal="--no-huge -m 1024 --no-shconf --no-pci --log-level=lib.eal:warning"

run() { # name, lcores, expected lines (regexes, one per argument after --)
	name=$1 lcores=$2
	shift 2
	args=
	while [ "$1" != -- ]; do
		args="$args $1"
		shift
	done
	shift
	out=$("$bench" $eal --file-prefix "sn-bench-$name-$$" \
		--lcores "$lcores" -- $args 2>&1)
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name: exit $rc"
		echo "$out"
		fail=1
		return
	fi
	for re in "$@"; do
		echo "$out" | grep -Eq "$re" || {
			echo "FAIL: $name: no line matching '$re'"
			echo "$out"
			fail=1
			return
		}
	done
	echo "ok: $name"
}

num='[0-9]+\.[0-9]+'
run lo "0@0" lo --runs=1 --bursts=2000 -- \
	"^net_loopback tx->rx +$num" "^net_ring tx->rx \(peer\) +$num" \
	"^ratio net_loopback/net_ring: $num"
run softnet "(0-1)@(0-1)" softnet --runs=1 --ms=50 -- \
	"^softnet local \(inline\) +$num" "^softnet local backlog +$num" \
	"^softnet RPS handoff +$num" "^rte_ring MP/SC \(peer\) +$num" \
	"^RPS handoff over local: [-+]$num" \
	"^ratio RPS handoff \(backlog path\)/rte_ring: $num"
run route "(0-1)@(0-1)" route --runs=1 --ms=10 --prefixes=1000 \
	--prefixes6=1000 -- "^softnet route, rules 3 +$num" \
	"^rte_fib DIR24_8 \(peer\) +$num" "^overhead over rte_fib: [-+]$num %" \
	"^updates while looking up: [0-9]+ updates/s" \
	"^softnet route6 +$num" "^IPv6 overhead over rte_fib6: [-+]$num %"

# a wrong value or option is refused with the usage, exit 2
out=$("$bench" $eal --file-prefix "sn-bench-bad-$$" -l 0 -- lo --runs=0 2>&1)
rc=$?
if [ $rc -ne 2 ] ||
   ! echo "$out" | grep -q -- "--runs: '0' is not a number in its range"; then
	echo "FAIL: a bad value: exit $rc"
	echo "$out"
	fail=1
else
	echo "ok: bad value refused"
fi
out=$("$bench" $eal --file-prefix "sn-bench-bad-$$" -l 0 -- lo --bogus 2>&1)
rc=$?
if [ $rc -ne 2 ] || ! echo "$out" | grep -q "bad option '--bogus'"; then
	echo "FAIL: a bad option: exit $rc"
	echo "$out"
	fail=1
else
	echo "ok: bad option refused"
fi
exit $fail
