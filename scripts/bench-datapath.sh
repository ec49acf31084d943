#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# The datapath on one forwarding lcore, 64-byte frames from a pre-built
# source (the built-in generator on a net_null port's rx queue), next to
# its peers measured in the same run:
#   local     UDP to a local address with 1 M routes in the table: lookup,
#             lo, the lcore's backlog, a UDP sink
#   forward   UDP routed through a gateway out of a second net_null port
#   macswap   dpdk-testpmd --forward-mode=macswap on the same net_null source
#   genswap   softnet-pmd's own macswap engine on the generator: the source
#             the local and forward rows have (its header copy included),
#             so that the ratios to it leave the source out
#   kernel    Linux's UDP over lo (sendmmsg/recvmmsg), softnet-kudp
# Each path runs REPS times (default 3), alternating, SECS seconds each
# (default 5); a rate is the median of the per-second rates of a run, a
# ratio the median of the rounds' own ratios.
# Writes build/bench/datapath.csv and .md.
#
# usage: [REPS=N] [SECS=N] scripts/bench.sh datapath [ROUTES]
#        (ROUTES default 1000000, at most 16777216; REPS >= 1; SECS >= 2)
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
case ${1:-} in -h|--help)
	echo "usage: [REPS=N] [SECS=N] scripts/bench.sh datapath [ROUTES]"
	exit 0 ;;
esac
[ $# -le 1 ] || die "one argument at most, ROUTES"
routes=${1:-1000000}
reps=${REPS:-3}
secs=${SECS:-5}
posint ROUTES "$routes" 1
[ "$routes" -le 16777216 ] || die "ROUTES must be at most 16777216"
posint REPS "$reps" 1
posint SECS "$secs" 2	# the first second's rate is not counted
scripts/setup.sh >/dev/null
if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/vm/nr_hugepages)" -lt 1024 ]; then
	echo 1024 >/proc/sys/vm/nr_hugepages
fi
EAL_NOHUGE_MB=4096	# 1 M routes do not fit in 1 GiB
. scripts/eal-mem.sh
last=$(($(nproc) - 1))
out=build/bench
mkdir -p "$out"
pmd=build/app/softnet-pmd/softnet-pmd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; eal_clean' EXIT

# the tables: an address and a sink, N random routes through a gateway
{
	echo "ip addr add 198.18.0.1/15 dev port1"
	echo "udp listen 9"
	awk -v n="$routes" 'BEGIN {
		srand(1)
		for (i = 0; i < n; i++) {
			do {
				l = 8 + int(rand() * 25)
				a = int(rand() * 4294967296)
				a = a - a % (2 ^ (32 - l))
				o = int(a / 16777216)
			} while (o == 0 || o == 127 || o >= 224 ||
				 (o == 198 && int(a / 65536) % 256 < 20))
			printf "ip route replace %d.%d.%d.%d/%d via 198.18.0.254\n",
			       o, int(a / 65536) % 256, int(a / 256) % 256,
			       a % 256, l
		}
	}'
	echo "ip neigh add 198.18.0.254 lladdr 02:00:00:00:00:fe dev port1"
} >"$tmp/local.conf"
cat >"$tmp/forward.conf" <<'CONF'
ip addr add 198.18.0.1/15 dev port1
ip addr add 10.1.0.1/24 dev port2
ip neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev port2
ip route add 203.0.113.0/24 via 10.1.0.2
CONF

# median of the per-second Rx rates of a port in a log
rate() { # file, port-line regex
	grep -E "$2" "$1" | sed -n 's/.* Rx *\([0-9.]*\) Mpps.*/\1/p' |
		tail -n +2 | sort -n | awk '{ v[NR] = $1 }
		END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'
}

# a run that failed: what it said, on stderr, and the bench stops
failed() { # what
	echo "datapath bench: $1 failed:" >&2
	cat "$tmp/log" >&2
	exit 1
}

run_local() {
	bg "$pmd" $EAL_MEM --no-pci --lcores "0@0,1@$last" \
		--log-level=lib.eal:warning --vdev net_null0 -- \
		--config="$tmp/local.conf" --max-routes=$((routes + 1000)) \
		--gen-rx=1 --run-time="$secs" --stats-period=1 \
		</dev/null >"$tmp/log" 2>&1 || failed "local delivery"
	grep -q '^ *udp_in_datagrams *[1-9]' "$tmp/log" ||
		failed "local delivery (nothing delivered)"
	rate "$tmp/log" '^port 1 net_null0 '
}

# the output port receives nothing (no-rx): net_null would hand the lcore
# as many empty frames to drop as otherhost, twice the work per packet
run_forward() {
	bg "$pmd" $EAL_MEM --no-pci --lcores "0@0,1@$last" \
		--log-level=lib.eal:warning --vdev net_null0 \
		--vdev net_null1,no-rx=1 \
		-- --config="$tmp/forward.conf" --gen-rx=1 \
		--gen-dst=203.0.113.1 --gen-dst-count=254 --run-time="$secs" \
		--stats-period=1 </dev/null >"$tmp/log" 2>&1 ||
		failed forwarding
	grep -q '^ *forwarded *[1-9]' "$tmp/log" ||
		failed "forwarding (nothing forwarded)"
	rate "$tmp/log" '^port 1 net_null0 '
}

