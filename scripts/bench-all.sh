#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Every figure of doc/guides/performance.md in one run, each next to its
# peer measured in the same run: net_loopback vs net_ring, the RPS handoff
# vs the local path and a plain ring, lookups with 1 M routes (and 100 k
# IPv6) vs rte_fib/rte_fib6, local delivery and forwarding on one lcore vs
# dpdk-testpmd macswap, Linux's UDP over lo, route updates/s during local
# delivery and the throughput dip, memory per namespace and per 1 M routes,
# and a sweep of frame sizes (64..1518) and flow counts (1..64 k).
# Writes build/bench/all.csv, all.md, sweep.csv and sweep.png (gnuplot).
# About 3-6 minutes on 2 cores, on hugepages.
#
# usage: [REPS=N] [SECS=N] scripts/bench.sh all   (REPS and SECS: the
#        datapath rows', default 3 and 4; the other rows run a fixed count)
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
case ${1:-} in
'') ;;
-h|--help) echo "usage: [REPS=N] [SECS=N] scripts/bench.sh all"; exit 0 ;;
*) die "no argument expected, not '$1' (usage: scripts/bench.sh all)" ;;
esac
posint REPS "${REPS:-3}" 1
posint SECS "${SECS:-4}" 2
scripts/setup.sh >/dev/null
if [ "$(id -u)" = 0 ]; then
	[ "$(cat /proc/sys/vm/nr_hugepages)" -ge 2560 ] ||
		echo 2560 >/proc/sys/vm/nr_hugepages
	command -v gnuplot >/dev/null ||
		apt-get install -y -q gnuplot-nox >/dev/null 2>&1 || true
fi
EAL_NOHUGE_MB=4096	# 1 M routes
. scripts/eal-mem.sh
last=$(($(nproc) - 1))
out=build/bench
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; eal_clean' EXIT
bench=build/app/softnet-bench/softnet-bench
pmd=build/app/softnet-pmd/softnet-pmd
eal="$EAL_MEM --no-pci --log-level=lib.eal:warning"
tsc=$(awk '/^cpu MHz/ { print $4 / 1000; exit }' /proc/cpuinfo)

