#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# softnet-pmd measured with a packet generator in another DPDK process,
# linked by vhost-user (softnet-pmd: net_vhost, the generator: virtio_user
# with speed=100000, since pktgen caps its rate at the reported link
# speed) or by memif. The generator is pktgen-dpdk when PKTGEN names its
# binary, else dpdk-testpmd --forward-mode=txonly.
#
# For each step — 64 B at full rate, sizes 64..1518, flows 1..64000 —
# the receiver's rate comes from its own counters through DPDK telemetry
# (softnet-pmd: datagrams delivered to its UDP sink; testpmd io: what it
# forwarded back)
# over the step, and pktgen's Tx rate from its screen. Each step runs
# against softnet-pmd's route engine (UDP to a local address: lookup, lo,
# backlog, a UDP sink) and against dpdk-testpmd --forward-mode=io on the
# same link, the ceiling: REPS rounds (default 3), the two receivers in
# turn first, since the host's speed drifts; each rate is the median of
# its rounds, printed with min and max.
# Writes build/bench/pktgen.csv and .md.
#
# usage: [PKTGEN=/path/to/pktgen] [STEPS="SIZE:FLOWS ..."] [REPS=N]
#        scripts/pktgen.sh [vhost|memif] [SECS]   (SECS >= 2, default 5)
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
usage="usage: [PKTGEN=path] [STEPS=\"SIZE:FLOWS ...\"] [REPS=N] $0 [vhost|memif] [SECS]"
case ${1:-} in -h|--help) echo "$usage"; exit 0 ;; esac
[ $# -le 2 ] || die "$usage"
link=${1:-vhost}
secs=${2:-5}
reps=${REPS:-3}
case $link in vhost|memif) ;; *) die "$usage" ;; esac
posint SECS "$secs" 2
posint REPS "$reps" 1
for st in ${STEPS:-64:1}; do
	case $st in *:*) ;; *) die "a step is SIZE:FLOWS, not '$st'" ;; esac
	posint "a step's SIZE" "${st%%:*}" 64
	[ "${st%%:*}" -le 9000 ] || die "a step's SIZE is at most 9000"
	posint "a step's FLOWS" "${st#*:}" 1
done
scripts/setup.sh >/dev/null
[ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/vm/nr_hugepages)" -lt 2048 ] &&
	echo 2048 >/proc/sys/vm/nr_hugepages
# two processes share memory over the link: hugepages, not --no-huge
hp_free=$(awk '/^HugePages_Free/ { print $2 }' /proc/meminfo)
hugefs=$(awk '$3 == "hugetlbfs" { print $2; exit }' /proc/mounts)
[ "${hp_free:-0}" -ge 1024 ] && [ -n "$hugefs" ] ||
	die "needs 1024 free 2 MiB hugepages on a mounted hugetlbfs (the" \
	    "generator and softnet-pmd share memory over $link); have" \
	    "${hp_free:-0}${hugefs:+ on $hugefs}"
