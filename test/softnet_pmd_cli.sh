#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# softnet-pmd as a user runs it: the README's main job (the route engine
# fed by the built-in generator), SIGINT under traffic, the softnet and io
# engines, a shell transcript (--cmdline-file) checked line by line, the
# shell on a pipe, telemetry queried during a run, and mistakes on the
# command line.
#
# usage: softnet_pmd_cli.sh SOFTNET_PMD SOURCE_DIR
set -u
pmd=$1
src=$2
last=$(($(nproc) - 1))
eal="--no-huge -m 1024 --no-shconf --no-pci --lcores 0@0,1@$last"
eal="$eal --log-level=lib.eal:warning"
out=$(mktemp)
# EAL's runtime directories of this script's processes (--no-shconf still
# makes one, and telemetry needs its files): removed on exit
rundirs() { rm -rf /var/run/dpdk/sn-*-$$ "${XDG_RUNTIME_DIR:-/tmp}"/dpdk/sn-*-$$; }
trap 'exit 143' TERM	# meson's timeout: the EXIT trap still cleans up
trap 'rm -f "$out" "$out.x"; rundirs' EXIT
fail=0
check() { # description, command...
	if ! "$@"; then
		echo "FAIL: $desc"
		fail=1
	fi
}
# the number after "udp port 9: " in the output, or 0
udp9() { sed -n 's/^ *udp port 9: \([0-9]*\) datagrams.*/\1/p' "$out" |
	tail -1 | grep . || echo 0; }

# 1. the main job: route engine, generator on net_null0's rx, 3 s
"$pmd" $eal --file-prefix "sn-cli-$$" --vdev net_null0 -- \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 --run-time=3 \
	--stats-period=1 </dev/null >"$out" 2>&1
rc=$?
cat "$out"
desc="main job exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c '^port 0 net_loopback0 .*Tx *[0-9.]*[1-9][0-9]* Mpps' "$out")
desc="at least 2 live Mpps lines for lo, got $n"; check [ "$n" -ge 2 ]
n=$(grep -c '^port 1 net_null0 .*Rx *[0-9.]*[1-9][0-9]* Mpps' "$out")
desc="at least 2 live Mpps lines for port 1, got $n"; check [ "$n" -ge 2 ]
desc="testpmd's NIC statistics block"
check grep -q '#### NIC statistics for port 0 ' "$out"
desc="the UDP sink counted datagrams (got $(udp9))"
check [ "$(udp9)" -gt 1000 ]
desc="locally delivered through lo"
check grep -qE '^ *lo_tx +[1-9]' "$out"
n=$(grep -c '^port 1 net_null0 .*Rx' "$out")
desc="one live line a second, the run's last too: 3, got $n"
check [ "$n" -eq 3 ]
lo=$(sed -n 's/^ *lo_tx *\([0-9]*\)$/\1/p' "$out")
desc="what the backlog held at the end was delivered: lo_tx $lo = sink $(udp9)"
check [ "${lo:-0}" -eq "$(udp9)" ]
desc="every mbuf back"; check grep -q '^mbufs: all [0-9]* back in' "$out"

# 1b. jumbo frames from the generator: one segment of 9000 bytes each,
# so the pool's buffers must hold them (a frame the generator cannot
# write is dropped, and then nothing would be delivered)
"$pmd" $eal --file-prefix "sn-cli-j-$$" --vdev net_null0 -- \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 --run-time=2 \
	--txpkt-len=9000 </dev/null >"$out" 2>&1
rc=$?
desc="jumbo run exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="jumbo: the UDP sink counted datagrams (got $(udp9))"
check [ "$(udp9)" -gt 1000 ]
by=$(sed -n 's/^ *udp port 9: [0-9]* datagrams, \([0-9]*\) bytes.*/\1/p' \
	"$out" | tail -1)
desc="jumbo: 8958 payload bytes per datagram ($by bytes)"
check [ "${by:-0}" -eq $(($(udp9) * 8958)) ]
desc="jumbo: every mbuf back"
check grep -q '^mbufs: all [0-9]* back in' "$out"

# 2. SIGINT under traffic: final stats, all mbufs back, exit 0
"$pmd" $eal --file-prefix "sn-cli-int-$$" --vdev net_null0 -- \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 </dev/null \
	>"$out" 2>&1 &
pid=$!
# once it forwards (a loaded host may take seconds to get there)
i=0
while [ $i -lt 600 ] && ! grep -q '^softnet-pmd: route forwarding' "$out"
do
	sleep 0.1; i=$((i + 1))
done
sleep 2
kill -INT $pid
wait $pid
rc=$?
desc="SIGINT exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="SIGINT: final NIC statistics"
check grep -q '#### NIC statistics for port 1 ' "$out"
desc="SIGINT: the sink's count in the final stats"
check [ "$(udp9)" -gt 0 ]
desc="SIGINT: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 3. softnet's loop on the lcores: lo's traffic circulates through lcore
# 1's backlog, a net_ring port is polled by it; /proc-style counters
"$pmd" $eal --file-prefix "sn-cli-sn-$$" --vdev net_ring0 -- \
	--forward-mode=softnet --tx-first --run-time=2 --stats-period=1 \
	</dev/null >"$out" 2>&1
rc=$?
desc="softnet mode exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c '^port 0 net_loopback0 .*Rx *[0-9.]*[1-9][0-9]* Mpps' "$out")
desc="softnet: live Mpps on lo, got $n lines"; check [ "$n" -ge 1 ]
n=$(grep -c '^port 1 net_ring0 .*Rx *[0-9.]*[1-9][0-9]* Mpps' "$out")
desc="softnet: live Mpps on net_ring0, got $n lines"; check [ "$n" -ge 1 ]
n=$(grep -cE '^([0-9a-f]{8} ){12}[0-9a-f]{8}$' "$out")
desc="softnet_stat: a 13-column line per lcore, got $n"; check [ "$n" -eq 2 ]
desc="softnet_stat: lcore 1 processed packets"
check sh -c "grep -qE '^0*[1-9a-f][0-9a-f]* ([0-9a-f]{8} ){11}00000001\$' '$out'"
desc="softnet: every mbuf back"; check grep -q '^mbufs: all' "$out"
# S4 drops show by ingress port: RPS from lcore 1 to lcore 2 meets a
# backlog of 0 (lo counts its own in its RX-missed)
"$pmd" --no-huge -m 1024 --no-shconf --no-pci --lcores "0@0,1@$last,2@$last" \
	--log-level=lib.eal:warning --file-prefix "sn-cli-bd-$$" \
	--vdev net_ring0 -- --forward-mode=softnet --tx-first \
	--max-backlog=0 --rps='1 0 2' --run-time=1 </dev/null >"$out" 2>&1