# a softnet-bench row: "median min max cycles"
row() { # file, row name
	awk -v p="$2" 'index($0, p) == 1 { print $(NF-3), $(NF-2), $(NF-1),
		$NF; exit }' "$1"
}
# CSV line: figure, median, min, max, unit, cycles/pkt, peer, ratio, goal
csv() { echo "$1,$2,$3,$4,$5,$6,$7,$8,$9" >>"$tmp/all.csv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo "figure,median,min,max,unit,cycles_per_packet,peer,ratio,goal" \
	>"$tmp/all.csv"

echo "== lo: net_loopback vs net_ring"
bg $bench --lcores "0@$last" $eal -- lo --runs 5 >"$tmp/lo.txt" 2>&1 ||
	{ cat "$tmp/lo.txt" >&2; exit 1; }
tail -3 "$tmp/lo.txt"
set -- $(row "$tmp/lo.txt" "net_loopback tx->rx"); lo=$1
set -- $(row "$tmp/lo.txt" "net_ring tx->rx"); ring=$1
set -- $(row "$tmp/lo.txt" "net_loopback tx->rx")
csv "net_loopback tx->rx" "$1" "$2" "$3" Mpps "$4" net_ring \
	"$(ratio "$lo" "$ring")" ">=1.0"
set -- $(row "$tmp/lo.txt" "net_ring tx->rx")
csv "net_ring tx->rx (peer)" "$1" "$2" "$3" Mpps "$4" "" "" ""

echo "== softnet: RPS handoff vs local"
bg $bench --lcores "0@0,1@$last" $eal -- softnet --runs 5 >"$tmp/sn.txt" 2>&1 ||
	{ cat "$tmp/sn.txt" >&2; exit 1; }
tail -7 "$tmp/sn.txt"
# the ratio and overheads are the bench's own, paired by round
sn_ratio=$(sed -n 's|^ratio RPS handoff (backlog path)/rte_ring: \([0-9.]*\)x.*|\1|p' \
	"$tmp/sn.txt")
sn_over=$(sed -n 's/^RPS handoff over local: \([-+][0-9.]*\) cycles.*/\1/p' \
	"$tmp/sn.txt")
ring_over=$(sed -n 's/.*plain ring handoff alone is \([-+][0-9.]*\) over.*/\1/p' \
	"$tmp/sn.txt")
set -- $(row "$tmp/sn.txt" "softnet local (inline)")
csv "softnet local path" "$1" "$2" "$3" Mpps "$4" "" "" ""
set -- $(row "$tmp/sn.txt" "softnet RPS handoff")
csv "RPS handoff" "$1" "$2" "$3" Mpps "$4" "rte_ring MP/SC" "$sn_ratio" ">=0.9"
csv "RPS handoff over local" "$sn_over" "" "" "cycles/pkt" "" \
	"plain ring: $ring_over" "" "<=15"

echo "== route: 1 M IPv4 and 100 k IPv6 prefixes vs rte_fib/rte_fib6"
bg $bench --lcores "0@0,1@$last" $eal -- route --runs 11 >"$tmp/rt.txt" 2>&1 ||
	{ cat "$tmp/rt.txt" >&2; exit 1; }
grep -vE '^(EAL|TELEMETRY)' "$tmp/rt.txt" || true
# the peers map their next hops to objects, as softnet's lookup does;
# the ratios are the bench's own: the median of the rounds' ratios
ovh() { # file, text before the overhead in % -> ratio ours/peer
	sed -n "s/.*$2 \([-+][0-9.]*\) %.*/\1/p" "$1" |
		awk '{ printf "%.2f", 1 / (1 + $1 / 100); exit }'
}
set -- $(row "$tmp/rt.txt" "softnet route, rules 3")
csv "route lookups (1 M IPv4)" "$1" "$2" "$3" "M lookups/s" "$4" \
	rte_fib "$(ovh "$tmp/rt.txt" "overhead over rte_fib:")" \
	">=0.91 (overhead <=10 %)"
csv "route lookups (1 M IPv4) vs its own rte_fib raw" "$1" "$2" "$3" \
	"M lookups/s" "$4" "softnet's rte_fib (raw)" \
	"$(ovh "$tmp/rt.txt" "over its own rte_fib raw:")" ""
csv "route lookups (1 M IPv4) vs rte_fib results unused" "$1" "$2" "$3" \
	"M lookups/s" "$4" "rte_fib (results unused)" \
	"$(ovh "$tmp/rt.txt" "over rte_fib with its results unused:")" ""
set -- $(row "$tmp/rt.txt" "rte_fib DIR24_8 (peer)"); fib=$1
set -- $(row "$tmp/rt.txt" "softnet route, rules 7")
csv "route lookups (1 M IPv4; 4 custom rules)" "$1" "$2" "$3" \
	"M lookups/s" "$4" rte_fib "$(ratio "$1" "$fib")" ""
set -- $(row "$tmp/rt.txt" "softnet route6")
csv "route lookups (100 k IPv6)" "$1" "$2" "$3" "M lookups/s" "$4" \
	rte_fib6 "$(ovh "$tmp/rt.txt" "overhead over rte_fib6:")" \
	">=0.91 (overhead <=10 %)"
csv "route lookups (100 k IPv6) vs its own rte_fib6 raw" "$1" "$2" "$3" \
	"M lookups/s" "$4" "softnet's rte_fib6 (raw)" \
	"$(ovh "$tmp/rt.txt" "over its own rte_fib6 raw:")" ""
csv "route lookups (100 k IPv6) vs rte_fib6 results unused" "$1" "$2" \
	"$3" "M lookups/s" "$4" "rte_fib6 (results unused)" \
	"$(ovh "$tmp/rt.txt" "over rte_fib6 with its results unused:")" ""
mem1m=$(sed -n 's/.*memory for the table: \([0-9.]*\) MiB.*/\1/p' \
	"$tmp/rt.txt")
csv "memory per 1 M IPv4 routes" "$mem1m" "" "" MiB "" "" "" ""

echo "== datapath: local delivery (1 M routes), forwarding, macswaps, kernel"
# its own file, which a failed run must not leave from an earlier one
rm -f "$out/datapath.csv"
REPS=${REPS:-3} SECS=${SECS:-4} bg scripts/bench-datapath.sh >"$tmp/dp.txt" 2>&1 ||
	{ cat "$tmp/dp.txt" >&2; echo "datapath bench failed" >&2; exit 1; }
tail -8 "$tmp/dp.txt"
# its columns, with the unit
tail -n +2 "$out/datapath.csv" | awk -F, -v OFS=, '{ print $1, $2, $3, $4,
	"Mpps", $5, $6, $7, $8 }' >>"$tmp/all.csv"

