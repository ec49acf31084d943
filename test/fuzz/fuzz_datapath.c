/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * A libFuzzer target for the IP datapath: each input is a few Ethernet
 * frames that arrive on two net_ring ports of one namespace (addresses,
 * a neighbour, routes of every type, UDP sinks), go through softnet's
 * net_rx_action and sn_ip_input, lo included, and whatever comes out of
 * the ports is checked and freed.
 *
 * Each frame sits in a buffer of its own, allocated with malloc to its
 * exact length and attached to the mbuf as an external buffer, so that
 * ASan reports any read past the end of a frame (the pool's data rooms
 * would hide it). A frame may be cut in two chained segments.
 *
 * What must hold, whatever the input:
 * - no sanitizer report, no crash, no endless loop;
 * - every IPv4 packet sent has a good header checksum and a total length
 *   that matches the frame, every IPv6 packet a payload length that does;
 *   an ICMP or ICMPv6 message from one of our addresses has a good
 *   checksum (unless an input frame had such a source, since nothing
 *   held was left: it may be forwarded as it came);
 * - no mbuf is lost: at exit, with everything torn down, the pool is full
 *   and every external buffer was freed.
 *
 * net_ring's ports have the MAC 00:00:00:00:00:00 (both), which the
 * seed corpus's frames are sent to. Run with -detect_leaks=0: frames held
 * from one input to the next (waiting for a neighbour) are in memory
 * LeakSanitizer does not scan; the exit check counts them instead.
 *
 * Input format: a settings byte (bit 0: forwarding off, 1:
 * route_localnet, 2: accept_local, 3: icmp_echo_ignore_all, 4:
 * icmp_echo_ignore_broadcasts off, 5: no ICMP rate limit, 6: every
 * IPv4 header's checksum made right, so that mutated options, TTLs and
 * fragment fields get past the check, 7: IPv6 forwarding off and its
 * echo ignored), then records of [flags][len_hi][len_lo][len bytes];
 * flags bit 0 picks the port, bits 1-7 (when not 0) cut the frame into
 * two segments at that offset.
 */

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_ring.h>

#include "sn_eth_loopback.h"
#include "sn_ip.h"
#include "sn_netns.h"
#include "sn_route.h"
#include "sn_softnet.h"

#define A(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))
#define NPORT 2
#define MAX_FRAMES 16
#define HEADROOM RTE_PKTMBUF_HEADROOM

struct fport {
	uint16_t port;
	int ifindex;
	struct rte_ring *rx, *tx;
};

static struct rte_mempool *mp;
static struct fport fports[NPORT];
static uint16_t lo0;
static struct sn_netns *ns;
static unsigned int ext_live;	/* external buffers not yet freed */
static bool spoofed;	/* an input frame claims one of our sources */
static uint64_t frames_out;

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz_datapath: %s\n", what);
	abort();
}

#define CHECK(cond) do { if (!(cond)) fail(#cond); } while (0)

/* ---------------------------------------------------------------------- */
/* Frames in external buffers.                                             */

static void
ext_free(void *addr, void *opaque)
{
	free(addr);
	free(opaque);
	ext_live--;
}

/* An mbuf over a copy of b[0..len), headroom before it, no tailroom. */
static struct rte_mbuf *
ext_mbuf(const uint8_t *b, size_t len)
{
	struct rte_mbuf_ext_shared_info *shi;
	struct rte_mbuf *m;
	uint8_t *buf;

	m = rte_pktmbuf_alloc(mp);
	CHECK(m != NULL);
	buf = malloc(HEADROOM + len);
	shi = malloc(sizeof(*shi));
	CHECK(buf != NULL && shi != NULL);
	memcpy(buf + HEADROOM, b, len);
	shi->free_cb = ext_free;
	shi->fcb_opaque = shi;
	rte_mbuf_ext_refcnt_set(shi, 1);
	rte_pktmbuf_attach_extbuf(m, buf, (rte_iova_t)(uintptr_t)buf,
				  (uint16_t)(HEADROOM + len), shi);
	m->data_off = HEADROOM;
	m->data_len = (uint16_t)len;
	m->pkt_len = (uint32_t)len;
	ext_live++;
	return m;
}