rc=$?
desc="max_backlog 0 exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="backlog drops by ingress port"
check grep -qE '^  port 1 backlog dropped: [1-9]' "$out"
desc="backlog drops: every mbuf back"; check grep -q '^mbufs: all' "$out"

# lcore stop/start around start/stop and engine changes: no hang (a loop
# launched on an offline lcore, or waited for under another engine), the
# rx queue comes home, nothing lost
printf '%s\n' 'lcore stop 1' 'start tx_first' 'sleep 300' 'lcore start 1' \
	'sleep 300' 'show softnet config' 'stop' 'set fwd io' \
	'start tx_first' 'lcore stop 1' 'stop' 'set fwd softnet' \
	'lcore stop 1' 'stop' 'lcore start 1' 'start' 'sleep 200' 'stop' \
	'lcore stop 0' 'set softnet rps_cpus 1 0 0' 'set softnet rps_cpus 1 0 1 0' \
	'quit' >"$out.x"
timeout 60 "$pmd" $eal --file-prefix "sn-cli-lc-$$" --vdev net_ring0 -- -i \
	--forward-mode=softnet --cmdline-file="$out.x" </dev/null >"$out" 2>&1
rc=$?
desc="lcore stop/start cycles exit 0, no hang (got $rc)"; check [ $rc -eq 0 ]
desc="lcore start: the rx queue is polled by lcore 1 again"
check grep -q '^rxq port 1 queue 0 lcore 1 rps_cpus$' "$out"
desc="start with lcore 1 stopped says so, not that it forwards"
check grep -q '^Logical Core 1 (socket [0-9]*) is stopped$' "$out"
desc="lcore stop in a stream engine is refused"
check grep -qF 'lcore stop: only with the softnet engines' "$out"
desc="the main lcore cannot be stopped"
check grep -qF 'lcore 0 is the main lcore' "$out"
desc="RPS to the main lcore is refused"
check grep -qF 'lcore 0 is the main lcore: it runs no softnet loop' "$out"
desc="rps_cpus with a word after the list is refused"
check grep -qF "rps_cpus takes 'PORT QUEUE LCORELIST'" "$out"
desc="lcore cycles: every mbuf back"; check grep -q '^mbufs: all' "$out"

# --rps names a port rx queue that softnet polls once ports are set up
printf 'show softnet config\nquit\n' >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-rps-$$" --vdev net_ring0 -- \
	--forward-mode=softnet --rps='1 0 1' --cmdline-file="$out.x" \
	</dev/null >"$out" 2>&1
rc=$?
desc="--rps exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="--rps: the map in show softnet config"
check grep -q '^rxq port 1 queue 0 lcore 1 rps_cpus 1$' "$out"
"$pmd" $eal --file-prefix "sn-cli-rps-$$" --vdev net_ring0 -- \
	--forward-mode=softnet --rps='1 0 7' </dev/null >"$out" 2>&1
rc=$?
desc="--rps to an lcore without softnet exits 2 (got $rc)"
check [ $rc -eq 2 ]
desc="--rps to an lcore without softnet says so"
check grep -qF 'softnet-pmd: lcore 7 has no softnet' "$out"
desc="--rps refused: no port stopped twice, no burst on a dead port"
check sh -c "! grep -qE 'already stopped|not ready port' '$out'"
desc="--rps refused: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 4. testpmd's io engine on lo, --tx-first: 64 bursts of 32 into lo's
# default ring of 1,024, so 1,024 are dropped on the way in and show as
# lo's missed in every view, the rest circulate
"$pmd" $eal --file-prefix "sn-cli-io-$$" -- --forward-mode=io --tx-first=64 \
	--run-time=2 --stats-period=1 </dev/null >"$out" 2>&1
rc=$?
desc="io mode exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c '^port 0 net_loopback0 .*Rx *[0-9.]*[1-9][0-9]* Mpps' "$out")
desc="io: live Mpps on lo, got $n lines"; check [ "$n" -ge 1 ]
n=$(grep -c '^port 0 net_loopback0 .*  missed 1024$' "$out")
desc="io: the live line says lo's 1,024 missed, got $n lines"
check [ "$n" -ge 1 ]
desc="io: testpmd's forward statistics"
check grep -q 'Accumulated forward statistics for all ports' "$out"
set -- $(sed -n 's/^  RX-packets: \([0-9]*\) *RX-dropped: \([0-9]*\) *RX-total: \([0-9]*\)$/\1 \2 \3/p' \
	"$out" | head -1)
desc="io: RX-dropped 1024, RX-total = RX-packets + RX-dropped (got $*)"
check [ "${2:-0}" -eq 1024 ] && check [ "${3:-0}" -eq $((${1:-0} + 1024)) ]
desc="io: NIC statistics say RX-missed 1024, RX-errors 0"
check grep -qE '^  RX-packets: [0-9]+ +RX-missed: 1024 ' "$out"
check grep -q '^  RX-errors: 0$' "$out"
set -- $(sed -n 's/^  Tx-pps: *\([0-9]*\) *Tx-bps: *\([0-9]*\)$/\1 \2/p' "$out")
desc="io: Tx-bps is 64-byte frames' bits, 512 x Tx-pps (got $*)"
check [ $((${2:-0} / (${1:-0} + 1))) -ge 510 ] &&
	check [ $((${2:-0} / (${1:-0} + 1))) -le 512 ]
desc="io: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 5. the shell, from a command file: the transcript, line by line
"$pmd" $eal --file-prefix "sn-cli-sh-$$" --vdev net_null0 \
	--vdev net_null1 -- -i --cmdline-file="$src/test/cli/shell.cmd" </dev/null >"$out" 2>&1
rc=$?
desc="shell transcript exits 0 (got $rc)"; check [ $rc -eq 0 ]
# port start and ip link say the ports' MACs, which net_null makes at
# random; ip route get says the asker's uid
sed -n '/^Read CLI commands/,$p' "$out" | sed 1d |
	sed -E -e 's/^(Port [0-9]+: )([0-9A-F]{2}:){5}[0-9A-F]{2}$/\1XX:XX:XX:XX:XX:XX/' \
	-e 's/^( +link\/ether |port[0-9]+ +[A-Z]+ +)([0-9a-f]{2}:){5}[0-9a-f]{2}/\1xx:xx:xx:xx:xx:xx/' \
	-e 's/ uid [0-9]+ $/ uid 0 /' \
	>"$out.x"