echo "== route updates during local delivery"
{
	echo "ip addr add 198.18.0.1/15 dev port1"
	echo "udp listen 9"
} >"$tmp/upd.conf"
awk 'BEGIN { for (i = 0; i < 50000; i++)
	printf "ip route replace 10.%d.%d.0/24 via 198.18.0.254\n",
	       int(i / 256) % 256, i % 256
	for (i = 0; i < 50000; i++)
		printf "ip route del 10.%d.%d.0/24\n", int(i / 256) % 256,
		       i % 256 }' >"$tmp/upd.cmds"
# the updates go on for several of the per-second rate lines (8 times
# 100,000 commands: 1-7 s here), so that the busy rate is one of updates
{
	echo "sleep 4000"
	for i in 1 2 3 4 5 6 7 8; do echo "source $tmp/upd.cmds"; done
	echo "sleep 1000"
	echo quit
} >"$tmp/upd.cli"
bg $pmd $eal --lcores "0@0,1@$last" --vdev net_null0 -- -a \
	--config="$tmp/upd.conf" --cmdline-file="$tmp/upd.cli" --gen-rx=1 \
	--stats-period=1 </dev/null >"$tmp/upd.txt" 2>&1 ||
	{ cat "$tmp/upd.txt" >&2; exit 1; }
# updates/s over the sources: their commands over their seconds
upd=$(sed -n 's/^source: \([0-9]*\) commands.* in \([0-9.]*\) s, .*/\1 \2/p' \
	"$tmp/upd.txt" | awk '{ n += $1; t += $2 }
	END { if (t > 0) printf "%.0f", n / t }')
quiet=$(awk '/^softnet> source/ { exit } /^port 1 net_null0/ {
	n++; if (n > 1) print $5 }' "$tmp/upd.txt" | sort -n |
	awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }')
busy=$(awk '/^softnet> source/ { on = 1; next } /^softnet> sleep 1000/ { exit }
	on && /^port 1 net_null0/ { print $5 }' "$tmp/upd.txt" | sort -n |
	awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }')
echo "  ${upd:-?} route updates/s (shell, one per command); local delivery" \
	"$quiet -> $busy Mpps"
csv "route updates during local delivery" "${upd:-0}" "" "" updates/s "" \
	"" "" ""
csv "local delivery dip during updates" \
	"$(awk -v q="$quiet" -v b="$busy" 'BEGIN { printf "%.1f",
	   (q > 0 ? (1 - b / q) * 100 : 0) }')" "" "" "%" "" \
	"quiet $quiet Mpps" "" "<5"

echo "== memory per namespace"
mns=$(build/test/test_netns --no-huge -m 512 --no-shconf --no-pci \
	-l 0 --vdev net_loopback0 --file-prefix "sn-ba-$$" -- \
	memory_per_netns 2>/dev/null |
	sed -n 's/^memory per namespace.*: \([0-9]*\) bytes/\1/p')
mrt=$(build/test/test_route --no-huge -m 1024 --no-shconf --no-pci \
	--lcores '(0-1)@(0-1)' --vdev net_loopback0 --file-prefix \
	"sn-ba2-$$" -- namespaces_apart 2>/dev/null |
	sed -n 's/^memory of a namespace with its tables: \([0-9]*\) bytes/\1/p')
rm -rf "/var/run/dpdk/sn-ba-$$" "/var/run/dpdk/sn-ba2-$$"
echo "  namespace ${mns:-?} B; with its route tables ${mrt:-?} B"
csv "memory per namespace (lo with 3 queues)" "${mns:-0}" "" "" bytes "" "" "" ""
csv "memory per namespace with its tables" "${mrt:-0}" "" "" bytes "" "" \
	"" ""