/* The frame, in one segment or cut at 'cut' into two. */
static struct rte_mbuf *
frame_mbuf(const uint8_t *b, size_t len, size_t cut)
{
	struct rte_mbuf *m, *tail;

	if (cut == 0 || cut >= len)
		return ext_mbuf(b, len);
	m = ext_mbuf(b, cut);
	tail = ext_mbuf(b + cut, len - cut);
	CHECK(rte_pktmbuf_chain(m, tail) == 0);
	return m;
}

/* ---------------------------------------------------------------------- */
/* What comes out.                                                         */

static uint16_t
sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static bool
ours4(const uint8_t *a)
{
	static const uint8_t mine[][4] = {
		{ 10, 0, 0, 5 }, { 10, 1, 0, 1 }, { 127, 0, 0, 1 } };
	unsigned int i;

	for (i = 0; i < RTE_DIM(mine); i++)
		if (memcmp(a, mine[i], 4) == 0)
			return true;
	return false;
}

static bool
ours6(const uint8_t *a)
{
	/* 2001:db8::5, 2001:db8:1::1, fe80::5 */
	static const uint8_t mine[][16] = {
		{ 0x20, 0x01, 0x0d, 0xb8, [15] = 5 },
		{ 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1 },
		{ 0xfe, 0x80, [15] = 5 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(mine); i++)
		if (memcmp(a, mine[i], 16) == 0)
			return true;
	return false;
}

/* The invariants on one frame sent (flat copy f of len bytes). */
static void
check_out(const uint8_t *f, size_t len)
{
	uint16_t type;

	CHECK(len >= 14);
	type = (uint16_t)(f[12] << 8 | f[13]);
	if (type == RTE_ETHER_TYPE_IPV4) {
		const uint8_t *ip = f + 14;
		size_t hl, tot;

		CHECK(len >= 34);
		CHECK(ip[0] >> 4 == 4);
		hl = (ip[0] & 15) * 4u;
		CHECK(hl >= 20 && 14 + hl <= len);
		CHECK(sum16(ip, hl, 0) == 0xffff);
		tot = (size_t)ip[2] << 8 | ip[3];
		CHECK(tot == len - 14);
		CHECK(ip[8] != 0);	/* TTL */
		if (ip[9] == IPPROTO_ICMP && ours4(ip + 12) && !spoofed &&
		    (ip[6] & 0x3f) == 0 && ip[7] == 0)	/* not a fragment */
			CHECK(sum16(ip + hl, tot - hl, 0) == 0xffff);
	} else if (type == RTE_ETHER_TYPE_IPV6) {
		const uint8_t *ip6 = f + 14;
		size_t plen;

		CHECK(len >= 54);
		CHECK(ip6[0] >> 4 == 6);
		plen = (size_t)ip6[4] << 8 | ip6[5];
		CHECK(plen == len - 54);
		CHECK(ip6[7] != 0);	/* hop limit */
		if (ip6[6] == IPPROTO_ICMPV6 && ours6(ip6 + 8) && !spoofed) {
			uint32_t s = sum16(ip6 + 8, 32, 0) + plen +
				     IPPROTO_ICMPV6;

			CHECK(sum16(ip6 + 40, plen, s) == 0xffff);
		}
	}
}

/* Take what the ports sent, check it, free it. */
static void
drain_out(void)
{
	static uint8_t flat[65536];
	struct rte_mbuf *m;
	unsigned int i;

	for (i = 0; i < NPORT; i++)
		while (rte_ring_dequeue(fports[i].tx, (void **)&m) == 0) {
			const uint8_t *f;

			CHECK(m->pkt_len <= sizeof(flat));
			f = rte_pktmbuf_read(m, 0, m->pkt_len, flat);
			CHECK(f != NULL);
			check_out(f, m->pkt_len);
			frames_out++;
			rte_pktmbuf_free(m);
		}
}

/* net_rx_action and the control work until nothing moves. */
static void
run(void)
{
	unsigned int idle = 0;

	while (idle < 3) {
		unsigned int rx = sn_softnet_rx_action(rte_lcore_id());
		unsigned int c = sn_ip_control();

		drain_out();
		idle = rx == 0 && c == 0 ? idle + 1 : 0;
	}
}

/* ---------------------------------------------------------------------- */
/* Setup and teardown.                                                     */

static void
in6(const char *s, uint8_t *a)
{
	CHECK(inet_pton(AF_INET6, s, a) == 1);
}

static void
addr4(int ifindex, uint32_t a, uint8_t plen)
{
	struct sn_ifaddr x = { .family = AF_INET, .plen = plen,
			       .ifindex = ifindex };
	uint32_t be = htonl(a);

	memcpy(x.addr, &be, 4);
	CHECK(sn_netns_addr_add(ns, &x) == 0);
}

static void
addr6(int ifindex, const char *a, uint8_t plen)
{
	struct sn_ifaddr x = { .family = AF_INET6, .plen = plen,
			       .ifindex = ifindex };

	in6(a, x.addr);
	CHECK(sn_netns_addr_add(ns, &x) == 0);
}

static void
route4(uint32_t dst, uint8_t plen, uint8_t type, uint32_t gw)
{
	struct sn_route4 r = { .dst = dst, .plen = plen, .type = type,
			       .gw = gw, .proto = SN_RTPROT_STATIC };

	CHECK(sn_route4_add(ns, &r, 0) == 0);
}

static void
route4_table(uint32_t dst, uint8_t plen, uint8_t type, uint32_t gw,
	     uint32_t table)
{
	struct sn_route4 r = { .dst = dst, .plen = plen, .type = type,
			       .gw = gw, .proto = SN_RTPROT_STATIC,
			       .table = table };

	CHECK(sn_route4_add(ns, &r, 0) == 0);
}

/* The settings byte: the namespace's sysctls for this input. */
static void
settings(uint8_t b)
{
	static const struct { const char *name; uint8_t bit; bool on; } s[] = {
		{ "forwarding", 0, false }, { "route_localnet", 1, true },
		{ "accept_local", 2, true }, { "icmp_echo_ignore_all", 3, true },
		{ "icmp_echo_ignore_broadcasts", 4, false },
		{ "ipv6_forwarding", 7, false },
		{ "ipv6_icmp_echo_ignore_all", 7, true },
	};
	static int last = -1;
	char err[128];
	unsigned int i;

	if (b == last)
		return;
	last = b;
	for (i = 0; i < RTE_DIM(s); i++) {
		bool set = (b >> s[i].bit) & 1;

		CHECK(sn_ip_sysctl_set(ns, s[i].name,
				       set == s[i].on ? "1" : "0", err,
				       sizeof(err)) == 0);
	}
	CHECK(sn_ip_sysctl_set(ns, "icmp_ratelimit",
			       (b >> 5) & 1 ? "0" : "1000", err,
			       sizeof(err)) == 0);
}

static void
route6(const char *dst, uint8_t plen, uint8_t type, const char *gw,
       int oif)
{
	struct sn_route6 r = { .plen = plen, .type = type, .oif = oif,
			       .proto = SN_RTPROT_STATIC };

	in6(dst, r.dst);
	if (gw != NULL)
		in6(gw, r.gw);
	CHECK(sn_route6_add(ns, &r, 0) == 0);
}

static void
port_up(struct fport *p, unsigned int i)
{
	struct rte_eth_conf conf;
	struct sn_netdev dev;
	char name[32];
	int ret;

	snprintf(name, sizeof(name), "fz_rx%u", i);
	p->rx = rte_ring_create(name, 1024, SOCKET_ID_ANY,
				RING_F_SP_ENQ | RING_F_SC_DEQ);
	snprintf(name, sizeof(name), "fz_tx%u", i);
	p->tx = rte_ring_create(name, 4096, SOCKET_ID_ANY,
				RING_F_SP_ENQ | RING_F_SC_DEQ);
	CHECK(p->rx != NULL && p->tx != NULL);
	snprintf(name, sizeof(name), "fz%u", i);
	ret = rte_eth_from_rings(name, &p->rx, 1, &p->tx, 1, SOCKET_ID_ANY);
	CHECK(ret >= 0);
	p->port = (uint16_t)ret;
	memset(&conf, 0, sizeof(conf));
	CHECK(rte_eth_dev_configure(p->port, 1, 1, &conf) == 0);
	CHECK(rte_eth_rx_queue_setup(p->port, 0, 0, 0, NULL, mp) == 0);
	CHECK(rte_eth_tx_queue_setup(p->port, 0, 0, 0, NULL) == 0);
	snprintf(name, sizeof(name), "eth%u", i);
	CHECK(sn_netns_link_add(ns, p->port, name) == 0);
	CHECK(sn_netns_link_get(p->port, &dev) == 0);
	p->ifindex = dev.ifindex;
	CHECK(sn_ip_port_refresh(p->port) == 0);
	CHECK(rte_eth_dev_start(p->port) == 0);
	CHECK(sn_softnet_add_rxq(rte_lcore_id(), p->port, 0) == 0);
}

/* Everything down; then every mbuf and external buffer must be back. */
static void
teardown(void)
{
	unsigned int i, in_use;

	run();
	for (i = 0; i < NPORT; i++) {
		rte_eth_dev_stop(fports[i].port);
		sn_softnet_flush_port(fports[i].port);
	}
	drain_out();
	sn_ip_fini();
	sn_route_fini();
	sn_netns_fini();
	sn_softnet_fini();
	rte_eth_dev_stop(lo0);
	drain_out();
	in_use = rte_mempool_in_use_count(mp);
	fprintf(stderr, "fuzz_datapath: %" PRIu64 " frames sent; "
		"%u mbufs and %u external buffers left\n",
		frames_out, in_use, ext_live);
	if (in_use != 0 || ext_live != 0)
		fail("mbufs lost");
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc __rte_unused, char ***argv __rte_unused)
{
	static const struct rte_ether_addr peer = {
		.addr_bytes = { 0x02, 0, 0, 0, 0, 0x02 } };
	struct sn_softnet_conf sconf = { .deliver = sn_ip_input };
	struct sn_route_conf rconf = { .max_routes = 4096, .tbl8s = 64,
				       .tbl8s6 = 64 };
	struct sn_ip_conf iconf = { .unres_qlen = 3, .retrans_ms = 1 };
	struct sn_netns_conf nconf;
	struct rte_eth_conf conf;
	uint8_t a6[16];
	char prefix[32];
	char *eal[] = { "fuzz_datapath", "--no-huge", "-m", "512",
		"--no-shconf", "--no-pci", "-l", "0", "--vdev",
		"net_loopback0", "--log-level=*:crit", "--file-prefix",
		prefix };

	snprintf(prefix, sizeof(prefix), "sn-fuzz-%d", (int)getpid());
	CHECK(rte_eal_init(RTE_DIM(eal), eal) >= 0);
	mp = rte_pktmbuf_pool_create("fuzz_pool", 4095, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	CHECK(mp != NULL);
	CHECK(sn_softnet_init(&sconf) == 0);
	CHECK(rte_eth_dev_get_port_by_name("net_loopback0", &lo0) == 0);
	memset(&conf, 0, sizeof(conf));
	CHECK(rte_eth_dev_configure(lo0, 1, 1, &conf) == 0);
	CHECK(rte_eth_rx_queue_setup(lo0, 0, 0, 0, NULL, mp) == 0);
	CHECK(rte_eth_tx_queue_setup(lo0, 0, 0, 0, NULL) == 0);
	CHECK(sn_eth_loopback_set_input(lo0, sn_softnet_lo_input, NULL) == 0);
	CHECK(rte_eth_dev_start(lo0) == 0);
	memset(&nconf, 0, sizeof(nconf));
	nconf.default_lo_port = lo0;
	nconf.mp = mp;
	nconf.lo_queues = 1;
	nconf.lo_softnet = true;
	nconf.qsbr = sn_softnet_qsbr();
	CHECK(sn_netns_init(&nconf) == 0);
	rconf.qsbr = sn_softnet_qsbr();
	CHECK(sn_route_init(&rconf) == 0);
	iconf.mp = mp;
	iconf.qsbr = sn_softnet_qsbr();
	CHECK(sn_ip_init(&iconf) == 0);
	ns = sn_netns_default();

	port_up(&fports[0], 0);
	port_up(&fports[1], 1);
	addr4(fports[0].ifindex, A(10, 0, 0, 5), 24);
	addr4(fports[1].ifindex, A(10, 1, 0, 1), 24);
	addr6(fports[0].ifindex, "2001:db8::5", 64);
	addr6(fports[0].ifindex, "fe80::5", 64);
	addr6(fports[1].ifindex, "2001:db8:1::1", 64);
	CHECK(sn_neigh_add(ns, A(10, 1, 0, 2), fports[1].ifindex,
			   &peer) == 0);
	in6("2001:db8:1::2", a6);
	CHECK(sn_neigh6_add(ns, a6, fports[1].ifindex, &peer) == 0);
	route4(A(192, 168, 1, 0), 24, SN_RTN_UNICAST, A(10, 1, 0, 2));
	route4(A(192, 168, 2, 0), 24, SN_RTN_UNICAST, A(10, 1, 0, 9));
	route4(A(198, 51, 100, 0), 24, SN_RTN_BLACKHOLE, 0);
	route4(A(198, 51, 101, 0), 24, SN_RTN_UNREACHABLE, 0);
	route4(A(198, 51, 102, 0), 24, SN_RTN_PROHIBIT, 0);
	route6("2001:db8:2::", 48, SN_RTN_UNICAST, "2001:db8:1::2",
	       fports[1].ifindex);
	route6("2001:db8:3::", 48, SN_RTN_UNREACHABLE, NULL, 0);
	route6("2001:db8:4::", 48, SN_RTN_BLACKHOLE, NULL, 0);
	CHECK(sn_udp_listen(ns, 9, true) == 0);
	CHECK(sn_udp_listen(ns, 7, false) == 0);
	/* custom rules: lookups take the rules' path, not the merged one */
	CHECK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 100,
		.src = A(10, 0, 0, 0), .src_len = 25,
		.action = SN_FR_ACT_TO_TBL, .table = 100 }) == 0);
	CHECK(sn_rule4_add(ns, &(struct sn_rule4){ .pref = 101,
		.dst = A(198, 51, 103, 0), .dst_len = 24,
		.action = SN_FR_ACT_UNREACHABLE }) == 0);
	route4_table(A(192, 168, 9, 0), 24, SN_RTN_UNICAST, A(10, 1, 0, 2),
		     100);
	route4_table(A(8, 8, 8, 0), 24, SN_RTN_THROW, 0, 100);
	atexit(teardown);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rte_mbuf *m[NPORT][MAX_FRAMES];
	unsigned int n[NPORT] = { 0 }, i, frames = 0;
	static uint8_t fixed[65536];
	bool fix4;

	/* frames held for a neighbour leave in a later input: a spoofed
	 * source holds until nothing is held any more */
	if (rte_mempool_in_use_count(mp) == 0)
		spoofed = false;
	if (size == 0)
		return 0;
	settings(data[0]);
	fix4 = (data[0] >> 6) & 1;
	data++;
	size--;

	while (size >= 3 && frames < MAX_FRAMES) {
		unsigned int p = data[0] & 1, cut = data[0] >> 1;
		size_t len = (size_t)data[1] << 8 | data[2];

		data += 3;
		size -= 3;
		if (len > size)
			len = size;
		if (len == 0)
			break;
		if (fix4 && len >= 34 && data[12] == 0x08 && data[13] == 0 &&
		    (data[14] & 15) * 4u >= 20 && 14 + (data[14] & 15) * 4u <=
		    len) {
			size_t hl = (data[14] & 15) * 4u;
			uint16_t c;

			memcpy(fixed, data, len);
			fixed[24] = fixed[25] = 0;
			c = (uint16_t)~sum16(fixed + 14, hl, 0);
			fixed[24] = (uint8_t)(c >> 8);
			fixed[25] = (uint8_t)c;
			m[p][n[p]++] = frame_mbuf(fixed, len, cut);
		} else {
			m[p][n[p]++] = frame_mbuf(data, len, cut);
		}
		if ((len >= 30 && ours4(data + 26)) ||
		    (len >= 38 && ours6(data + 22)))
			spoofed = true;
		data += len;
		size -= len;
		frames++;
	}
	for (i = 0; i < NPORT; i++)
		CHECK(rte_ring_enqueue_bulk(fports[i].rx, (void **)m[i], n[i],
					    NULL) == n[i]);
	run();
	/* held packets wait for their neighbours (how many depends on the
	 * inputs' pace, their wait on time); nothing else stays, which the
	 * exit check counts exactly: this only stops a leak early */
	CHECK(rte_mempool_in_use_count(mp) < 3000);
	return 0;
}