desc="shell transcript is test/cli/shell.out"
check diff -u "$src/test/cli/shell.out" "$out.x"

# 6. the shell on a pipe: start, let traffic run, stop, read counters
printf '%s\n' 'show config fwd' 'start' 'start' 'sleep 1000' 'stop' \
	'stop' 'show ip stats' 'show port stats 1' 'udp show' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-pipe-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 >"$out" 2>&1
rc=$?
cat "$out"
desc="piped shell exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="piped shell: not started before 'start'"
check grep -q '^route packet forwarding - ports=2 - cores=1' "$out"
desc="piped shell: a second start is refused"
check grep -q '^Packet forwarding already started' "$out"
desc="piped shell: stop shows the stats"
check grep -q '^Telling cores to stop' "$out"
desc="piped shell: a second stop is refused"
check grep -q '^Packet forwarding not started' "$out"
desc="piped shell: datagrams delivered"
check grep -qE '^udp_in_datagrams +[1-9]' "$out"
desc="piped shell: the sink saw them (got $(udp9))"
check [ "$(udp9)" -gt 0 ]
desc="piped shell: every mbuf back"; check grep -q '^mbufs: all' "$out"
# every counter show ip stats prints is in the datapath guide's table
n=0
for c in $(sed -n 's/^\([a-z0-9_]*\)  *[0-9][0-9]*$/\1/p' "$out"); do
	grep -q "^| \`$c\` |" "$src/doc/guides/datapath.md" ||
		{ echo "not in datapath.md: $c"; n=$((n + 1)); }
done
desc="piped shell: every IP counter documented ($n missing)"
check [ "$n" -eq 0 ]
k=$(sed -n 's/^\([a-z0-9_]*\)  *[0-9][0-9]*$/\1/p' "$out" | wc -l)
desc="piped shell: show ip stats lists the counters (got $k)"
check [ "$k" -ge 70 ]

# 5b. forwarding to a route out of a namespace with no IPv4 source: each
# ARP resolve fails and deletes its entry after a grace period, while the
# worker sends as many again; the control step used to drain forever
# and the shell froze at its next sleep
printf '%s\n' 'ip route add 203.0.113.0/24 dev port2' 'start' 'sleep 1000' \
	'stop' 'quit' >"$out.x"
timeout -k 5 60 "$pmd" $eal --file-prefix "sn-cli-arp-$$" --vdev net_null0 \
	--vdev net_null1 -- --gen-rx=1 --gen-dst=203.0.113.5 -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
rc=$?
desc="failing resolutions under traffic: the shell goes on (got $rc)"
check [ $rc -eq 0 ]
desc="failing resolutions: every mbuf back"
check grep -q '^mbufs: all' "$out"

# 6. testpmd's forward statistics, in its words and columns
printf '%s\n' 'set fwd macswap' 'start' 'sleep 300' 'show fwd stats all' \
	'clear fwd stats all' 'stop' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-fwds-$$" --vdev net_null0 -- -i \
	>"$out" 2>&1
rc=$?
desc="fwd stats: exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(grep -c 'Accumulated forward statistics for all ports' "$out")
desc="fwd stats: show fwd stats all and stop print it (got $n)"
check [ "$n" -eq 2 ]
n=$(awk '/^  [RT]X-packets: .*X-dropped/ {
	if (match($0, /[RT]X-dropped: /) != 30 ||
	    match($0, /[RT]X-total: /) != 56) bad++; n++ }
	END { print n + 0 " " bad + 0 }' "$out")
desc="fwd stats: testpmd's columns (lines, misplaced: $n)"
check [ "${n#* }" -eq 0 ] && check [ "${n% *}" -ge 4 ]
desc="fwd stats: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6a. counters cleared under traffic: the live rate goes on from them
# (it used to wrap to 18 million Mpps), and the stop's rates are the run's
printf '%s\n' 'start' 'sleep 1200' 'clear port stats all' 'sleep 1100' \
	'stop' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-clr-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 --stats-period=1 \
	>"$out" 2>&1