run_macswap() {
	bg timeout -s INT $((secs + 2)) dpdk-testpmd $EAL_MEM --no-pci \
		--lcores "0@0,1@$last" --log-level=lib.eal:warning \
		--vdev net_null0 -- --forward-mode=macswap --stats-period=1 \
		</dev/null >"$tmp/log" 2>&1 || true
	grep -q 'Rx-pps: *[1-9]' "$tmp/log" || failed "testpmd macswap"
	sed -n 's/^ *Rx-pps: *\([0-9]*\).*/\1/p' "$tmp/log" | tail -n +2 |
		sort -n | awk '{ v[NR] = $1 / 1e6 }
		END { if (NR == 0) print 0; else print v[int((NR + 1) / 2)] }'
}

run_genswap() {
	bg "$pmd" $EAL_MEM --no-pci --lcores "0@0,1@$last" \
		--log-level=lib.eal:warning --vdev net_null0 -- \
		--forward-mode=macswap --gen-rx=1 --run-time="$secs" \
		--stats-period=1 </dev/null >"$tmp/log" 2>&1 ||
		failed "softnet-pmd macswap"
	grep -qE '^port 1 net_null0 .*Tx +[0-9.]*[1-9]' "$tmp/log" ||
		failed "softnet-pmd macswap (nothing sent)"
	rate "$tmp/log" '^port 1 net_null0 '
}

run_kernel() {
	bg build/app/softnet-bench/softnet-kudp "$secs" >"$tmp/log" 2>&1 ||
		failed "Linux UDP over lo"
	sed -n 's/.*: \([0-9.]*\) Mpps.*/\1/p' "$tmp/log"
}

tsc=$(awk '/^cpu MHz/ { print $4 / 1000; exit }' /proc/cpuinfo)
echo "datapath bench: $routes routes, $reps runs of ${secs} s each, one" \
	"forwarding lcore, 64 B frames, CPU ${tsc} GHz"
[ "${EAL_MEM#--no-huge}" = "$EAL_MEM" ] ||
	echo "note: --no-huge: rates are about 2.5x lower than on hugepages"
: >"$tmp/all"
for r in $(seq "$reps"); do
	for p in local forward macswap genswap kernel; do
		# in this shell, not $(...): an interrupt must find the child,
		# and a failure's words must reach the terminal
		run_$p >"$tmp/v"
		v=$(cat "$tmp/v")
		echo "$p $v" >>"$tmp/all"
		echo "  run $r: $p $v Mpps"
	done
done

stats() { # path -> "median min max"
	awk -v p="$1" '$1 == p { print $2 }' "$tmp/all" | sort -n |
		awk '{ v[NR] = $1 } END { printf "%.3f %.3f %.3f\n",
		     v[int((NR + 1) / 2)], v[1], v[NR] }'
}
# the median of the rounds' own ratios a/b: a round's runs are minutes
# apart at most, while the host drifts by a third over a longer bench
ratio() {
	awk -v a="$1" -v b="$2" '$1 == a { x[++n] = $2 } $1 == b { y[++m] = $2 }
		END { for (i = 1; i <= n; i++) q[i] = y[i] > 0 ? x[i] / y[i] : 0
		      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
			if (q[j] < q[i]) { t = q[i]; q[i] = q[j]; q[j] = t }
		      r = n % 2 ? q[(n + 1) / 2] : (q[n / 2] + q[n / 2 + 1]) / 2
		      printf "%.2f", r }' "$tmp/all"
}
cyc() { awk -v m="$1" -v g="$tsc" 'BEGIN { printf "%.0f", (m > 0 ? g * 1e3 / m : 0) }'; }

{
	echo "path,mpps_median,mpps_min,mpps_max,cycles_per_packet,peer,ratio,goal"
	set -- $(stats local)
	echo "local delivery ($routes routes),$1,$2,$3,$(cyc "$1"),macswap,$(ratio local macswap),>=0.8"
	set -- $(stats forward)
	echo "forwarding,$1,$2,$3,$(cyc "$1"),macswap,$(ratio forward macswap),>=0.8"
	set -- $(stats macswap)
	echo "testpmd macswap (peer),$1,$2,$3,$(cyc "$1"),,,"
	set -- $(stats genswap)
	echo "softnet-pmd macswap on the generator (peer; same source),$1,$2,$3,$(cyc "$1"),local delivery; forwarding,$(ratio local genswap); $(ratio forward genswap),"
	set -- $(stats kernel)
	echo "Linux UDP over lo (peer),$1,$2,$3,,local delivery,$(ratio local kernel),>=50 (local/kernel)"
} >"$out/datapath.csv"
{
	echo "| path | Mpps (median) | min | max | cycles/pkt | vs | ratio | goal |"
	echo "|---|---|---|---|---|---|---|---|"
	tail -n +2 "$out/datapath.csv" | sed 's/,/ | /g; s/^/| /; s/$/ |/'
} >"$out/datapath.md"
cat "$out/datapath.md"
echo "(written: $out/datapath.csv, $out/datapath.md)"