echo "== sweep: frame sizes and flows, local delivery and forwarding"
cat >"$tmp/fwd.conf" <<'EOF'
ip addr add 198.18.0.1/15 dev port1
ip addr add 10.1.0.1/24 dev port2
ip neigh add 10.1.0.2 lladdr 02:00:00:00:00:02 dev port2
ip route add 203.0.113.0/24 via 10.1.0.2
EOF
# sizes as on the wire with the FCS (64..1518): the frame built is 4 less
sweep() { # path size flows -> Mpps
	if [ "$1" = local ]; then
		bg $pmd $eal --lcores "0@0,1@$last" --vdev net_null0 -- \
			--config="$tmp/upd.conf" --gen-rx=1 --txpkt-len=$(($2 - 4)) \
			--gen-flows="$3" --run-time=3 --stats-period=1 \
			</dev/null >"$tmp/sw.txt" 2>&1 ||
			{ cat "$tmp/sw.txt" >&2; exit 1; }
	else
		# the output port receives nothing: net_null's rx would
		# hand the lcore as many empty frames to drop
		bg $pmd $eal --lcores "0@0,1@$last" --vdev net_null0 \
			--vdev net_null1,no-rx=1 -- --config="$tmp/fwd.conf" \
			--gen-rx=1 --gen-dst=203.0.113.1 --gen-dst-count=254 \
			--txpkt-len=$(($2 - 4)) --gen-flows="$3" --run-time=3 \
			--stats-period=1 </dev/null >"$tmp/sw.txt" 2>&1 ||
			{ cat "$tmp/sw.txt" >&2; exit 1; }
	fi
	awk '/^port 1 net_null0/ { n++; if (n > 1) print $5 }' "$tmp/sw.txt" |
		sort -n | awk '{ v[NR] = $1 }
		END { print (NR ? v[int((NR + 1) / 2)] : 0) }'
}
echo "kind,size,flows,local_mpps,forward_mpps" >"$out/sweep.csv"
# in this shell, not $(...): an interrupt must find the run
for s in 64 128 256 512 1024 1518; do
	sweep local "$s" 1 >"$tmp/v"; l=$(cat "$tmp/v")
	sweep forward "$s" 1 >"$tmp/v"; f=$(cat "$tmp/v")
	echo "size,$s,1,$l,$f" >>"$out/sweep.csv"
	echo "  $s B: local $l Mpps, forwarding $f Mpps"
done
for fl in 1 16 256 4096 65535; do
	sweep local 64 "$fl" >"$tmp/v"; l=$(cat "$tmp/v")
	sweep forward 64 "$fl" >"$tmp/v"; f=$(cat "$tmp/v")
	echo "flows,64,$fl,$l,$f" >>"$out/sweep.csv"
	echo "  $fl flows: local $l Mpps, forwarding $f Mpps"
done

cp "$tmp/all.csv" "$out/all.csv"
{
	echo "CPU ${tsc} GHz, $(nproc) CPUs, ${EAL_MEM%% *}; each figure next"
	echo "to its peer in the same run; median (min, max) of the runs."
	echo
	echo "| figure | median | min | max | unit | cycles/pkt | peer | ratio | goal |"
	echo "|---|---|---|---|---|---|---|---|---|"
	tail -n +2 "$out/all.csv" | sed 's/,/ | /g; s/^/| /; s/$/ |/'
	echo
	echo "| sweep | size | flows | local delivery Mpps | forwarding Mpps |"
	echo "|---|---|---|---|---|"
	tail -n +2 "$out/sweep.csv" | sed 's/,/ | /g; s/^/| /; s/$/ |/'
} >"$out/all.md"
if command -v gnuplot >/dev/null; then
	grep '^size,' "$out/sweep.csv" | cut -d, -f2,4,5 | tr ',' ' ' \
		>"$tmp/size.dat"
	grep '^flows,' "$out/sweep.csv" | cut -d, -f3,4,5 | tr ',' ' ' \
		>"$tmp/flows.dat"
	gnuplot <<EOF
set terminal png size 1000,420 noenhanced
set output "$out/sweep.png"
set multiplot layout 1,2 title "softnet-pmd, one forwarding lcore (generator on net_null)"
set xlabel "frame size (B, with FCS)"
set ylabel "Mpps"
set yrange [0:*]
set key bottom right
set logscale x 2
set grid
plot "$tmp/size.dat" using 1:2 with linespoints title "local delivery", \
     "$tmp/size.dat" using 1:3 with linespoints title "forwarding"
set xlabel "flows (UDP source ports)"
set logscale x 4
plot "$tmp/flows.dat" using 1:2 with linespoints title "local delivery", \
     "$tmp/flows.dat" using 1:3 with linespoints title "forwarding"
unset multiplot
EOF
fi
cat "$out/all.md"
echo "(written: $out/all.csv, $out/all.md, $out/sweep.csv$(
	[ -f "$out/sweep.png" ] && echo ", $out/sweep.png"))"
