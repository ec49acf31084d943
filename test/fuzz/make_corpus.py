#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Write fuzz_datapath's seed corpus: one file per kind of frame the
datapath handles, in the target's format (a settings byte, then records
of [flags][len16][frame]), for the addresses fuzz_datapath.c sets up.

usage: make_corpus.py DIR
"""

import os
import socket
import struct
import sys

MAC = [bytes(6)] * 2          # net_ring's, both ports
PEER = bytes([2, 0, 0, 0, 0, 1])
BCAST = b"\xff" * 6


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def a4(s):
    return socket.inet_aton(s)


def a6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def eth(dst, typ, payload, src=PEER):
    return dst + src + struct.pack("!H", typ) + payload


def ip4(src, dst, proto, payload, ttl=64, opts=b"", frag=0, ident=1):
    hl = 20 + len(opts)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl // 4, 0, hl + len(payload),
                    ident, frag, ttl, proto, 0, a4(src), a4(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp4(src, dst, sport, dport, data):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    ph = a4(src) + a4(dst) + struct.pack("!BBH", 0, 17, len(u))
    c = csum(ph + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def icmp4(typ, code, rest):
    m = struct.pack("!BBH", typ, code, 0) + rest
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def ip6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim,
                       a6(src), a6(dst)) + payload


def l4_6(src, dst, nh, l4, off):
    """Fill the checksum at off of an ICMPv6/UDP message."""
    ph = a6(src) + a6(dst) + struct.pack("!IxxxB", len(l4), nh)
    l4 = l4[:off] + b"\0\0" + l4[off + 2:]
    c = csum(ph + l4) or 0xFFFF
    return l4[:off] + struct.pack("!H", c) + l4[off + 2:]


def icmp6(src, dst, typ, code, rest):
    return l4_6(src, dst, 58, struct.pack("!BBH", typ, code, 0) + rest, 2)


def udp6(src, dst, sport, dport, data):
    u = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    return l4_6(src, dst, 17, u, 6)


def rec(frame, port=0, cut=0):
    return bytes([port | cut << 1]) + struct.pack("!H", len(frame)) + frame


def v4(dst_ip, payload_fn, port=0, **kw):
    src = "10.0.0.1" if port == 0 else "10.1.0.2"
    return eth(MAC[port], 0x0800, ip4(src, dst_ip, *payload_fn(src), **kw))


def seeds():
    s = {}
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, PEER,
                      a4("10.0.0.1"), b"\0" * 6, a4("10.0.0.5"))
    s["arp_request"] = rec(eth(BCAST, 0x0806, arp))
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 2, PEER,
                      a4("10.1.0.9"), MAC[1], a4("10.1.0.1"))
    s["arp_reply"] = rec(eth(MAC[1], 0x0806, arp), 1)
    echo = icmp4(8, 0, struct.pack("!HH", 7, 1) + b"ping" * 4)
    s["ping"] = rec(v4("10.0.0.5", lambda _: (1, echo)))
    s["ping_cut"] = rec(v4("10.0.0.5", lambda _: (1, echo)), 0, 20)
    ts = icmp4(13, 0, struct.pack("!HHIII", 7, 1, 1000, 0, 0))
    s["timestamp"] = rec(v4("10.0.0.5", lambda _: (1, ts)))
    for name, dst, dport in (("udp_echo", "10.0.0.5", 9),
                             ("udp_sink", "10.0.0.5", 7),
                             ("udp_closed", "10.0.0.5", 5555),
                             ("fwd", "192.168.1.9", 9),
                             ("fwd_unresolved", "192.168.2.9", 9),
                             ("blackhole", "198.51.100.1", 9),
                             ("unreachable", "198.51.101.1", 9),
                             ("prohibit", "198.51.102.1", 9),
                             ("no_route", "203.0.113.1", 9),
                             ("connected", "10.1.0.77", 9),
                             ("loopback_martian", "127.0.0.1", 9),
                             ("broadcast", "10.0.0.255", 9)):
        s[name] = rec(v4(dst, lambda src, d=dst, p=dport:
                         (17, udp4(src, d, 1234, p, b"x" * 18))))
    s["ttl1"] = rec(v4("192.168.1.9", lambda src: (17, udp4(
        src, "192.168.1.9", 1, 9, b"y" * 10)), ttl=1))
    rr = bytes([7, 11, 4]) + b"\0" * 8 + b"\0"   # record route, EOL
    s["options_rr"] = rec(v4("10.0.0.5", lambda _: (1, echo), opts=rr))
    ra = bytes([0x94, 4, 0, 0])                  # router alert
    s["options_ra_fwd"] = rec(v4("192.168.1.9", lambda src: (17, udp4(
        src, "192.168.1.9", 1, 9, b"z" * 8)), opts=ra))
    tsopt = bytes([68, 12, 5, 0]) + b"\0" * 8    # timestamp
    s["options_ts"] = rec(v4("10.0.0.5", lambda _: (1, echo), opts=tsopt))
    # timestamps with addresses: flag 1, and prespecified (flag 3)
    # naming 127.0.0.2 then 10.0.0.5
    tsaddr = bytes([68, 20, 5, 1]) + b"\0" * 16
    s["options_ts_addr"] = rec(v4("10.0.0.5", lambda _: (1, echo),
                                  opts=tsaddr))
    tspre = (bytes([68, 20, 5, 3]) + a4("127.0.0.2") + b"\0" * 4 +
             a4("10.0.0.5") + b"\0" * 4)
    s["options_ts_prespec"] = rec(v4("10.0.0.5", lambda _: (1, echo),
                                     opts=tspre))
    s["fragment_first"] = rec(v4("10.0.0.5", lambda _: (1, echo),
                                 frag=0x2000))
    s["fragment_last"] = rec(v4("10.0.0.5", lambda _: (1, echo), frag=3))
    s["tcp"] = rec(v4("10.0.0.5", lambda _: (6, b"\0" * 20)))
    s["fwd_port1_to_0"] = rec(eth(MAC[1], 0x0800, ip4(
        "192.168.1.9", "10.0.0.1", 17,
        udp4("192.168.1.9", "10.0.0.1", 9, 9, b"r" * 8))), 1)

    src, me = "2001:db8::1", "2001:db8::5"
    sn = "ff02::1:ff00:5"
    ns = icmp6(src, sn, 135, 0, b"\0" * 4 + a6(me) +
               bytes([1, 1]) + PEER)
    s["ns"] = rec(eth(b"\x33\x33\xff\0\0\x05", 0x86DD,
                      ip6(src, sn, 58, ns, 255)))
    na = icmp6("2001:db8:1::9", "2001:db8:1::1", 136, 0,
               struct.pack("!I", 0x60000000) + a6("2001:db8:1::9") +
               bytes([2, 1]) + PEER)
    s["na"] = rec(eth(MAC[1], 0x86DD,
                      ip6("2001:db8:1::9", "2001:db8:1::1", 58, na, 255)),
                  1)
    e6 = icmp6(src, me, 128, 0, struct.pack("!HH", 7, 1) + b"ping6" * 3)
    s["ping6"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 58, e6)))
    u6 = udp6(src, me, 1234, 9, b"u" * 20)
    s["udp6_echo"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 17, u6)))
    s["udp6_cut"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 17, u6)), 0, 60)
    u6c = udp6(src, me, 1234, 4444, b"c" * 8)
    s["udp6_closed"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 17, u6c)))
    hbh = bytes([17, 0, 5, 2, 0, 0, 1, 0])       # router alert, PadN
    s["udp6_hbh"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 0, hbh + u6)))
    dst_opt = bytes([17, 0, 1, 4, 0, 0, 0, 0])
    rh = bytes([60, 2, 0, 1, 0, 0, 0, 0]) + a6("2001:db8::9")
    s["ext_routing"] = rec(eth(MAC[0], 0x86DD,
                               ip6(src, me, 43, rh + dst_opt + u6)))
    frag = struct.pack("!BBHI", 17, 0, 0, 42)    # atomic fragment
    s["frag6_atomic"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 44,
                                                    frag + u6)))
    frag = struct.pack("!BBHI", 17, 0, 1, 43)    # first of several
    s["frag6_first"] = rec(eth(MAC[0], 0x86DD, ip6(src, me, 44,
                                                   frag + u6)))
    f6 = udp6(src, "2001:db8:2::1", 1, 9, b"f" * 12)
    s["fwd6"] = rec(eth(MAC[0], 0x86DD, ip6(src, "2001:db8:2::1", 17, f6)))
    s["fwd6_hlim1"] = rec(eth(MAC[0], 0x86DD,
                              ip6(src, "2001:db8:2::1", 17, f6, 1)))
    s["unreach6"] = rec(eth(MAC[0], 0x86DD,
                            ip6(src, "2001:db8:3::1", 17, f6)))
    s["no_route6"] = rec(eth(MAC[0], 0x86DD,
                             ip6(src, "2001:db8:99::1", 17, f6)))
    ll = "fe80::1"
    e6l = icmp6(ll, "fe80::5", 128, 0, struct.pack("!HH", 9, 1))
    s["ping6_linklocal"] = rec(eth(MAC[0], 0x86DD,
                                   ip6(ll, "fe80::5", 58, e6l)))
    e6m = icmp6(src, "ff02::1", 128, 0, struct.pack("!HH", 9, 2))
    s["ping6_allnodes"] = rec(eth(b"\x33\x33\0\0\0\x01", 0x86DD,
                                  ip6(src, "ff02::1", 58, e6m)))
    s["vlan"] = rec(eth(MAC[0], 0x8100, b"\0\x01\x08\0" + b"\0" * 40))
    s["burst"] = b"".join(s[k] for k in ("arp_request", "ping", "udp_echo",
                                         "fwd", "ns", "ping6", "udp6_hbh",
                                         "na", "fwd_unresolved"))
    return s


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip())
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, data in seeds().items():
        # the settings byte: Linux's defaults (forwarding on here)
        with open(os.path.join(sys.argv[1], name), "wb") as f:
            f.write(b"\0" + data)
    # and a few with other settings: forwarding off, route_localnet
    # and accept_local, echo ignored, no rate limit
    s = seeds()
    # (options_fixed: IPv4 header checksums remade by the target, for
    # mutated options; burst_ipv6_off: IPv6 forwarding and echo off)
    for name, b in (("burst_fwd_off", 1), ("martian_localnet", 6),
                    ("burst_echo_ignored", 8), ("burst_no_ratelimit", 0x30),
                    ("options_fixed", 0x40), ("burst_ipv6_off", 0x80)):
        src = ("loopback_martian" if "martian" in name else
               "options_ts_prespec" if "options" in name else "burst")
        with open(os.path.join(sys.argv[1], name), "wb") as f:
            f.write(bytes([b]) + s[src])


if __name__ == "__main__":
    main()