pmd=$PWD/build/app/softnet-pmd/softnet-pmd
run=/run/softnet-pktgen/$$	# the link's socket: this run's own
mkdir -p "$run" build/bench
tmp=$(mktemp -d)
gpid=
rx_pid=
# on any exit: the receiver and a generator still running go (the
# generator is under a subshell and timeout), then what their EAL left:
# hugepage files, runtime directories, the link's socket
cleanup() {
	if [ -n "$gpid" ]; then
		pkill -TERM -P "$gpid" 2>/dev/null || true
		kill "$gpid" 2>/dev/null || true
	fi
	[ -z "$rx_pid" ] || kill -INT "$rx_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -f "$hugefs"/sn-pg-rx-$$map_* "$hugefs"/sn-pg-tx-$$map_*
	rm -rf "/var/run/dpdk/sn-pg-rx-$$" "/var/run/dpdk/sn-pg-tx-$$" "$tmp" \
		"$run"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
last=$(($(nproc) - 1))

gen=testpmd
if [ -n "${PKTGEN:-}" ]; then
	[ -x "$PKTGEN" ] || { echo "PKTGEN=$PKTGEN is not executable"; exit 2; }
	gen=pktgen
	if [ "$link" = memif ] && [ "${PKTGEN_MEMIF:-}" != force ]; then
		echo "note: pktgen up to 24.03 aborts on memif (it must set the"
		echo "MTU, which net_memif does not support): using dpdk-testpmd"
		echo "txonly as the generator (PKTGEN_MEMIF=force to try pktgen)"
		gen=testpmd
	fi
else
	echo "note: PKTGEN is not set: dpdk-testpmd --forward-mode=txonly is" \
	     "the generator (see doc/guides/performance.md for pktgen)"
fi

# the link, as each side names it
case $link in
vhost)
	rx_vdev="net_vhost0,iface=$run/vhost.sock,queues=2"
	tx_vdev="virtio_user0,path=$run/vhost.sock,queues=1,speed=100000"
	;;
memif)
	rx_vdev="net_memif0,role=server,socket=$run/memif.sock,socket-abstract=no"
	tx_vdev="net_memif0,role=client,socket=$run/memif.sock,socket-abstract=no"
	;;
esac

cat >"$tmp/softnet.conf" <<'EOF'
ip addr add 198.18.0.1/15 dev port1
udp listen 9
EOF

# the receiver: softnet-pmd (route) or testpmd (io), CPU 1 forwards
rx_start() { # softnet|testpmd
	rm -f "$run/vhost.sock" "$run/memif.sock"
	if [ "$1" = softnet ]; then
		"$pmd" --file-prefix sn-pg-rx-$$ --huge-unlink \
			--lcores "0@0,1@$last" --no-pci \
			--log-level=lib.eal:warning --vdev "$rx_vdev" -- \
			--config="$tmp/softnet.conf" >"$tmp/rx.log" 2>&1 &
		rx_port=1
	else
		dpdk-testpmd --file-prefix sn-pg-rx-$$ --huge-unlink \
			--lcores "0@0,1@$last" \
			--no-pci --log-level=lib.eal:warning --vdev "$rx_vdev" \
			-- --forward-mode=io --nb-cores=1 --rxq=1 --txq=1 \
			--stats-period=3600 \
			</dev/null >"$tmp/rx.log" 2>&1 &
		rx_port=0
	fi
	rx_pid=$!
	for i in $(seq 50); do
		[ -S "$run/vhost.sock" ] || [ -S "$run/memif.sock" ] && break
		sleep 0.2
	done
	sleep 1
}

rx_stop() {
	kill -INT "$rx_pid" 2>/dev/null || true
	wait "$rx_pid" 2>/dev/null || true
	rx_pid=
}

# the receiver's count, through telemetry: softnet-pmd's datagrams
# delivered to its UDP sink (its own counters; net_memif's server side
# does not count rx in its port stats), testpmd io's rx or tx packets,
# whichever is larger (with a generator that does not receive, io's
# transmit may stall)
rx_count() {
	if [ "$rx_port" = 1 ]; then
		echo "/softnet/ip/stats,default" |
			dpdk-telemetry.py -f sn-pg-rx-$$ 2>/dev/null |
			sed -n 's/.*"udp_in_datagrams": \([0-9]*\).*/\1/p' |
			tail -1
	else
		echo "/ethdev/stats,0" | dpdk-telemetry.py -f sn-pg-rx-$$ \
			2>/dev/null | tr ',' '\n' |
			sed -n 's/.*"[io]packets": \([0-9]*\).*/\1/p' |
			sort -n | tail -1
	fi
}

