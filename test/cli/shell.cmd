# softnet-pmd -i --cmdline-file: every line is echoed, then its output
netns add blue
netns add blue
netns add bad/name
netns list
ip addr add 10.0.0.5/24 dev port1
ip addr add 10.0.0.5/24 dev port1
ip addr add 10.0.0.6/24 dev port9
ip addr add 10.0.0.300/24 dev port1
ip addr add ::/0 dev port1
ip addr add 0.0.0.0/0 dev port1
ip addr del 0.0.0.0/0 dev port1
ip addr del 10.9.9.9/24 dev port1
ip addr add 224.0.0.5/24 dev port2
ip route show table all root 224.0.0.0/4
ip addr del 224.0.0.5/24 dev port2
ip addr add ff02::1/128 dev port1
ip addr add ::1/128 dev port1
ip -6 addr add 10.0.0.7/24 dev port1
ip addr
ip -o addr
ip -o link show lo
ip -o -s link show lo
ip -x addr
ip -br addr
ip -br -6 addr
ip -br link show port1
ip -s link show lo
ip -4 addr show port1
ip -j addr
ip -n
ip route add 192.168.0.0/16 via 10.0.0.1
ip route add 192.168.0.0/16 via 10.0.0.1
ip route add 172.16.0.0/12 via 9.9.9.9
ip route add unreachable 198.51.100.0/24
ip route add blackhole 10.13.0.0/16 via 10.0.0.254
ip route add 10.14.0.0/16 via 10.0.0.254 dev lo
ip route add 10.15.0.0/16 via 10.0.0.5
ip route add 10.16.0.0/16 via 10.0.0.254 src 1.2.3.4
ip route add 10.17.0.0/16 via 10.0.0.254 dev port1 src 10.0.0.5
ip route del 10.17.0.0/16
ip route replace 192.168.0.0/16 via 10.0.0.2 metric 5
ip route change 10.77.0.0/16 via 10.0.0.2
ip route add 10.77.0.0/16 via 10.0.0.2
ip route change 10.77.0.0/16 via 10.0.0.3 metric 5
ip route chan 10.77.0.0/16 dev port1 proto static
ip route chg 10.77.0.0/16 dev port1 proto static
ip route show 10.77.0.0/16
ip route append 10.77.0.0/16 via 10.0.0.5
ip route prepend 10.77.0.0/16 via 10.0.0.6
ip route append 10.77.0.0/16 via 10.0.0.5
ip route show 10.77.0.0/16
ip route get 10.77.1.1
ip -6 route append 2001:db8:77::/48 dev port1
ip route del 10.77.0.0/16
ip route del 10.77.0.0/16
ip route
ip route show 192.168.0.0/16
ip route show match 192.168.1.1
ip route show root 10.0.0.0/8 dev port1
ip ro s t local dev lo exact 127.0.0.1
ip route show root 10/8
ip route show table 0 10.15.0.0/16
ip route show proto kernel
ip route show scope link
ip route show table local type local
ip route sh type broadcast table all
ip route show proto boot dev port1
ip route show type foo
ip route show scope foo
ip route show proto foo
ip -6 route show table local scope global
ip route show table nosuch
ip route add 10.9.5.0/24 dev port1 scope global
ip route add 10.30.0.0/16 via 10.9.5.1
ip route add 10.31.0.0/16 via 10.0.0.1 dev port1 scope link
ip route del 10.9.5.0/24
ip route add 10.51.0.0/16 dev port1 table 100
ip route add 10.61.0.0/16 via 10.51.0.1
ip rule add iif lo lookup 100
ip route add 10.61.0.0/16 via 10.51.0.1
ip route show 10.61.0.0/16
ip route del 10.61.0.0/16
ip rule del iif lo lookup 100
ip route del 10.51.0.0/16 table 100
ip addr add 10.0.0.6/24 dev port2
ip route add 10.74.0.0/16 via 10.0.0.9 dev port2
ip route add 10.75.0.0/16 via 10.0.0.5 dev port2 onlink
ip route add 10.76.0.0/16 via 10.0.0.5 dev port1 onlink
ip route show root 10.74.0.0/15
ip addr del 10.0.0.6/24 dev port2
ip route show root 10.74.0.0/15
ip route show 10.0
ip route show dev
ip route add 10.18.0.0/16 via 169.254.1.1 dev port1 onlink
ip route add 10.19.0.0/16 via 169.254.1.1 onlink
ip route add 10.19.0.0/16 dev port1 onlink
ip route add 10.19.0.0/16 via 10.0.0.255 dev port1 onlink
ip route add 10.19.0.0/16 via 169.254.1.1 dev port1 onlink scope link
ip route show 10.18.0.0/16
ip route del 10.18.0.0/16
ip route add local 10.9.9.9 dev port1
ip route add broadcast 10.9.7.255 dev port1
ip route show table local
ip route del local 10.9.9.9 dev port1
ip route del broadcast 10.9.7.255 dev port1
ip route add 10.9.6.0/24 dev port1 scope global
ip route show 10.9.6.0/24
ip route del 10.9.6.0/24 dev port1
ip route get 192.168.1.1
ip route get 10.0.0.5
ip route get 198.51.100.7
ip route get 8.8.8.8
ip route get 10.0.0.5 from 10.0.0.9 iif port1
ip route get 127.0.0.1 from 10.0.0.9 iif port1
ip route get 10.0.0.5 from 10.0.0.5 iif port1
ip route get 192.168.1.1 iif port1
ip route get 10.0.0.9 from 8.8.8.8
ip route get 10.0.0.9 from 10.0.0.5
ip route get 0.0.0.0
ip route get 0.0.0.0 from 10.0.0.5
ip route get 10.0.0.9 from 224.0.0.1
ip route get 255.255.255.255 from 10.0.0.9 iif port1
ip route add default via 10.0.0.1
ip route get 255.255.255.255
ip route get 224.0.0.5
ip route get 10.0.0.9 from 127.0.0.1
ip route get 127.0.0.9 from 127.0.0.1
ip route get 0.1.2.3
ip route del default
ip route del 10.1.0.0/16
ip route add 10.5.0.0/16 via 10.0.0.254
ip route del 10.5.0.0/16 proto kernel
ip route del 10.0.0.0/24 proto static
ip route del 10.0.0.0/24 scope host
ip route del 10.0.0.0/24 scope global
ip route add 10.6.0.0/16 via 10.0.0.254
ip route del 10.6.0.0/16 scope global
ip route show 10.6.0.0/16
ip route del 10.5.0.0/16 proto boot
ip -4 route add 2001:db8:9::/48 dev port1
ip route get 10.0.0.9/32
ip route get 10.0.0.300
ip route frobnicate
ip rule add from 10.1.0.0/16 lookup 100
ip rule add to 10.2.0.0/16 prohibit
ip rule add from 10.3.0.0/16
ip rule del
ip rule add prio 40 from 10.4.0.0/16 type blackhole
ip rule add not from 10.5.0.0/16 lookup 100
ip rule add type from 10.9.0.0/16
ip route add blackhole default table 100
ip route show table 100
ip rule
ip rule show table 100
ip ru s pref 0
ip rule show bogus 1
ip rule show t 0
ip route get 198.51.100.9
ip route get 198.51.100.9 from 10.5.0.9 iif port1
ip rule del from 10.5.0.0/16 lookup 100
ip rule del not from 10.5.0.0/16 lookup 100
ip rule add from 10.6.0.1/16 pref 4294967295 lookup 100
ip rule del from 10.6.0.0/16
ip rule show pref 4294967295
ip rule del pref 4294967295
ip rule show table nosuch
ip rule show lookup main order 32766
ip rule del order 40
ip rule del from 10.3.0.0/16
ip route get 8.8.8.8 from 10.1.2.3 iif port1
ip rule del from 10.1.0.0/16 lookup 100
ip rule del from 10.1.0.0/16 lookup 100
ip rule add oif port1 lookup 200
ip route add blackhole 8.8.8.0/24 table 200
ip route get 8.8.8.8 oif port1
ip route show table all
ip route get 8.8.8.8
ip rule del oif port1 lookup 200
ip rule add from 10.7.0.0/16 lookup 300
ip rule add from 10.8.0.0/16 lookup 300
ip rule add pref 0 from 10.9.9.0/24 lookup 300
ip rule flush table 300
ip rule show table 300
ip rule del pref 0 from 10.9.9.0/24 lookup 300
ip addr add 10.1.0.1/24 dev port2
ip route add default via 10.1.0.254
ip route get 8.8.8.8
ip route get 8.8.8.8 oif port1
ip route get 10.0.0.5 oif port1
ip route del default
ip addr del 10.1.0.1/24 dev port2
ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev port1
ip neigh add 10.0.0.1 lladdr 02:00:00:00:00:09 dev port1
ip neigh add 10.0.0.2 lladdr zz:00:00:00:00:01 dev port1
ip neigh add 10.0.0.3 lladdr 2:0:0:0:a:9 dev port1
ip neigh show
ip neigh del 10.0.0.3 dev port1
ip neigh add 10.0.0.3 lladdr 2:0:0:0:a dev port1
ip neigh add 10.0.0.3 lladdr 2:0:0:0:a:9:1 dev port1
ip neigh add 10.0.0.3 lladdr 2:0:0:0:a:123 dev port1
ip -4 neigh add 2001:db8::9 lladdr 02:00:00:00:00:09 dev port1
ip neigh add 10.0.0.300 lladdr 02:00:00:00:00:09 dev port1
ip neigh add 10.0.0.4 lladdr 02:00:00:00:00:09 dev
ip neigh add 10.0.0.4 lladdr ff:ff:ff:ff:ff:ff dev port1
ip neigh del 10.0.0.4 dev port1
exit now
ip neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev port1 extra
ip neigh
ip neigh replace 10.0.0.1 lladdr 02:00:00:00:00:03 dev port1
ip neigh change 10.0.0.1 lladdr 02:00:00:00:00:04 dev port1
ip neigh chg 10.0.0.77 lladdr 02:00:00:00:00:04 dev port1
ip neigh get 10.0.0.1 dev port1
ip neigh get 10.0.0.77 dev port1
ip neigh get 10.0.0.1
ip route flush cache
ip neigh
ip neigh del 10.0.0.1 dev port1
ip neigh del 10.0.0.1 dev port1
udp listen 9
udp listen 9
udp listen 7 echo
udp show
udp close 9
udp close 9
udp listen 70000
udp listen 0 echo
sysctl net.ipv4.ip_forward
sysctl net.ipv4.ip_forward=0
sysctl forwarding 2
sysctl no_such_thing
sysctl net.ipv4.ip_forward=1 junk
sysctl net.ipv4.ip_forward 2
sysctl -w net.ipv4.ip_forward=1
ip netns exec blue sysctl net.ipv4.conf.all.route_localnet 1
sysctl -n net.ipv4.conf.all.route_localnet
ip netns exec blue sysctl -n net.ipv4.conf.all.route_localnet
sysctl net.ipv4.ip_forward net.core.dev_weight
sysctl -N net.core.dev_weight
sysctl -n -N net.core.dev_weight
sysctl -w net.core.dev_weight
sysctl -w net.core.dev_weight 64
sysctl -- net.core.dev_weight
sysctl -q -w net.core.dev_weight=64
sysctl net.ipv4.ip_forward net.core.dev_weight=64
sysctl net.ipv6.conf.all.forwarding net.ipv6.icmp.echo_ignore_all
sysctl -w net.ipv6.icmp.echo_ignore_all=1
sysctl -w net.ipv6.icmp.echo_ignore_all=0
sysctl net.ipv4.ipv6_forwarding
sysctl net.ipv6.conf.all.route_localnet
sysctl net.ipv6.conf.all.icmp_echo_ignore_all
ip netns exec nowhere sysctl -a
ip netns exec blue sleep 10
ip netns exec blue nosuchcommand
netns exec blue
ip netns exec blue udp listen 5
udp -n blue show
ip netns exec blue ip netns exec default udp show
ip netns
sysctl -w net.core.netdev_max_backlog=2000
sysctl netdev_budget abc
set softnet netdev_max_backlog 1000
sysctl -x
sysctl -a
ip addr add 2001:db8::5/64 dev port1
ip -6 route
ip -6 route show table local
ip route add 2001:db8:9::/48 via 2001:db8::1 dev port1
ip route add blackhole 2001:db8:6::/48
ip -6 route add 2001:db8:a::/48 via 2001:db8::1
ip -6 route add 2001:db8:b::/48 via 2001:db9::1
ip -6 route add 2001:db8:b::/48 via 2001:db8::5
ip -6 route add 2001:db8:b::/48 via 2001:db8::1 dev port2
ip -6 route add 2001:db8:b::/48 via 2001:db8::5 dev port1
ip -6 route add 2001:db8:b::/48 via fe80::1 dev lo
ip -6 route get 2001:db8:a::1 from 2001:db8::7 iif port1
ip -6 route get 2001:db8::5 from 2001:db8::7 iif port1
ip -6 route add default via fe80::1 dev port1 table 101
ip -6 route add 2001:db8:d::/48 via 2001:db8::1 table 101
ip -6 route show table 101
ip -6 route add 2001:db8:e::/48 via 2001:db8::5 table 101
ip -6 route del 2001:db8:d::/48 table 101
ip -6 route del default table 101
ip -6 route show 2001:db8:a::/48
ip -6 route show match 2001:db8:a::1 table all
ip -6 route del 2001:db8:a::/48
ip -6 route get 2001:db8:9::1
ip -6 route add 2001:db8:9::/48 via 2001:db8::2 dev port1 metric 10
ip -6 route add 2001:db8:9::/48 via 2001:db8::3 dev port1 metric 10
ip -6 route replace 2001:db8:9::/48 via 2001:db8::3 dev port1 metric 10
ip -6 route change 2001:db8:77::/48 dev port1
ip -6 route change default via 2001:db8::2 dev port1
ip -6 route add 2001:db8:76::/48 dev lo
ip -6 route get 2001:db8:76::7
ip -6 route del 2001:db8:76::/48 dev lo
ip -6 route change 2001:db8:9::/48 via 2001:db8::2 dev port1 metric 30
ip -6 route change 2001:db8:9::/48 via 2001:db8::2 dev port1 metric 10
ip -6 route add 2001:db8:9::/48 via 2001:db8::4 dev port1 metric 20
ip -6 route
ip -6 route get 2001:db8:9::1
ip -6 route del 2001:db8:9::/48 metric 10
ip -6 route flush cache
ip -6 route get 2001:db8:9::1
ip -6 route del 2001:db8:9::/48 via 2001:db8::9 dev port1
ip -6 route del 2001:db8:9::/48 dev port1 metric 20
ip -6 route
ip -6 route get ::1
ip -6 route get 2001:db8:6::1
ip -6 route get 2001:db9::1
ip -6 route get to 2001:db8::9
ip route show table all 2001:db8::/64
ip -6 addr del 2001:db8::5 dev port1
ip -6 route get 2001:db8::5 from 2001:db8::5
ip -6 route add unreachable 2001:db8:20::/64
ip -6 route del blackhole 2001:db8:20::/64
ip -6 route add to 2001:db8:30::5/64 dev port1 src 2001:db8::5
ip -6 route add 2001:db8:32::/64 dev port1 src 2001:db8:99::5
ip -6 route show 2001:db8:30::/64
ip -6 route del 2001:db8:30::1/64
ip -6 rule add pref 601 from all to 2001:db8:60::/64 unreachable
ip -6 route get 2001:db8:60::1
ip -6 rule del pref 601
ip -6 route add 2001:db8:33::/64 dev port1 proto static
ip -6 route show 2001:db8:33::/64
ip -6 route del 2001:db8:33::/64
ip -6 route add 2001:db8:33::/64 dev port1 proto bgp
ip -6 route show 2001:db8:33::/64
ip -6 route del 2001:db8:33::/64 proto bgp
ip -6 addr add 2001:db8::5/64 dev port1
ip -6 addr add ff02::5/64 dev port1
ip -6 addr add ::/0 dev port1
ip -6 addr show
ip neigh add 2001:db8::77 dev port1
ip -6 route get 2001:db8::9 oif port1
ip -6 route get 2001:db8::9 oif port2
ip -6 route get 2001:db8::5 oif port2
ip -6 route get 2001:db8:6::1 oif port1
ip -6 route get 2001:db8::9 from 2001:db8::5 oif port2
ip route del 2001:db8:6::/48
ip -6 route add default via 2001:db8::1 dev port1 table 100
ip -6 rule add from 2001:db8:1::/48 lookup 100
ip -6 rule add to 2001:db9::/32 prohibit pref 50
ip rule add pref 60 iif port1 from 2001:db8:7::/48 lookup 100
ip -6 rule
ip -6 rule show table 100
ip -6 route show table 100
ip -6 route show table all
ip -6 route get 2001:dba::1 from 2001:db8:1::9
ip -6 route get 2001:dba::1 from 2001:db8:2::9
ip -6 route get 2001:db9::1
ip -6 rule del to 2001:db9::/32 prohibit
ip rule del pref 60 iif port1 from 2001:db8:7::/48 lookup 100
ip -6 rule add from 2001:db8:77::/48 lookup 300
ip -6 rule flush table 300
ip -6 rule show table 300
ip -6 rule del from 2001:db8:1::/48 lookup 100
ip -6 rule del from 2001:db8:1::/48 lookup 100
ip neigh add 2001:db8::1 lladdr 02:00:00:00:00:01 dev port1
ip neigh add 2001:db8::1 lladdr 02:00:00:00:00:07 dev port1
ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev port1
ip neigh
ip neigh del 10.0.0.9 dev port1
ip link set lo netns blue
ip link set port1 netns blue
ip addr
ip -n blue addr
ip -n nowhere addr
ip -n blue route get 127.0.0.1
show port stats 2
show port stats 7
set fwd warp
set fwd io
show config fwd
set fwd route
set softnet max_backlog 0
set softnet bogus 1
set softnet flow_limit_cpu_bitmap none
wait idle 0
wait idle 20000
help me
set softnet max_backlog 2000
set softnet budget 0
show softnet stat
start tx_first 0
lcore stop 9
bogus command
netns del blue
netns del blue
netns del default
netns list
ip addr
ip addr add 10.9.0.5/24 dev port1
ip addr add 2001:db8:f::5/64 dev port1
ip a s port1
ip -6 a s port1
ip -4 addr show dev port1
ip addr add 10.9.0.1/24 dev port1
ip addr del 10.9.0.1 dev port1
ip a s port1
ip r
ip ro s
ip route get to 10.9.0.7
ip ru
ip n
ip -4 n s dev port1
ip -6 neigh show port1
ip neigh show dev nowhere
ip route add 172.20.0.0/16 via 10.9.0.1
ip route add 172.21.0.0/16 dev lo src 10.9.0.5
ip route
ip route add 172.22.0.0/16 via 10.9.0.1 table 7
ip route add 172.23.0.0/16 dev lo table 7
ip route flush dev lo table 7
ip route show table 7
ip route flush table 7
ip route show table 7
ip route flush
ip route flush bogus
ip addr flush dev port1
ip a s dev port1
ip route
ip addr flush
ip addr flush junk port1
ip addr add 10.44.0.1/24 dev port2
ip addr add 10.44.0.2/24 dev port2
ip addr add 10.44.0.3/24 dev port2
ip addr add 10.45.0.1/24 dev port2
ip addr del 10.44.0.1/24 dev port2
ip -4 addr show dev port2
sysctl -w net.ipv4.conf.all.promote_secondaries=1
ip addr add 10.44.0.1/24 dev port2
ip addr add 10.44.0.2/24 dev port2
ip addr del 10.44.0.1/24 dev port2
ip -4 addr show dev port2
ip route show dev port2
ip addr flush dev port2
sysctl -w net.ipv4.conf.all.promote_secondaries=0
ip addr add 10.46.0.1/24 brd + dev port2
ip addr add dev port2 local 10.46.0.2/24 scope global valid_lft forever preferred_lft forever
ip addr add 10.46.0.3/24 brd 10.46.0.255 dev port2
ip addr add 10.46.0.4/24 brd 10.46.0.127 dev port2
ip addr add 10.46.0.4/24 label port2:1 dev port2
ip addr add 10.46.0.4/24 scope link dev port2
ip addr add 10.46.0.4/24
ip addr add 10.46.0.4/24 dev port2 dev port1
ip addr add 10.46.0.4/24 dev
ip -6 addr add 2001:db8:77::5/64 brd + dev port2
ip addr add 10.46.0.4/24 10.46.0.5/24 dev port2
ip -4 addr show dev port2
ip addr flush dev port2
port stop 1
port stop 1
start
port start all
port stop 0
port frob 1
port start 9
ip link set dev port1 mtu 9000
ip link set port1 mtu 70000
ip link set port1 mtu 4294967296
ip link set port1 mtu 45
ip link set lo mtu 67
ip link set port2 down
ip link set lo down
ip link set lo up
ip link set port2 up
ip link set port1 bogus
ip link set port1
ip addr add 10.47.0.5/24 dev port2
ip -6 addr add 2001:db8:47::5/64 dev port2
ip route add 10.48.0.0/24 via 10.47.0.1 metric 10
ip route add 10.48.0.0/24 via 10.47.0.2 metric 20
ip route add 10.49.0.0/24 dev port2 table 100
ip -6 route add 2001:db8:48::/48 via 2001:db8:47::1
ip neigh add 10.47.0.1 lladdr 02:00:00:00:47:01 dev port2
ip route show table all
ip -6 route
ip neigh show dev port2
ip link set port2 down
ip -4 addr show dev port2
ip -6 addr show dev port2
ip route show table all
ip -6 route
ip neigh show dev port2
ip route get 10.48.0.1
ip route get 10.47.0.9 oif port2
ip route add 10.50.0.0/24 dev port2
ip route add 10.50.0.0/24 via 10.47.0.1
ip route add 10.50.0.0/24 via 10.47.0.1 dev port2 onlink
ip -6 route add 2001:db8:50::/48 dev port2
ip addr add 10.51.0.5/24 dev port2
ip -6 addr add 2001:db8:51::5/64 dev port2
ip route show table local
ip -6 route show table all dev port2
ip link set port2 up
ip -6 route show table all dev port2
ip route show table all
ip -6 addr show dev port2
ip link set lo down
ip -6 addr show dev lo
ip link set lo up
ip -6 addr show dev lo
ip route add 10.60.0.0/16 via 10.47.0.1
ip route add 10.60.0.0/24 via 10.47.0.1
ip route add 10.60.0.0/20 via 10.47.0.1
ip route
ip route add table 100 10.61.0.0/16 via 10.47.0.1
ip route add to 10.62.0.0/16 via 10.47.0.1
ip route add metric 5 10.63.0.0/16 via 10.47.0.1
ip route add to blackhole 10.64.0.0/16
ip route add 10.65.0.0/16 via 10.47.0.1 via 10.47.0.2
ip route add 10.65.0.0/16 10.66.0.0/16 dev port2
ip route add 10.65.0.0/16 via 10.47.0.1 metric
ip route add 10.65.0.0/16 dev port2 priority 7
ip route show table 100
ip route
ip route del table 100 10.61.0.0/16
ip route del to 10.62.0.0/16
ip route del blackhole 10.63.0.0/16
ip route del 10.64.0.0/16
ip route get from 10.47.0.5 10.47.0.9
ip route get oif port2 to 10.47.0.9
ip route get 10.47.0.9 10.47.0.8
ip route get 10.47.0.9 from
ip -6 route get from ::1 to ::1
ip neigh add 10.47.0.1 lladdr 02:00:00:00:47:01 dev port2
ip neigh add 10.47.0.2 lladdr 02:00:00:00:47:02 dev port2
ip neigh show 10.47.0.2
ip neigh show to 10.47.0.0/24 dev port2
ip neigh show nud permanent
ip neigh show nud bogus
ip neigh flush
ip neigh flush dev port2
ip neigh
ip neigh flush to 10.47.0.2 nud permanent
ip neigh
ip neigh flush all nud all
ip neigh
ip addr add 10.70.0.5/24 dev port2
ip addr add 10.70.0.6/24 dev port2
ip addr add 10.70.0.7/24 dev port2
ip route show table local dev port2
ip route get 10.70.0.6
sysctl -w net.ipv4.conf.all.promote_secondaries=1
ip addr del 10.70.0.5/24 dev port2
ip route show table all dev port2
sysctl -w net.ipv4.conf.all.promote_secondaries=0
ip route add local 10.71.0.0/24 dev lo
ip route get 10.71.0.7
ip route add 10.72.0.0/16 dev port1
ip route get 10.72.0.1
ip route get 10.70.0.9 oif lo
ip route add 10.73.0.5/16 via 10.70.0.1
ip route add 10.73.0.0/16
ip route show table 999
ip -6 route show table 999
ip route flush table 999
ip route del 10.73.0.0/16 table 999
ip -6 route del 2001:db8:73::/48 table 999
ip route help
ip addr show dev nodev
ip link show dev lo
ip link show nodev
ip -6 addr add fe80::75/64 dev port2
ip addr add 10.75.0.5/24 dev port2
ip -6 addr add 2001:db8:75::5/64 dev port2
ip addr show dev port2
ip addr add 10.76.0.1/24 dev port1
ip addr add 10.76.0.2/24 dev port2
ip route add 10.77.0.0/16 dev port1 scope host
ip link set port1 down
ip route show table all 10.76.0.0/24
ip route show 10.77.0.0/16
ip route get 10.76.0.9
ip route add 10.78.0.0/16 dev port1 scope host
ip link set port1 up
ip addr add 10.79.0.1/24 dev port2
ip addr add 10.79.0.2/24 dev port2
ip addr add 10.79.0.3/24 dev port2
ip route del 10.79.0.0/24 dev port2
ip addr del 10.79.0.3/24 dev port2
ip route show 10.79.0.0/24
ip -6 route add unreachable 2001:db8:79::/48
ip -6 route show table all 2001:db8:79::/48
ip link set lo down
ip -6 route show table all 2001:db8:79::/48
ip link set lo up
ip -6 route show dev port2
ip -6 route flush dev port2
ip -6 route show dev port2
ip -6 route show dev port1 table all
ip rule flush
ip rule
ip -6 rule flush
ip -6 rule
ip rule add
ip rule delete
ip -6 rule add
ip addr add 10.1.1.1/24 dev port2
ip addr add 10.1.1.1/24 dev port2
ip addr del 10.1.1.1/24 dev port2
ip -6 addr add ::1/128 dev port2
ip addr add
ip addr add 10.1.1.2/24
ip addr shwo
ip route get
ip -6 route get from ::1
set link-down port 1
ip link show port1
set link-up port 1
ip -br link show port1
set promisc 2 off
set promisc all off
set promisc all on
set link-down port 9
set burst 64
ip addr add 10.1.1.1/24 dev port2
ip addr add 10.1.1.2/24 dev port2
ip addr show scope host
ip addr show to 10.1.0.0/16
ip addr show secondary
ip addr show primary dev port2
ip -br addr show up
ip addr show dynamic
ip addr show label x
ip link show type veth
ip addr show scope bogus
ip addr flush secondary
ip -4 addr show dev port2 permanent
ip addr flush to 10.1.1.0/24
ip link set port2 down
ip link show up
ip -br link show up
ip link set port2 up
ip rule add pref 32766 lookup main
ip -6 rule add pref 32766 lookup main
ip -6 addr add 2001:db8:75::5/64 dev port2
ip route add 10.66.0.0/16 via 10.47.0.1 proto static
ip route add 10.67.0.0/16 via 10.47.0.2
ip -6 route add 2001:db8:66::/48 via 2001:db8:75::9
ip route show via 10.47.0.1
ip route show via 10.47.0.0/24
ip -6 route show via 2001:db8:75::/48
ip route flush proto static
ip route show via 10.47.0.0/24
ip route flush via 10.47.0.2
ip -6 route flush via 2001:db8:75::9
ip route show root 10.64.0.0/12
ip -6 route show root 2001:db8:66::/48
ip route flush table all type unreachable
ip route show table all type unreachable
ip -f inet6 addr show dev lo
ip -0 addr show dev port1
ip -c -br addr show dev lo
ip -f ipx addr
ip link set
ip l s lo
ip route show via 0.0.0.0/0 root 10.70.0.0/15
ip addr flush dev port1
ip addr show scope global
ip -4 addr show scope global dev port1
ip neigh add 10.70.0.77 lladdr 02:00:00:00:00:77 dev port2 nud reachable
ip neigh add 10.70.0.78 lladdr 02:00:00:00:00:78 dev port2 nud stale
ip neigh add 10.70.0.79 lladdr 02:00:00:00:00:79 dev port2 nud noarp
ip neigh show dev port2 to 10.70.0.64/26
ip -6 addr add 2001:db8:76::1/64 dev port1
ip -6 addr add 2001:db8:76::2/64 dev port2
ip -6 route show 2001:db8:76::/64
ip -6 route get 2001:db8:76::9 oif port2
ip -6 addr del 2001:db8:76::1/64 dev port1
ip -6 route show 2001:db8:76::/64
ip route show via 0.0.0.0 root 10.70.0.0/15
ip -4 addr show to all dev port2 primary
ip neigh change 10.70.0.77 dev port2 nud stale
ip neigh replace 10.70.0.78 dev port2 nud permanent
ip neigh show dev port2 to 10.70.0.64/26
ip neigh replace 10.70.0.80 dev port2 nud permanent
sleep 10
quit
