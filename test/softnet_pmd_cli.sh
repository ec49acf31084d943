#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# softnet-pmd as a user runs it: the README's main job (lo looping traffic
# for a bounded time with live Mpps), and mistakes on the command line.
#
# usage: softnet_pmd_cli.sh SOFTNET_PMD
set -u
pmd=$1
last=$(($(nproc) - 1))
eal="--no-huge -m 512 --no-shconf --no-pci --lcores 0@0,1@$last"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
fail=0
check() { # description, command...
	if ! "$@"; then
		echo "FAIL: $desc"
		fail=1
	fi
}

# 1. the main job: three seconds of io forwarding on lo with --tx-first
"$pmd" $eal --file-prefix "sn-cli-$$" -- --tx-first --run-time=3 \
	--stats-period=1 </dev/null >"$out" 2>&1
rc=$?
cat "$out"
desc="main job exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c '^port 0 net_loopback0 .*Rx *[1-9][0-9.]* Mpps' "$out")
desc="at least 2 live Mpps lines for port 0, got $n"; check [ "$n" -ge 2 ]
desc="every mbuf back"; check grep -q '^mbufs: all [0-9]* back in' "$out"
desc="testpmd's NIC statistics block"
check grep -q '#### NIC statistics for port 0 ' "$out"

# 2. SIGINT under traffic: final stats, all mbufs back, exit 0
"$pmd" $eal --file-prefix "sn-cli-int-$$" -- --tx-first </dev/null \
	>"$out" 2>&1 &
pid=$!
sleep 2
kill -INT $pid
wait $pid
rc=$?
desc="SIGINT exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="SIGINT: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 3. softnet's loop on the lcores: lo's traffic circulates through lcore
# 1's backlog, a net_ring port is polled by it; /proc-style counters at
# the end
"$pmd" $eal --file-prefix "sn-cli-sn-$$" --vdev net_ring0 -- \
	--forward-mode=softnet --tx-first --run-time=2 --stats-period=1 \
	</dev/null >"$out" 2>&1
rc=$?
cat "$out"
desc="softnet mode exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c '^port 0 net_loopback0 .*Rx *[1-9][0-9.]* Mpps' "$out")
desc="softnet: live Mpps on lo, got $n lines"; check [ "$n" -ge 1 ]
n=$(grep -c '^port 1 net_ring0 .*Rx *[1-9][0-9.]* Mpps' "$out")
desc="softnet: live Mpps on net_ring0, got $n lines"; check [ "$n" -ge 1 ]
n=$(grep -cE '^([0-9a-f]{8} ){12}[0-9a-f]{8}$' "$out")
desc="softnet_stat: a 13-column line per lcore, got $n"; check [ "$n" -eq 2 ]
desc="softnet_stat: lcore 1 processed packets"
check sh -c "grep -qE '^0*[1-9a-f][0-9a-f]* ([0-9a-f]{8} ){11}00000001\$' '$out'"
desc="softnet: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 4. mistakes: a reason, the usage, exit code 2, before any port is touched
bad() { # expected message, app args...
	want=$1
	shift
	"$pmd" $eal --file-prefix "sn-cli-bad-$$" -- "$@" </dev/null \
		>"$out" 2>&1
	rc=$?
	desc="'$*' exits 2 (got $rc)"; check [ $rc -eq 2 ]
	desc="'$*' says: $want"; check grep -qF -e "$want" "$out"
	desc="'$*' prints the usage"; check grep -q '^usage: ' "$out"
	desc="'$*' touches no port"; check sh -c "! grep -q 'EAL:' '$out'"
}
bad "unknown option '--frobnicate'" --frobnicate
bad "invalid value for --burst: '0' (expected an integer in [1, 512])" \
	--burst=0
bad "invalid value for --run-time: '3s'" --run-time=3s
bad "unknown forwarding mode 'warp'" --forward-mode=warp
bad "option '--burst' needs a value" --burst
bad "--rxq=2 and --txq=3 differ" --rxq=2 --txq=3

[ $fail -eq 0 ] && echo PASS
exit $fail