# one generator run: size, flows; prints pktgen's median Tx Mpps or -
gen_run() {
	size=$1
	flows=$2
	if [ "$gen" = pktgen ]; then
		cat >"$tmp/step.pkt" <<EOF
range 0 dst mac start ff:ff:ff:ff:ff:ff
range 0 src ip start 198.18.0.2
range 0 src ip min 198.18.0.2
range 0 src ip max 198.18.0.2
range 0 dst ip start 198.18.0.1
range 0 dst ip min 198.18.0.1
range 0 dst ip max 198.18.0.1
range 0 proto udp
range 0 dst port start 9
range 0 dst port min 9
range 0 dst port max 9
range 0 dst port inc 0
range 0 src port start 1024
range 0 src port min 1024
range 0 src port max $((1024 + flows - 1))
range 0 src port inc 1
range 0 size start $size
range 0 size min $size
range 0 size max $size
range 0 size inc 0
enable 0 range
set 0 rate 100
start 0
delay $(((secs + 4) * 1000))
stop 0
delay 300
quit
EOF
		timeout $((secs + 40)) "$PKTGEN" --file-prefix sn-pg-tx-$$ \
			--lcores "0@0,1@0" --no-pci --single-file-segments \
			--log-level=lib.eal:warning --vdev "$tx_vdev" -- -P \
			-m "1.0" -f "$tmp/step.pkt" >"$tmp/tx.log" 2>&1 </dev/null ||
			true
		# its screen: "Pkts/s Rx", "Tx", then "MBits/s Rx/Tx" as a/b
		sed 's/\x1b\[[0-9;?]*[a-zA-Z]/\n/g' "$tmp/tx.log" | tr -d ' ,' |
			awk '/^[0-9]+$/ { p2 = p1; p1 = $1; next }
			/^[0-9]+\/[0-9]+$/ { split($1, m, "/");
				if (m[2] > 0 && p1 > 0) print p1 / 1e6 }
			{ p1 = ""; p2 = "" }' | sort -n |
			awk '{ v[NR] = $1 } END { if (NR) printf "%.3f\n",
			     v[int((NR + 1) / 2)]; else print "-" }'
	else
		timeout -s INT $((secs + 5)) dpdk-testpmd --file-prefix sn-pg-tx-$$ \
			--lcores "0@0,1@0" --no-pci --log-level=lib.eal:warning \
			--single-file-segments \
			--vdev "$tx_vdev" -- --forward-mode=txonly \
			--txpkts="$size" --nb-cores=1 --eth-peer=0,ff:ff:ff:ff:ff:ff \
			--tx-ip=198.18.0.2,198.18.0.1 --tx-udp=1024,9 \
			$( [ "$flows" -gt 1 ] && echo --txonly-multi-flow ) \
			--stats-period=1 </dev/null >"$tmp/tx.log" 2>&1 || true
		# its own Tx-pps lines, the first (a partial second) left out
		sed -n 's/^ *Tx-pps: *\([0-9]*\).*/\1/p' "$tmp/tx.log" |
			tail -n +2 | sort -n | awk '{ v[NR] = $1 / 1e6 }
			END { if (NR) printf "%.3f\n", v[int((NR + 1) / 2)];
			      else print "-" }'
	fi
}

# a step: the receiver's Mpps over SECS seconds of the generator's run,
# after 2.5 s for it to start
step() { # size flows -> "rx_mpps gen_mpps"
	gen_run "$1" "$2" >"$tmp/gen.out" &
	gpid=$!
	sleep 2.5
	c0=$(rx_count); t0=$(date +%s.%N)
	sleep "$secs"
	c1=$(rx_count); t1=$(date +%s.%N)
	wait $gpid || true
	gpid=
	awk -v a="${c0:-0}" -v b="${c1:-0}" -v t0="$t0" -v t1="$t1" \
		-v g="$(cat "$tmp/gen.out")" \
		'BEGIN { printf "%.3f %s\n", (b - a) / (t1 - t0) / 1e6, g }'
}