rc=$?
desc="clear under traffic: exits 0 (got $rc)"; check [ $rc -eq 0 ]
n=$(awk '/^port 1 net_null0 .*Rx/ { if ($5 + 0 > 1000) bad++ }
	END { print bad + 0 }' "$out")
desc="clear under traffic: no rate above 1000 Mpps (got $n)"
check [ "$n" -eq 0 ]
desc="clear under traffic: the stop says over the run"
check grep -q 'Throughput (over the run)' "$out"

# 6a3. port stop and start between runs: the port is out of softnet's
# poll lists while stopped, and forwards again once started
printf '%s\n' 'netns add a' 'port stop 2' 'port start 2' 'netns del a' \
	'start' 'sleep 500' 'stop' 'port stop 1' 'ip link' 'start' 'port start 1' \
	'start' 'sleep 500' 'stop' 'udp show' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-port-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 >"$out" 2>&1
rc=$?
desc="port stop/start: exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="port stop/start: no start with a port stopped"
check grep -q '^Not all ports were started' "$out"
n=$(grep -c '^Telling cores to stop' "$out")
desc="port stop/start: two runs (got $n)"; check [ "$n" -eq 2 ]
n=$(grep -c '^Port 2 is lo of namespace a: it stays started' "$out")
desc="port stop/start: another namespace's lo is refused (got $n)"
check [ "$n" -eq 2 ]
desc="port stop/start: ip link shows the stopped port down"
check grep -q '^2: port1: <BROADCAST,MULTICAST,PROMISC> mtu [0-9]* state DOWN' "$out"
desc="port stop/start: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6a5. a namespace deleted while its forwarding waits on ARP: its port
# comes back to default, and what the namespace had queued for the
# neighbour thread dies with it (neigh_ifdown), never default's business
"$pmd" $eal --file-prefix "sn-cli-nsq-$$" --vdev net_null0 --vdev net_null1 \
	-- -i --gen-rx=1 --gen-dst=10.2.0.1 >"$out" 2>&1 <<'CMD'
sysctl -w net.ipv4.ip_forward=0
ip addr add 198.18.0.100/15 dev port2
netns add a
ip link set port1 netns a
ip -n a addr add 198.18.0.1/15 dev port1
ip -n a route add 10.2.0.0/16 via 198.18.0.9
netns exec a sysctl -w net.ipv4.ip_forward=1
start
sleep 300
netns del a
sleep 200
stop
show ip stats
ip neigh
quit
CMD
desc="netns del under ARP: default sent no ARP for a's gateway"
check grep -qE '^ *arp_out_requests +0$' "$out"
desc="netns del under ARP: default dropped nothing of a's"
check grep -qE '^ *neigh_dropped +0$' "$out"
desc="netns del under ARP: no neighbour of a's in default"
check sh -c "! grep -q '^198.18.0.9 ' '$out'"
desc="netns del under ARP: every mbuf back"
check grep -q '^mbufs: all' "$out"

# 6a6. namespaces up to the ethdev limit: each has its lo, a DPDK port,
# and the one that finds none left says why (with two ports taken, lo and
# net_null0, RTE_MAX_ETHPORTS - 1 is the first refused)
i=1
while [ $i -le 40 ]; do echo "netns add n$i"; i=$((i + 1)); done |
"$pmd" --no-huge -m 3000 --no-shconf --no-pci --lcores 0@0,1@$last \
	--log-level=lib.eal:warning --file-prefix "sn-cli-nsmax-$$" \
	--vdev net_null0 -- -i --max-routes=64 >"$out" 2>&1
max=$(sed -n 's/.*built with RTE_MAX_ETHPORTS \([0-9]*\)).*/\1/p' "$out" |
	head -1)
if [ -z "$max" ]; then
	echo "skipped: netns limit (this DPDK has more than 41 ethdev ports)"
else
	desc="netns limit: the first refused says it has no DPDK port for its lo"
	check grep -q "^Cannot create namespace \"n$((max - 1))\": no DPDK port left for its lo" "$out"
	desc="netns limit: all before it made (max $max)"
	check [ "$(grep -c '^Cannot create' "$out")" -eq $((40 - max + 2)) ]
fi
desc="netns limit: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6a7. a rule's device moved to another namespace: shown by its name,
# detached, as iproute2 shows it
printf '%s\n' 'ip rule add iif port1 lookup 100' \
	'ip -6 rule add oif port1 lookup 100' 'netns add q' \
	'ip link set port1 netns q' 'ip rule' 'ip -6 rule' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-rdet-$$" --vdev net_null0 -- -i \
	>"$out" 2>&1
desc="detached rule: IPv4 shows the device's name"
check grep -q '^32765:	from all iif port1 \[detached\] lookup 100$' "$out"
desc="detached rule: IPv6 shows it too"
check grep -q '^32765:	from all oif port1 \[detached\] lookup 100$' "$out"

# 6a8. ip link set: with lo down, what ports bring for local addresses is
# still delivered (Linux delivers it without lo's xmit; what the host sends
# itself is dropped, test_datapath's lo_down_local_only); under traffic a
# port's mtu changes and it goes down and up, as on Linux: down, it is
# polled no more (the sink's count stands still) and its connected route
# goes; up, traffic comes back; its rx queue's rps_cpus stay throughout,
# as Linux keeps them
printf '%s\n' 'ip link set port1 mtu 9000' 'ip link set lo down' 'ip link' \
	'set softnet rps_cpus 1 0 1' \
	'start' 'sleep 300' 'ip link set port1 mtu 1400' 'udp show' \
	'sleep 300' 'udp show' 'ip link set port1 down' 'sleep 100' \
	'udp show' 'sleep 300' 'udp show' 'ip link show port1' 'ip route' \
	'ip link set port1 up' 'sleep 300' 'ip route' 'stop' 'udp show' \
	'show softnet config' 'ip link set lo up' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-link-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 >"$out" 2>&1
desc="ip link: lo down shows without UP"
check grep -q '^1: lo: <LOOPBACK> mtu 65535' "$out"
desc="ip link: the port's new mtu"
check grep -q '^2: port1: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 9000 state UP' "$out"
set -- $(sed -n 's/^ *udp port 9: \([0-9]*\) datagrams.*/\1/p' "$out")
desc="ip link: 5 udp counts, got $#"; check [ $# -eq 5 ]
[ $# -eq 5 ] || set -- 0 0 0 0 0
desc="ip link: the port's traffic delivered with lo down ($1)"
check [ "$1" -gt 0 ]
desc="ip link: traffic goes on after an mtu change under it ($1 -> $2)"
check [ "$2" -gt "$1" ]
desc="ip link: a port down under traffic is polled no more ($3 -> $4)"
check [ "$4" -eq "$3" ]
desc="ip link: and up again, its traffic comes back ($4 -> $5)"
check [ "$5" -gt "$4" ]
desc="ip link: the mtu changed under traffic, the port down"
check grep -q '^2: port1: <BROADCAST,MULTICAST,PROMISC> mtu 1400 state DOWN' "$out"
desc="ip link: the rx queue's rps_cpus kept through mtu, down and up"
check grep -q '^rxq port 1 queue 0 lcore 1 rps_cpus 1$' "$out"
desc="ip link: its connected route gone while down, back when up"
check [ "$(grep -c '^198.18.0.0/15 dev port1 proto kernel' "$out")" -eq 1 ]
desc="ip link: lo dropped none of it"
check sh -c "! grep -qE 'TX-errors: [1-9]' '$out'"
desc="ip link: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6a10. ip link set address and promisc, as iproute2 words their
# refusals; a new MAC under traffic: the datapath takes frames to it (the
# generator sends to the port's MAC: with the old one kept, each would be
# rx_otherhost)
printf '%s\n' 'ip link set port1 address 01:00:00:00:00:01' \
	'ip link set port1 address 00:00:00:00:00:00' \
	'ip link set port1 address 02:00:00:00:00:zz' \
	'ip link set port1 address' 'ip link set lo address 02:00:00:00:00:01' \
	'ip link set port1 promisc maybe' 'ip link set port1 promisc off' \
	'start' 'sleep 200' 'udp show' 'ip link set port1 addr 02:00:00:00:00:09' \
	'sleep 200' 'udp show' 'ip link show port1' 'stop' 'show ip stats' \
	'quit' |
"$pmd" $eal --file-prefix "sn-cli-mac-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 >"$out" 2>&1
desc="ip link address: a group or zero MAC refused"
check [ "$(grep -c '^RTNETLINK answers: Cannot assign requested address$' "$out")" -eq 2 ]
desc="ip link address: a bad one, iproute2's words"
check grep -qF '"02:00:00:00:00:zz" is invalid lladdr.' "$out"
desc="ip link address: none given"
check grep -qF 'Command line is not complete. Try option "help"' "$out"
desc="ip link address: not lo's"
check grep -qF "RTNETLINK answers: Operation not supported (lo's frames" "$out"
desc="ip link promisc: on or off"
check grep -qF 'Error: argument of "promisc" must be "on" or "off", not "maybe"' "$out"
desc="ip link promisc: net_null's answer, named"
check grep -qF 'RTNETLINK answers: Operation not supported (net_null cannot turn promiscuous mode off)' "$out"
set -- $(sed -n 's/^ *udp port 9: \([0-9]*\) datagrams.*/\1/p' "$out")
desc="ip link address: 2 udp counts, got $#"; check [ $# -eq 2 ]
[ $# -eq 2 ] || set -- 0 0
desc="ip link address: traffic to the new MAC delivered ($1 -> $2)"
check [ "$2" -gt "$1" ] && [ "$1" -gt 0 ]
desc="ip link address: shown"
check grep -q '^    link/ether 02:00:00:00:00:09 brd ff:ff:ff:ff:ff:ff$' "$out"
desc="ip link address: no frame taken for another host's"
check grep -qE '^rx_otherhost +0$' "$out"
desc="ip link address: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6a11. promiscuous mode off stays off across down and up, as Linux
# keeps IFF_PROMISC (net_ring can leave it; net_null cannot)
printf '%s\n' 'ip link set port1 promisc off' 'ip link set port1 down' \
	'ip link set port1 up' 'ip link show port1' 'ip link set port1 promisc on' \
	'ip link show port1' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-prm-$$" --vdev net_ring0 -- -i \
	>"$out" 2>&1
desc="ip link promisc: off kept across down and up"
check grep -q '^2: port1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu' "$out"
desc="ip link promisc: on again"
check grep -q '^2: port1: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu' "$out"

# 6a9. a stream engine's lcores poll their ports until stop: ip link
# set down and mtu are refused under it, and port stop under any engine
# (testpmd's rule)
printf '%s\n' 'set fwd io' 'start' 'ip link set port1 down' \
	'ip link set port1 mtu 1400' 'port stop 1' 'stop' \
	'ip link set port1 down' 'ip link show port1' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-link2-$$" --vdev net_null0 -- -i \
	>"$out" 2>&1
desc="ip link: no down under the io engine"
check [ "$(grep -c "^port1: stop forwarding first (the io engine's lcores poll their ports until stop)$" "$out")" -eq 2 ]
desc="ip link: port stop under forwarding, testpmd's words"
check grep -q '^Please stop forwarding first$' "$out"
desc="ip link: down once stopped"
check grep -q '^2: port1: <BROADCAST,MULTICAST,PROMISC> mtu 1500 state DOWN' "$out"
desc="ip link: io engine, every mbuf back"
check grep -q '^mbufs: all' "$out"

# 6a4. the prompt on a terminal (librte_cmdline): every verb of the
# executor is one of its commands, port included
python3 - "$pmd" $eal --file-prefix "sn-cli-tty-$$" --vdev net_null0 \
	-- -i >"$out" 2>&1 <<'PY'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
def read_for(secs):
    global out
    end = time.time() + secs
    while time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                d = os.read(fd, 65536)
            except OSError:
                return
            if not d:
                return
            out += d
read_for(3)
for line in ("port stop 1", "port start 1", "show port info 1", "quit"):
    os.write(fd, line.encode() + b"\r")
    read_for(1)
read_for(2)
os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
PY
desc="prompt on a terminal: port stop is a command"
check grep -q '^Stopping ports\.\.\.' "$out"
desc="prompt on a terminal: port start is a command"
check grep -qE '^Port 1: ([0-9A-F]{2}:){5}[0-9A-F]{2}' "$out"
desc="show port info: testpmd's lines"
check sh -c "grep -q '^Driver name: net_null' '$out' &&
	grep -q '^Link duplex: full-duplex' '$out' &&
	grep -q '^Promiscuous mode: enabled' '$out' &&
	grep -q '^Max possible TX queues: 1024' '$out' &&
	grep -q '^Min/Max MTU: 46/65535' '$out'"
desc="prompt on a terminal: no unknown command"
check sh -c "! grep -q 'Command not found' '$out'"
desc="prompt on a terminal: every mbuf back"
check grep -q '^mbufs: all' "$out"

# 6a''. --gen-rate: the port's live Rx line is what the generator let
# through (net_null's own counter has what it made, up to 50 Mpps)
# (and after a clear of its counters)
# (a cap, not a rate: a loaded host may give the lcore less, never more)
printf '%s\n' 'start' 'sleep 1500' 'clear port stats all' 'sleep 2100' \
	'stop' 'ip -s link show lo' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-rate-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 --gen-rate=0.5 \
	--stats-period=1 >"$out" 2>&1
n=$(awk '/^port 1 net_null0 .*Rx/ { if ($5 + 0 > 0.6) bad++ }
	END { print bad + 0 }' "$out")
desc="--gen-rate=0.5: no live line above 0.5 Mpps ($n lines are)"
check [ "$n" -eq 0 ]
n=$(grep -c '^port 1 net_null0 .*Rx *0\.[1-9]' "$out")
desc="--gen-rate=0.5: some live line shows traffic ($n)"
check [ "$n" -gt 0 ]
# ip -s: lo's packets, as many sent as received (L3)
rx=$(sed -n '/^ *RX: /{n;p;q}' "$out" | awk '{print $2}')
tx=$(sed -n '/^ *TX: /{n;p;q}' "$out" | awk '{print $2}')
desc="ip -s link show lo: RX packets $rx = TX packets $tx > 0"
check [ "${rx:-0}" -gt 0 ] && check [ "$rx" = "$tx" ]
# and Linux's lo bytes: the IP packet, 50 bytes of the 64-byte frame
rxb=$(sed -n '/^ *RX: /{n;p;q}' "$out" | awk '{print $1}')
desc="ip -s link show lo: RX bytes $rxb = 50 x $rx packets"
check [ "${rxb:-0}" -eq $((${rx:-0} * 50)) ]

# 6a'. one rx queue, RPS to two lcores: each lcore transmits on a tx queue
# of its own (one more per port than rx queues)
"$pmd" --no-huge -m 1024 --no-shconf --no-pci --lcores 0@0,1@$last,2@$last \
	--log-level=lib.eal:warning --file-prefix "sn-cli-rps-$$" \
	--vdev net_null0 -- --config="$src/config/softnet-pmd.conf" \
	--gen-rx=1 --rxq=1 --rps='1 0 1,2' --run-time=2 </dev/null \
	>"$out" 2>&1
rc=$?
desc="rxq 1, RPS 1,2: exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="rxq 1, RPS 1,2: delivered (got $(udp9))"; check [ "$(udp9)" -gt 0 ]
desc="rxq 1, RPS 1,2: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 6b. each start counts from zero, as testpmd's fwd_stats_reset: an io
# run, then an rxonly run that sends nothing
printf '%s\n' 'set fwd io' 'start tx_first 4' 'sleep 300' 'stop' \
	'set fwd rxonly' 'start' 'sleep 100' 'stop' 'quit' |
"$pmd" $eal --file-prefix "sn-cli-rst-$$" --vdev net_ring0 -- -i \
	>"$out" 2>&1
rc=$?
desc="stats per run: exits 0 (got $rc)"; check [ $rc -eq 0 ]
# testpmd's blocks: the accumulated one's TX-packets line, per run
tx=$(awk '/Accumulated forward statistics/ { getline; getline; print $2 }' \
	"$out" | tr '\n' ' ')
desc="testpmd's per-port forward statistics block"
check grep -q 'Forward statistics for port 1 ' "$out"
desc="stats per run: io sent, rxonly's run counts no TX (got $tx)"
check [ "$(echo $tx | cut -d' ' -f1)" -gt 0 ] && \
	check [ "$(echo $tx | cut -d' ' -f2)" = 0 ]
desc="stats per run: every mbuf back"; check grep -q '^mbufs: all' "$out"

# 7. telemetry, read by DPDK's own client during a run
if command -v dpdk-telemetry.py >/dev/null; then
	pfx="sn-cli-tel-$$"
	"$pmd" --no-huge -m 1024 --no-pci --lcores "0@0,1@$last" \
		--file-prefix "$pfx" --vdev net_null0 -- \
		--config="$src/config/softnet-pmd.conf" --gen-rx=1 \
		--run-time=6 </dev/null >/dev/null 2>&1 &
	pid=$!
	sleep 3
	printf '%s\n' /softnet/stat /softnet/netns/list \
		/softnet/route,default /softnet/ip/stats,default \
		/softnet/port/stats,1 /softnet/route,nowhere |
		dpdk-telemetry.py -f "$pfx" >"$out" 2>&1
	wait $pid
	cat "$out"
	desc="telemetry: softnet_stat of lcore 1 counts"
	check grep -qE '"lcore1": \{"processed": [1-9]' "$out"
	desc="telemetry: the namespaces"
	check grep -qF '{"/softnet/netns/list": ["default"]}' "$out"
	desc="telemetry: the main table"
	check grep -qF '"203.0.113.0/24 via 198.18.0.254 dev port1"' "$out"
	desc="telemetry: the datapath counters"
	check grep -qE '"udp_in_datagrams": [1-9]' "$out"
	desc="telemetry: port stats"
	check grep -qE '"/softnet/port/stats": \{"ipackets": [1-9]' "$out"
	desc="telemetry: an unknown namespace is an error"
	check grep -qF '{"/softnet/route": null}' "$out"
fi

# 8. a device allowed with -a is probed after lo (so that lo is port 0):
# one that is not there is refused with its name
"$pmd" --no-huge -m 1024 --no-shconf --lcores "0@0,1@$last" \
	--log-level=lib.eal:warning --file-prefix "sn-cli-a-$$" \
	-a 0000:00:1f.6 -- --run-time=1 </dev/null >"$out" 2>&1
rc=$?
desc="-a of a missing device exits 1 (got $rc)"; check [ $rc -eq 1 ]
desc="-a of a missing device says which"
check grep -qF 'cannot probe -a 0000:00:1f.6' "$out"

# 8b. a --vdev whose driver fails (EAL 22.11 only warns and goes on): exit
# 1, naming it
"$pmd" $eal --file-prefix "sn-cli-vd-$$" \
	--vdev net_pcap0,rx_pcap=/nonexistent.pcap -- --run-time=1 \
	</dev/null >"$out" 2>&1
rc=$?
desc="--vdev that does not probe exits 1 (got $rc)"; check [ $rc -eq 1 ]
desc="--vdev that does not probe is named"
check grep -qF -- '--vdev net_pcap0,rx_pcap=/nonexistent.pcap: no port came of it' "$out"
# a port with too few queues: how many it needs, and the devarg to ask
"$pmd" $eal --file-prefix "sn-cli-vd-$$" --vdev net_loopback0,queues=1 \
	-- --run-time=1 </dev/null >"$out" 2>&1
rc=$?
desc="a port with too few queues exits 1 (got $rc)"; check [ $rc -eq 1 ]
desc="a port with too few queues: the devarg and count, net_loopback named"
check grep -qF 'has at most 1 rx / 1 tx queues, 2/2 asked' "$out"
check grep -qF "(net_loopback: devarg queues=2)" "$out"

# 9. mistakes: a reason, the usage, exit code 2, before any port is touched
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
	desc="'$*' polls no dead port"
	check sh -c "! grep -qE 'already stopped|not ready port' '$out'"
}
bad "unknown option '--frobnicate'" --frobnicate
bad "invalid option -- 'x'" -ix
bad "invalid option -- 'x'" -xi
bad "option '--auto-start' doesn't allow an argument" --auto-start=1
bad "option '--auto-start' doesn't allow an argument" --auto=1
bad "invalid option -- 'x'" --rxq=1 -xi
bad "unexpected argument 'foo'" foo --auto-start=1
bad "option '--tx' is ambiguous; possibilities: '--txq' '--tx-first'" --tx=5
bad "option '--rxq' needs a value" --rx
bad "unknown option '--frob=1'" --frob=1
bad "invalid value for --burst: '0' (expected an integer in [1, 512])" \
	--burst=0
bad "invalid value for --run-time: '3s'" --run-time=3s
bad "unknown forwarding mode 'warp'" --forward-mode=warp
bad "option '--burst' needs a value" --burst
bad "--rxq=2 and --txq=3 differ" --rxq=2 --txq=3
bad "invalid value for --max-backlog: 'lots'" --max-backlog=lots
bad "invalid value for --max-backlog: '-5' (expected a non-negative" \
	--max-backlog=-5
bad "invalid value for --softnet: '-1'" --softnet=max_backlog=-1
bad "--run-time is for a run without -i" -i --run-time=2
bad "unknown softnet tunable 'warp_factor'" --softnet=warp_factor=9
bad "--softnet takes NAME=VALUE" --softnet=budget
bad "budget must be an integer in [1, 2147483647], not '0'" --budget=0
bad "invalid value for --gen-rate: 'fast'" --gen-rate=fast
bad "invalid value for --gen-rate: 'nan'" --gen-rate=nan
bad "invalid value for --gen-rate: 'inf'" --gen-rate=inf
bad "invalid value for --gen-dst: '10.0.0.256'" --gen-dst=10.0.0.256
bad "cannot read --cmdline-file '/nonexistent/x'" \
	--cmdline-file=/nonexistent/x

bad "cannot read --config '/': Is a directory" --config=/
bad "--txpkts=64,64: frames here are one segment" --txpkts=64,64
bad "invalid value for --eth-peer: '1'" --eth-peer=1
bad "invalid value for --txpkt-len: '9001' (expected an integer in [60, 9000])" \
	--txpkt-len=9001
bad "invalid value for --tx-first: '65' (expected an integer in [1, 64])" \
	--tx-first=65
bad "dev_weight must be an integer in [1, 65536], not '65537'" \
	--softnet=dev_weight=65537

# an EAL option EAL does not know is named, app options or not
"$pmd" --bogus-eal $eal --file-prefix "sn-cli-eal-$$" -- -i </dev/null \
	>"$out" 2>&1
rc=$?
desc="unknown EAL option exits 1 (got $rc)"; check [ $rc -eq 1 ]
desc="unknown EAL option is named"
check grep -qF "unrecognized option '--bogus-eal'" "$out"

# 9b. testpmd's --txpkts and --eth-peer: txonly's frames out of a pcap
pcapd=$(mktemp -d)
printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\377\377\000\000\001\000\000\000' \
	>"$pcapd/empty.pcap"
"$pmd" $eal --file-prefix "sn-cli-peer-$$" --vdev \
	"net_pcap0,rx_pcap=$pcapd/empty.pcap,tx_pcap=$pcapd/o.pcap,tx_pcap=$pcapd/c.pcap" \
	-- --forward-mode=txonly --eth-peer=1,02:aa:bb:cc:dd:ee --txpkts=100 \
	--gen-rate=0.01 --run-time=1 </dev/null >"$out" 2>&1
rc=$?
desc="txonly with --eth-peer exits 0 (got $rc)"; check [ $rc -eq 0 ]
first=$(od -An -tx1 -j40 -N6 "$pcapd/o.pcap" | tr -d ' \n')
desc="--eth-peer: the frames go to 02:aa:bb:cc:dd:ee (got $first)"
check [ "$first" = "02aabbccddee" ]
caplen=$(od -An -tu4 -j32 -N4 "$pcapd/o.pcap" | tr -d ' ')
desc="--txpkts=100: 100-byte frames (got $caplen)"; check [ "$caplen" = 100 ]
# txonly is one flow, whatever --gen-flows and --gen-dst-count say: the
# destination address and source port of the first 8 frames (16-byte
# record headers, 100-byte frames), sent in full bursts (no rate)
printf '%s\n' start 'sleep 5' stop quit >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-peer-$$" --vdev \
	"net_pcap0,rx_pcap=$pcapd/empty.pcap,tx_pcap=$pcapd/o.pcap,tx_pcap=$pcapd/c.pcap" \
	-- -i --cmdline-file="$out.x" --forward-mode=txonly --txpkts=100 \
	--gen-flows=4 --gen-dst-count=2 </dev/null >"$out" 2>&1
flows=$(for i in 0 1 2 3 4 5 6 7; do
	od -An -tx1 -j$((24 + i * 116 + 16 + 30)) -N6 "$pcapd/o.pcap" |
		tr -d ' \n'; echo; done | sort -u)
desc="txonly: one flow (got $(echo $flows))"
check [ "$(echo "$flows" | grep -c '^[0-9a-f]\{12\}$')" -eq 1 ]
rm -rf "$pcapd"

# 10. command files: a line too long is refused whole (not cut into two
# commands), 'source' loops are bounded, --config stops at its first error
long=$(printf '%04100d' 0 | tr 0 x)
{
	echo "netns add evil # $long"
	echo "# $long"
	echo "set softnet rps_cpus $(echo "$long" | cut -c1-300)"
	echo "source $out.x"
	echo "netns list"
} >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
rc=$?
desc="long lines: exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="a line of 4,117 characters is refused"
check grep -q '^line too long (4117 characters, at most 4095)$' "$out"
desc="a long comment line is only a comment"
check sh -c "! grep -q 'line too long (4102' '$out'"
desc="set softnet: a value too long is refused"
check grep -q '^set softnet rps_cpus: value too long' "$out"
desc="nothing of a refused line runs"
check sh -c "! grep -q '^evil (id' '$out'"
desc="a file that sources itself stops at depth 8"
check grep -q '^source: nested too deep (at most 8)$' "$out"
desc="the shell goes on after source loops"
check grep -q '^default (id: 0)$' "$out"
desc="command files: every mbuf back"; check grep -q '^mbufs: all' "$out"
# a long line with a CR or a NUL in it is refused whole too (not run up
# to that byte), from a file and from a pipe; a CRLF line runs
printf 'netns add cr1\r%05000d\nnetns add nul1\000%05000d\nnetns add ok1\r\nnetns list\n' 0 0 >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
desc="a long line with a CR, or a NUL, is refused whole"
check [ "$(grep -c '^line too long (50[0-9][0-9] characters' "$out")" -eq 2 ]
desc="nothing of it runs; a CRLF line does"
check sh -c "! grep -q '^cr1\|^nul1' '$out' && grep -q '^ok1 (id' '$out'"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	<"$out.x" >"$out" 2>&1
desc="on a pipe: a long line with a CR, or a NUL, is refused whole"
check [ "$(grep -c '^line too long (50[0-9][0-9] characters' "$out")" -eq 2 ]
desc="on a pipe: nothing of it runs; a CRLF line does"
check sh -c "! grep -q '^cr1\|^nul1' '$out' && grep -q '^ok1 (id' '$out'"
# on a pipe, a line written in pieces leaves the control work running:
# the live rates go on while it waits for its end
(printf 'start\n'; sleep 1; printf 'show ip st'; sleep 6; printf 'ats\nstop\n') |
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--config="$src/config/softnet-pmd.conf" --gen-rx=1 --stats-period=1 \
	>"$out" 2>&1
n=$(sed -n '/^softnet> start$/,/^softnet> show ip stats$/p' "$out" |
	grep -c '^port 1 net_null0 .*Mpps')
desc="on a pipe: live rates while a line is half written (got $n)"
check [ "$n" -ge 3 ]
desc="on a pipe: the line written in pieces runs whole"
check grep -qE '^ip_in_receives +[1-9]' "$out"
# on a terminal (script(1) makes one): '?' lists each verb once, with its
# help, and a bare verb and one with words both run
(sleep 2; printf '?'; sleep 1; printf '\nnetns add t1\nnetns\nquit\n'; sleep 2) |
script -qc "$pmd $eal --file-prefix sn-cli-t-$$ --vdev net_null0 -- -i" \
	/dev/null >"$out" 2>&1
n=$(grep -c '^ *start \[Fixed STRING\]: start \[tx_first' "$out")
desc="on a terminal: '?' lists start once (got $n)"; check [ "$n" -eq 1 ]
n=$(grep -c '^ *[a-z]* \[Fixed STRING\]: ' "$out")
desc="on a terminal: '?' lists every verb (got $n)"; check [ "$n" -ge 15 ]
desc="on a terminal: a verb with words runs"
check grep -q '^t1 (id: 1)' "$out"
desc="on a terminal: a bare verb runs (netns: the list)"
check grep -q '^default (id: 0)' "$out"
desc="on a terminal: every mbuf back"; check grep -q '^mbufs: all' "$out"
# testpmd's forward stats count from the last start or clear: RX-dropped
# (lo's imissed under txonly, which polls no rx) too
printf '%s\n' 'set fwd txonly' start 'sleep 300' stop 'clear fwd stats' \
	'show fwd stats' start 'sleep 300' 'clear port stats 0' 'sleep 300' \
	stop >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
n=$(sed -n '/^softnet> show fwd stats/,/^softnet> start/p' "$out" |
	grep -c 'RX-dropped: 0  ')
desc="clear fwd stats: RX-dropped 0 for each port and the sum (got $n)"
check [ "$n" -eq 3 ]
desc="clear fwd stats: lo's drops were counted before it"
check grep -q 'RX-dropped: [1-9]' "$out"
desc="clear port stats in a run: RX-dropped counts again from it (not 0)"
check sh -c "sed -n '/^softnet> clear port stats 0/,\$p' '$out' |
	grep -A1 'Forward statistics for port 0 ' | grep -q 'RX-dropped: [1-9]'"
# an endless line ends its file with a message and bounded memory; a
# quit in a sourced file ends the shell there
printf '%s\n' 'netns add q1' 'netns list' quit 'netns add q2' >"$out.y"
printf '%s\n' 'source /dev/zero' "source $out.y" 'netns add q3' >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
rc=$?
desc="source /dev/zero: exits 0 (got $rc)"; check [ $rc -eq 0 ]
desc="source /dev/zero: the endless line is refused"
check grep -q '^source: /dev/zero: a line of over 1048576 characters; the rest of the file was not read$' "$out"
desc="source /dev/zero: the shell goes on"; check grep -q '^q1 (id: 1)$' "$out"
desc="quit in a sourced file: nothing after it runs"
check sh -c "! grep -q 'q[23]' '$out'"
desc="quit in a sourced file: every mbuf back"
check grep -q '^mbufs: all' "$out"
rm -f "$out.y"
printf '%s\n' 'ip addr add 10.0.0.5/24 dev port1' \
	'ip route add 10.9.0.0/16 via 10.0.0.300' 'netns add red' >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- \
	--config="$out.x" --run-time=1 </dev/null >"$out" 2>&1
rc=$?
desc="--config with a bad line exits 1 (got $rc)"; check [ $rc -eq 1 ]
desc="--config names the file and line that failed"
check grep -qF "$out.x:2: this command failed" "$out"
desc="--config runs nothing after the bad line"
check sh -c "! grep -q 'red' '$out'"
# a sourced file's endless line is its own, not the --config file's
printf '%s\n' 'source /dev/zero' 'netns add red' >"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- \
	--config="$out.x" --run-time=1 </dev/null >"$out" 2>&1
desc="--config: a sourced endless line fails the source line"
check grep -qF "$out.x:1: this command failed" "$out"
desc="--config: the endless line is the sourced file's"
check sh -c "! grep -qF '$out.x:2' '$out' &&
	! grep -qF '$out.x:1: a line' '$out'"

# namespaces past EAL's memory (-m 1024, about 136 MB each at the default
# --max-routes): the reason says what to give
for i in 1 2 3 4 5 6 7 8 9 10; do echo "netns add m$i"; done >"$out.x"
echo "netns list" >>"$out.x"
"$pmd" $eal --file-prefix "sn-cli-f-$$" --vdev net_null0 -- -i \
	--cmdline-file="$out.x" </dev/null >"$out" 2>&1
desc="netns add past memory: what to give"
check grep -qF 'Cannot allocate memory (a namespace'"'"'s IPv4 main table takes 64 MiB, and more with --max-routes: give EAL more, -m or hugepages, or lower --max-routes)' "$out"
desc="netns add past memory: the shell goes on, every mbuf back"
check sh -c "grep -q '^m1 (id: 1)' '$out' && grep -q '^mbufs: all' '$out'"

# the scripts' --help: their usage on stdout, status 0, nothing run (the
# driver-headers script used to take --help as its OUTDIR)
for sc in run.sh test.sh dpdk-driver-headers.sh; do
	(cd "$out.d" 2>/dev/null || mkdir "$out.d" && cd "$out.d" &&
		"$src/scripts/$sc" --help) >"$out" 2>&1
	rc=$?
	desc="scripts/$sc --help exits 0 (got $rc)"; check [ $rc -eq 0 ]
	desc="scripts/$sc --help prints its usage"
	check grep -q "^usage: .*$sc" "$out"
	desc="scripts/$sc --help runs nothing"
	check sh -c "[ -z \"\$(ls -A '$out.d')\" ]"
done
rm -rf "$out.d"

[ $fail -eq 0 ] && echo PASS
exit $fail