steps=${STEPS:-"64:1 128:1 256:1 512:1 1024:1 1518:1 64:16 64:256 64:4096 64:64000"}
[ "$gen" = testpmd ] && steps=${STEPS:-"64:1 128:1 256:1 512:1 1024:1 1518:1 64:2"}
reps=${REPS:-3}
echo "generator: $gen over $link; $secs s per step, $reps rounds;" \
     "receiver on CPU $last"
: >"$tmp/res"
for round in $(seq "$reps"); do
	order="softnet testpmd"
	[ $((round % 2)) = 0 ] && order="testpmd softnet"
	for rx in $order; do
		rx_start $rx
		for st in $steps; do
			# in this shell, not $(...): an interrupt must find
			# the generator's pid
			step "${st%:*}" "${st#*:}" >"$tmp/step.out"
			r=$(cat "$tmp/step.out")
			echo "$rx ${st%:*} ${st#*:} $r" >>"$tmp/res"
			echo "  round $round, $rx: ${st%:*} B, ${st#*:} flows:" \
			     "rx ${r% *} Mpps (generator ${r#* } Mpps)"
		done
		rx_stop
		[ -n "${DEBUG:-}" ] && cat "$tmp/rx.log"
		grep -q '^mbufs: all' "$tmp/rx.log" 2>/dev/null ||
			[ "$rx" = testpmd ] ||
			{ echo "softnet-pmd:"; cat "$tmp/rx.log"; }
	done
done

# per step and receiver: median (of an even count, the mean of the two
# middle values), min, max of the rounds; "-" when not measured
median='{ v[NR] = $1 } END { m = "-"
	if (NR > 0 && v[1] != "-")
		m = sprintf("%.3f", (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2) }'
{
	echo "size,flows,softnet_mpps,softnet_min,softnet_max,testpmd_io_mpps,testpmd_min,testpmd_max,ratio,generator_mpps_softnet,generator_mpps_io,goal"
	for st in $steps; do
		for rx in softnet testpmd; do
			awk -v r="$rx" -v z="${st%:*}" -v f="${st#*:}" \
				'$1 == r && $2 == z && $3 == f { print $4 }' \
				"$tmp/res" | sort -n |
				awk "$median"' END { printf "%s %s %s ",
				     m, v[1], v[NR] }'
		done
		# what the generator sent in each receiver's rounds: the
		# ratio means what it says only if they are close
		for rx in softnet testpmd; do
			awk -v r="$rx" -v z="${st%:*}" -v f="${st#*:}" \
				'$1 == r && $2 == z && $3 == f { print $5 }' \
				"$tmp/res" | sort -n |
				awk "$median"' END { printf "%s ", m }'
		done
		echo
	done | awk -v steps="$steps" 'BEGIN { n = split(steps, st, " ") }
		{ split(st[NR], k, ":");
		  printf "%s,%s,%s,%s,%s,%s,%s,%s,%.2f,%s,%s,>=0.9\n", k[1],
			 k[2], $1, $2, $3, $4, $5, $6, ($4 > 0 ? $1 / $4 : 0),
			 $7, $8 }'
} >build/bench/pktgen.csv
{
	echo "| size | flows | softnet-pmd Mpps (min–max) | testpmd io Mpps (min–max) | ratio of medians | generator Tx Mpps (softnet / io rounds) | goal |"
	echo "|---|---|---|---|---|---|---|"
	tail -n +2 build/bench/pktgen.csv | awk -F, '{
		printf "| %s | %s | %s (%s–%s) | %s (%s–%s) | %s | %s / %s | %s |\n",
		       $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }'
	echo
	echo "(a ratio compares the receivers fairly only where the generator"
	echo "sent about as much to both: testpmd io sends what it receives back"
	echo "to the generator, whose CPU it then shares)"
} >build/bench/pktgen.md
cat build/bench/pktgen.md
echo "(written: build/bench/pktgen.csv, build/bench/pktgen.md)"
