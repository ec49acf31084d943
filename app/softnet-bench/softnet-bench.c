/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet-bench: softnet's own benchmarks. Each one measures a softnet path
 * and its peer in the same process, alternating runs, and reports Mpps,
 * cycles per packet, the spread over the runs and the ratio of medians.
 *
 *   softnet-bench [EAL options] -- lo [--runs=N] [--bursts=N] [--burst=N]
 *
 * lo: net_loopback tx->rx on one queue vs DPDK's net_ring
 * (rte_eth_from_rings, one SP/SC ring as both rx and tx queue).
 *
 * softnet: packets circulate through a net_loopback port used as a NIC.
 * Three paths over the same source and sink: softnet's local path (the
 * poller delivers inline, one lcore), softnet's RPS handoff (the poller on
 * the main lcore steers to a worker's backlog, the worker delivers) and
 * the peer, a plain rte_ring MP/SC handoff between the same two lcores.
 *
 * route: bulk IPv4 lookups through softnet's tables (random prefixes,
 * /8-/32, --prefixes of them) next to DPDK's rte_fib holding the same
 * prefixes; the same with 4 custom rules; route updates/s while a worker
 * looks up.
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_ring.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_udp.h>

#include <rte_fib.h>
#include <rte_fib6.h>
#include <sys/socket.h>

#include "sn_netns.h"
#include "sn_route.h"
#include "sn_softnet.h"

#define MAX_RUNS 64

struct bench_opts {
	unsigned int prefixes;
	unsigned int prefixes6;
	unsigned int ms;
	unsigned int runs;
	unsigned int bursts;
	unsigned int burst;
	unsigned int pkt_len;
};

static struct bench_opts opts = {
	/* 1 M routes go in in 4-5 s on rte_fib, see route.md */
	.prefixes = 1000000,
	.prefixes6 = 100000,
	.ms = 200,
	.runs = 7,
	.bursts = 2000000,
	.burst = 32,
	.pkt_len = 64,
};

struct result {
	const char *name;
	double mpps[MAX_RUNS];
	double cpp[MAX_RUNS];
};

static struct rte_mempool *mp;

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, unsigned int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The median of the rounds' figures q, with the lowest and highest. */
static double
spread(double *q, double *lo, double *hi)
{
	double m = median(q, opts.runs);	/* sorts q */

	*lo = q[0];
	*hi = q[opts.runs - 1];
	return m;
}

/*
 * How much slower a is than b, in %: the median of the rounds' ratios, as
 * runs side by side share the host's state of the moment (it drifts by a
 * third within minutes), with the lowest and highest.
 */
static double
slower(const struct result *a, const struct result *b, double *lo,
       double *hi)
{
	double q[MAX_RUNS];
	unsigned int i;

	for (i = 0; i < opts.runs; i++)
		q[i] = (b->mpps[i] / a->mpps[i] - 1) * 100;
	return spread(q, lo, hi);
}

/*
 * a against b round by round, as the median with the lowest and highest
 * into out[3]: with ratio, a's Mpps over b's; else a's cycles per packet
 * minus b's. The two runs of a round are a second apart; rounds are not.
 */
static void
paired(const struct result *a, const struct result *b, int ratio,
       double out[3])
{
	double q[MAX_RUNS];
	unsigned int i;

	for (i = 0; i < opts.runs; i++)
		q[i] = ratio ? a->mpps[i] / b->mpps[i] : a->cpp[i] - b->cpp[i];
	out[0] = spread(q, &out[1], &out[2]);
}

/* The route benches' overhead line, without its end: over the peer, over
 * the raw table under ours, over the peer with its results unused. */
static void
print_overheads(const char *family, const char *table,
		const struct result *ours, const struct result *peer,
		const struct result *raw, const struct result *unused)
{
	double lo, hi, d = slower(ours, peer, &lo, &hi);
	double lo2, hi2, d2 = slower(ours, raw, &lo2, &hi2);
	double lo3, hi3, d3 = slower(ours, unused, &lo3, &hi3);

	printf("%soverhead over %s: %+.1f %% (rounds %+.1f to %+.1f; goal <= "
	       "10 %%); over its own %s raw: %+.1f %% (%+.1f to %+.1f); over "
	       "%s with its results unused: %+.1f %% (%+.1f to %+.1f)",
	       family, table, d, lo, hi, table, d2, lo2, hi2, table, d3, lo3,
	       hi3);
}

static int
port_start(uint16_t port)
{
	struct rte_eth_conf conf;
	int ret;

	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_configure(port, 1, 1, &conf);
	if (ret == 0)
		ret = rte_eth_rx_queue_setup(port, 0, 0, rte_socket_id(), NULL,
					     mp);
	if (ret == 0)
		ret = rte_eth_tx_queue_setup(port, 0, 0, rte_socket_id(),
					     NULL);
	if (ret == 0)
		ret = rte_eth_dev_start(port);
	return ret;
}

/*
 * One run: `bursts` times, transmit a burst and receive it back. The same
 * mbufs circulate, so the figure is the PMD's cost, not the allocator's.
 */
static int
loop_run(uint16_t port, double *mpps, double *cpp)
{
	struct rte_mbuf *pkts[512];
	uint64_t start, cycles, done = 0;
	unsigned int i, n;

	if (rte_pktmbuf_alloc_bulk(mp, pkts, opts.burst) != 0)
		return -ENOMEM;
	for (i = 0; i < opts.burst; i++)
		rte_pktmbuf_append(pkts[i], opts.pkt_len);

	start = rte_rdtsc_precise();
	for (i = 0; i < opts.bursts; i++) {
		n = rte_eth_tx_burst(port, 0, pkts, opts.burst);
		n = rte_eth_rx_burst(port, 0, pkts, n);
		done += n;
	}
	cycles = rte_rdtsc_precise() - start;

	if (done != (uint64_t)opts.bursts * opts.burst) {
		fprintf(stderr, "port %u lost packets: %" PRIu64 " of %" PRIu64
			"\n", port, done, (uint64_t)opts.bursts * opts.burst);
		return -EIO;
	}
	rte_pktmbuf_free_bulk(pkts, opts.burst);
	*cpp = (double)cycles / done;
	*mpps = done / ((double)cycles / rte_get_tsc_hz()) / 1e6;
	return 0;
}

static void
print_row(struct result *r)
{
	double mpps[MAX_RUNS], cpp[MAX_RUNS];

	memcpy(mpps, r->mpps, sizeof(mpps));
	memcpy(cpp, r->cpp, sizeof(cpp));
	qsort(mpps, opts.runs, sizeof(double), cmp_double);
	printf("%-26s %8.2f %8.2f %8.2f %10.2f\n", r->name,
	       median(mpps, opts.runs), mpps[0], mpps[opts.runs - 1],
	       median(cpp, opts.runs));
}

static int
bench_lo(void)
{
	struct result lo = { .name = "net_loopback tx->rx" };
	struct result ring = { .name = "net_ring tx->rx (peer)" };
	struct rte_ring *r;
	uint16_t lo_port, ring_port;
	double ratio;
	unsigned int i;
	int ret;

	ret = rte_vdev_init("net_loopback_bench", "size=1024");
	if (ret != 0 ||
	    rte_eth_dev_get_port_by_name("net_loopback_bench", &lo_port) != 0) {
		fprintf(stderr, "cannot create net_loopback: %d\n", ret);
		return 1;
	}
	r = rte_ring_create("bench_ring", 1024, rte_socket_id(),
			    RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ);
	if (r == NULL) {
		fprintf(stderr, "ring: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	ret = rte_eth_from_rings("net_ring_bench", &r, 1, &r, 1,
				 rte_socket_id());
	if (ret < 0) {
		fprintf(stderr, "rte_eth_from_rings: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	ring_port = ret;
	if (port_start(lo_port) != 0 || port_start(ring_port) != 0) {
		fprintf(stderr, "cannot start the ports\n");
		return 1;
	}

	/* warm-up, then alternate so that noise hits both alike */
	if (loop_run(lo_port, &lo.mpps[0], &lo.cpp[0]) != 0 ||
	    loop_run(ring_port, &ring.mpps[0], &ring.cpp[0]) != 0)
		return 1;
	for (i = 0; i < opts.runs; i++) {
		if (loop_run(lo_port, &lo.mpps[i], &lo.cpp[i]) != 0 ||
		    loop_run(ring_port, &ring.mpps[i], &ring.cpp[i]) != 0)
			return 1;
	}

	printf("softnet-bench lo: %u B, burst %u, %u runs of %u bursts, "
	       "lcore %u, TSC %.2f GHz\n", opts.pkt_len, opts.burst,
	       opts.runs, opts.bursts, rte_lcore_id(),
	       rte_get_tsc_hz() / 1e9);
	if (!rte_eal_has_hugepages())
		printf("note: --no-huge: 4 KiB pages make every mbuf touched a "
		       "likely TLB miss; net_loopback counts bytes (touches "
		       "each mbuf), net_ring does not. Use hugepages.\n");
	printf("%-26s %8s %8s %8s %10s\n", "path", "Mpps", "min", "max",
	       "cyc/pkt");
	print_row(&lo);
	print_row(&ring);
	ratio = median(lo.mpps, opts.runs) / median(ring.mpps, opts.runs);
	printf("ratio net_loopback/net_ring: %.3fx (goal >= 1.0x)\n", ratio);

	rte_eth_dev_stop(lo_port);
	rte_eth_dev_close(lo_port);
	rte_vdev_uninit("net_loopback_bench");
	rte_eth_dev_stop(ring_port);
	rte_eth_dev_close(ring_port);
	rte_ring_free(r);
	return 0;
}

/* ---- softnet ---------------------------------------------------------- */

/* The peer moves bursts as large as softnet's rx bursts (and testpmd's). */
#define PEER_BURST 32

static uint16_t src_port;
static uint64_t delivered[RTE_MAX_LCORE] __rte_cache_aligned;
static volatile int peer_stop;
static struct rte_ring *peer_ring;

static inline void
recycle(struct rte_mbuf **pkts, uint16_t n)
{
	rte_eth_tx_burst(src_port, 0, pkts, n);
}

/*
 * The source behaves like a NIC for every path: its rx writes each mbuf's
 * metadata (a virtual NIC gives no RSS hash), so the mbuf's first line
 * moves to the receiving lcore, as it would from a real PMD.
 */
static uint16_t
nic_rx_cb(uint16_t port, uint16_t queue __rte_unused,
	  struct rte_mbuf **pkts, uint16_t n, uint16_t max __rte_unused,
	  void *arg __rte_unused)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		pkts[i]->port = port;
		pkts[i]->ol_flags = 0;
		pkts[i]->packet_type = RTE_PTYPE_L2_ETHER;
	}
	return n;
}

static void
bench_deliver(void *ctx __rte_unused, unsigned int lcore,
	      struct rte_mbuf **pkts, uint16_t n)
{
	delivered[lcore] += n;
	recycle(pkts, n);
}

static int
peer_consumer(void *arg __rte_unused)
{
	struct rte_mbuf *pkts[PEER_BURST];
	unsigned int lcore = rte_lcore_id();
	uint16_t n;

	while (!peer_stop) {
		n = rte_ring_sc_dequeue_burst(peer_ring, (void **)pkts,
					      PEER_BURST, NULL);
		if (n == 0)
			continue;
		delivered[lcore] += n;
		recycle(pkts, n);
	}
	return 0;
}

static uint64_t
total_delivered(void)
{
	uint64_t t = 0;
	unsigned int l;

	for (l = 0; l < RTE_MAX_LCORE; l++)
		t += delivered[l];
	return t;
}

enum sn_path { PATH_LOCAL, PATH_BACKLOG, PATH_RPS, PATH_RING };
static const char *const path_name[] = {
	"local", "local backlog", "RPS", "rte_ring",
};

/*
 * What a run left in an lcore's backlog goes back into the circuit now,
 * delivered by this thread while no loop runs: the local backlog run's
 * (delivered later by the main lcore during the RPS run, it would be sent
 * on the source's queue while the worker sends on it too, two producers
 * on a single-producer queue), and the RPS run's that a worker stopped
 * before it drained (a vCPU held off past the grace below: the ring run
 * then had none in flight).
 */
static int
drain_backlog(unsigned int lcore)
{
	struct sn_softnet_stat st;
	unsigned int i;

	if (sn_softnet_set_rps(src_port, 0, NULL, 0) != 0)
		return -1;
	for (i = 0; i < 100000; i++) {
		sn_softnet_stat_get(lcore, &st);
		if (st.input_qlen + st.process_qlen == 0)
			return 0;
		sn_softnet_rx_action(lcore);
	}
	return -1;
}

static int
softnet_run(enum sn_path path, unsigned int worker, double *mpps,
	    double *cpp)
{
	unsigned int main_lcore = rte_lcore_id();
	struct rte_mbuf *pkts[PEER_BURST];
	uint64_t start, end, until, before, got;
	uint16_t n, k;

	if (path == PATH_RPS) {
		if (sn_softnet_set_rps(src_port, 0, &worker, 1) != 0)
			return -1;
		sn_softnet_launch(worker);
	} else if (path == PATH_LOCAL) {
		if (sn_softnet_set_rps(src_port, 0, NULL, 0) != 0)
			return -1;
	} else if (path == PATH_BACKLOG) {
		if (sn_softnet_set_rps(src_port, 0, &main_lcore, 1) != 0)
			return -1;
	} else {
		peer_stop = 0;
		rte_eal_remote_launch(peer_consumer, NULL, worker);
	}

	before = total_delivered();
	start = rte_rdtsc_precise();
	until = start + rte_get_tsc_hz() * opts.ms / 1000;
	if (path == PATH_RING) {
		while (rte_rdtsc() < until) {
			n = rte_eth_rx_burst(src_port, 0, pkts, PEER_BURST);
			k = rte_ring_mp_enqueue_burst(peer_ring, (void **)pkts,
						      n, NULL);
			if (k < n)
				rte_pktmbuf_free_bulk(pkts + k, n - k);
		}
	} else {
		while (rte_rdtsc() < until)
			sn_softnet_rx_action(main_lcore);
	}
	end = rte_rdtsc_precise();
	got = total_delivered() - before;
	*cpp = (double)(end - start) / RTE_MAX(got, (uint64_t)1);
	*mpps = got / ((double)(end - start) / rte_get_tsc_hz()) / 1e6;

	if (path == PATH_BACKLOG && drain_backlog(main_lcore) != 0)
		return -1;
	/* let the consumer finish what it holds, then stop it */
	rte_delay_us_block(2000);
	if (path == PATH_RPS)
		sn_softnet_quit();
	else if (path == PATH_RING)
		peer_stop = 1;
	rte_eal_mp_wait_lcore();
	if (path == PATH_RPS && drain_backlog(worker) != 0)
		return -1;
	/* a consumer that ran late leaves some behind: back into the
	 * circuit, or the next runs have fewer in flight and they leak */
	while ((n = rte_ring_sc_dequeue_burst(peer_ring, (void **)pkts,
					      PEER_BURST, NULL)) != 0)
		recycle(pkts, n);
	if (got == 0) {
		/* a figure of nothing would print as nan or inf */
		fprintf(stderr, "softnet: the %s run delivered no packet\n",
			path_name[path]);
		return -1;
	}
	return 0;
}

static int
bench_softnet(void)
{
	struct result local = { .name = "softnet local (inline)" };
	struct result backlog = { .name = "softnet local backlog" };
	struct result rps = { .name = "softnet RPS handoff" };
	struct result ring = { .name = "rte_ring MP/SC (peer)" };
	/* the main lcore polls: its own backlog is the local backlog path */
	struct sn_softnet_conf conf = { .deliver = bench_deliver,
					.main_polls = 1 };
	struct rte_eth_conf econf;
	struct rte_mbuf *pkts[512];
	unsigned int worker, i, inflight = 512;
	double m_local, m_rps, m_ring, c_local, c_rps;
	double over[3], ring_over[3], ratio[3];
	int ret;

	worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		fprintf(stderr, "softnet: needs two lcores (e.g. -l 0,1)\n");
		return 2;
	}
	ret = rte_vdev_init("net_loopback_src", "size=4096");
	if (ret != 0 ||
	    rte_eth_dev_get_port_by_name("net_loopback_src", &src_port) != 0)
		return 1;
	memset(&econf, 0, sizeof(econf));
	if (rte_eth_dev_configure(src_port, 1, 1, &econf) != 0 ||
	    rte_eth_rx_queue_setup(src_port, 0, 0, rte_socket_id(), NULL,
				   mp) != 0 ||
	    rte_eth_tx_queue_setup(src_port, 0, 0, rte_socket_id(),
				   NULL) != 0 ||
	    rte_eth_dev_start(src_port) != 0)
		return 1;
	if (rte_eth_add_rx_callback(src_port, 0, nic_rx_cb, NULL) == NULL)
		return 1;
	peer_ring = rte_ring_create("bench_peer", 4096, rte_socket_id(),
				    RING_F_SC_DEQ);
	/* the source's rx callback sets mbuf->port, as a NIC's rx does */
	if (peer_ring == NULL || sn_softnet_init(&conf) != 0 ||
	    sn_softnet_add_rxq(rte_lcore_id(), src_port, 0) != 0 ||
	    sn_softnet_rxq_port_set(src_port, 0, true) != 0)
		return 1;

	/* the packets that circulate: 64 B UDP, 64 flows */
	if (rte_pktmbuf_alloc_bulk(mp, pkts, inflight) != 0)
		return 1;
	for (i = 0; i < inflight; i++) {
		struct rte_ether_hdr *eth = (struct rte_ether_hdr *)
			rte_pktmbuf_append(pkts[i], opts.pkt_len);
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);

		memset(eth, 0, opts.pkt_len);
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
		ip->version_ihl = RTE_IPV4_VHL_DEF;
		ip->next_proto_id = IPPROTO_UDP;
		ip->src_addr = rte_cpu_to_be_32(0xc6120001 /* 198.18.0.1 */);
		ip->dst_addr = rte_cpu_to_be_32(0xc6120002 /* 198.18.0.2 */);
		udp->src_port = rte_cpu_to_be_16(1024 + i % 64);
		udp->dst_port = rte_cpu_to_be_16(9);
	}
	rte_eth_tx_burst(src_port, 0, pkts, inflight);

	if (softnet_run(PATH_LOCAL, worker, &m_local, &c_local) != 0 ||
	    softnet_run(PATH_RPS, worker, &m_rps, &c_rps) != 0 ||
	    softnet_run(PATH_RING, worker, &m_ring, &c_rps) != 0)
		return 1;
	for (i = 0; i < opts.runs; i++) {
		if (softnet_run(PATH_LOCAL, worker, &local.mpps[i],
				&local.cpp[i]) != 0 ||
		    softnet_run(PATH_BACKLOG, worker, &backlog.mpps[i],
				&backlog.cpp[i]) != 0 ||
		    softnet_run(PATH_RPS, worker, &rps.mpps[i],
				&rps.cpp[i]) != 0 ||
		    softnet_run(PATH_RING, worker, &ring.mpps[i],
				&ring.cpp[i]) != 0)
			return 1;
	}

	/* paired by round, before any median sorts a row */
	paired(&rps, &local, 0, over);
	paired(&ring, &local, 0, ring_over);
	paired(&rps, &ring, 1, ratio);

	printf("softnet-bench softnet: %u B, %u packets in flight, %u runs "
	       "of %u ms, lcores %u -> %u, TSC %.2f GHz\n", opts.pkt_len,
	       inflight, opts.runs, opts.ms, rte_lcore_id(), worker,
	       rte_get_tsc_hz() / 1e9);
	if (!rte_eal_has_hugepages())
		printf("note: --no-huge is about 2.5x slower; use "
		       "hugepages\n");
	printf("%-26s %8s %8s %8s %10s\n", "path", "Mpps", "min", "max",
	       "cyc/pkt");
	print_row(&local);
	print_row(&backlog);
	print_row(&rps);
	print_row(&ring);
	printf("RPS handoff over local: %+.2f cycles/packet (rounds %+.2f to "
	       "%+.2f; goal <= 15); the plain ring handoff alone is %+.2f "
	       "over local (%+.2f to %+.2f)\n", over[0], over[1], over[2],
	       ring_over[0], ring_over[1], ring_over[2]);
	printf("ratio RPS handoff (backlog path)/rte_ring: %.3fx (rounds "
	       "%.3f to %.3f; goal >= 0.9x)\n", ratio[0], ratio[1], ratio[2]);
	m_local = median(local.mpps, opts.runs);
	m_rps = median(rps.mpps, opts.runs);
	m_ring = median(ring.mpps, opts.runs);
	c_local = median(local.cpp, opts.runs);
	c_rps = median(rps.cpp, opts.runs);
	printf("(of the rows' medians: %+.2f cycles/packet, %.3fx; local "
	       "%.2f Mpps)\n", c_rps - c_local, m_rps / m_ring, m_local);

	rte_eth_dev_stop(src_port);	/* frees what circulates */
	sn_softnet_fini();
	rte_eth_dev_close(src_port);
	rte_vdev_uninit("net_loopback_src");
	rte_ring_free(peer_ring);
	return 0;
}

/* ---- route ------------------------------------------------------------ */

#define RT_DSTS		(1 << 20)

static uint64_t
xorshift(uint64_t *st)
{
	*st ^= *st << 13;
	*st ^= *st >> 7;
	*st ^= *st << 17;
	return *st;
}

static uint32_t *rt_dst;
static volatile int rt_stop;
static volatile uint64_t rt_worker_lookups;

static int
route_worker(void *arg)
{
	struct sn_netns *ns = arg;
	struct rte_rcu_qsbr *v = sn_softnet_qsbr();
	const struct sn_fib_result *res[64];
	unsigned int lcore = rte_lcore_id(), off = 0;

	rte_rcu_qsbr_thread_online(v, lcore);
	while (!rt_stop) {
		sn_route4_lookup_bulk_ref(ns, rt_dst + off, NULL, 1, res, 64);
		off = (off + 64) & (RT_DSTS - 1);
		rt_worker_lookups += 64;
		rte_rcu_qsbr_quiescent(v, lcore);
	}
	rte_rcu_qsbr_thread_offline(v, lcore);
	return 0;
}

static double
rt_run_ours(struct sn_netns *ns, double *cpp)
{
	const struct sn_fib_result *res[64];
	uint64_t start, cycles;
	unsigned int i;

	start = rte_rdtsc_precise();
	for (i = 0; i < RT_DSTS; i += 64)
		sn_route4_lookup_bulk_ref(ns, rt_dst + i, NULL, 1, res, 64);
	cycles = rte_rdtsc_precise() - start;
	*cpp = (double)cycles / RT_DSTS;
	return RT_DSTS / ((double)cycles / rte_get_tsc_hz()) / 1e6;
}

/*
 * The peer's next hops: a user of rte_fib maps each next hop to its own
 * next-hop object before using it, as softnet's lookup returns entries.
 * That wait for the burst's results is what the results-unused run does
 * not pay: its next burst's loads overlap this one's last misses.
 */
static uint64_t peer_hops[64];
const uint64_t *peer_res[64];	/* not static: the stores stay */

static double
rt_run_fib(struct rte_fib *fib, double *cpp, bool use)
{
	uint64_t nh[64];
	uint64_t start, cycles;
	unsigned int i, j;

	start = rte_rdtsc_precise();
	for (i = 0; i < RT_DSTS; i += 64) {
		rte_fib_lookup_bulk(fib, rt_dst + i, nh, 64);
		if (!use)
			continue;
		for (j = 0; j < 64; j++)
			peer_res[j] = &peer_hops[nh[j] & 63];
	}
	cycles = rte_rdtsc_precise() - start;
	*cpp = (double)cycles / RT_DSTS;
	return RT_DSTS / ((double)cycles / rte_get_tsc_hz()) / 1e6;
}

/* IPv6: random prefixes /16-/64 in main, next to rte_fib6 (TRIE). */
#define RT6_DSTS (1 << 18)

static double
rt6_run_ours(struct sn_netns *ns, uint8_t (*dst)[16], double *cpp)
{
	const struct sn_fib6_result *res[64];
	uint64_t start, cycles;
	unsigned int i;

	start = rte_rdtsc_precise();
	for (i = 0; i < RT6_DSTS; i += 64)
		sn_route6_lookup_bulk_ref(ns, (const uint8_t (*)[16])(dst + i),
					  res, 64);
	cycles = rte_rdtsc_precise() - start;
	*cpp = (double)cycles / RT6_DSTS;
	return RT6_DSTS / ((double)cycles / rte_get_tsc_hz()) / 1e6;
}

static double
rt6_run_fib(struct rte_fib6 *fib, uint8_t (*dst)[16], double *cpp, bool use)
{
	uint64_t nh[64], start, cycles;
	unsigned int i, j;

	start = rte_rdtsc_precise();
	for (i = 0; i < RT6_DSTS; i += 64) {
		rte_fib6_lookup_bulk(fib, dst + i, nh, 64);
		if (!use)
			continue;
		for (j = 0; j < 64; j++)
			peer_res[j] = &peer_hops[nh[j] & 63];
	}
	cycles = rte_rdtsc_precise() - start;
	*cpp = (double)cycles / RT6_DSTS;
	return RT6_DSTS / ((double)cycles / rte_get_tsc_hz()) / 1e6;
}

static int
bench_route6(struct sn_netns *ns, int ifindex)
{
	struct result ours = { .name = "softnet route6" };
	struct result fibr = { .name = "rte_fib6 TRIE (peer)" };
	struct result fibu = { .name = "rte_fib6, results unused" };
	struct result raw = { .name = "softnet's rte_fib6, raw" };
	struct rte_fib6 *own;
	unsigned int n = 0, i, j, k;
	struct rte_fib6_conf fc = {
		.type = RTE_FIB6_TRIE, .default_nh = 0,
		.max_routes = 2 * opts.prefixes6 + 1000,
		.trie = { .nh_sz = RTE_FIB6_TRIE_4B,
			  .num_tbl8 = opts.prefixes6 * 5 + 4096 },
	};
	/* through link-local gateways, fe80::1 to fe80::10 */
	struct sn_route6 r = { .type = SN_RTN_UNICAST, .oif = ifindex,
			       .gw = { 0xfe, 0x80 } };
	uint64_t st = 0x9e3779b97f4a7c15ull, t0, t1;
	uint8_t (*pfx)[16], *plen, *gwi, (*dst)[16];
	struct rte_fib6 *fib;
	double cpp;

	pfx = malloc(opts.prefixes6 * 16);
	plen = malloc(opts.prefixes6);
	gwi = malloc(opts.prefixes6);
	dst = malloc(RT6_DSTS * 16);
	fib = rte_fib6_create("bench_fib6", rte_socket_id(), &fc);
	if (pfx == NULL || plen == NULL || gwi == NULL || dst == NULL ||
	    fib == NULL) {
		fprintf(stderr, "route6: no memory for %u prefixes\n",
			opts.prefixes6);
		return 1;
	}
	t0 = rte_rdtsc_precise();
	while (n < opts.prefixes6) {
		uint64_t x = xorshift(&st), y = xorshift(&st);
		uint8_t l = 16 + x % 49;

		memset(r.dst, 0, 16);
		r.dst[0] = 0x20;	/* 2000::/3, as the global table */
		for (j = 1; j < 8; j++)
			r.dst[j] = (uint8_t)(y >> (8 * j));
		for (j = l / 8; j < 16; j++)
			r.dst[j] = j == l / 8 && l % 8 ?
				   r.dst[j] & (0xff << (8 - l % 8)) : 0;
		r.plen = l;
		/* 16 gateways, as IPv4's: with one next hop rte_fib6 would
		 * keep no more-specific prefix and lookups cost nothing */
		gwi[n] = (uint8_t)(x >> 40) % 16;
		r.gw[15] = (uint8_t)(1 + gwi[n]);
		k = sn_route6_add(ns, &r, 0);
		if (k == (unsigned int)-EEXIST)
			continue;
		if (k != 0) {
			fprintf(stderr, "route6: add %u: %d\n", n, (int)k);
			return 1;
		}
		memcpy(pfx[n], r.dst, 16);
		plen[n++] = l;
	}
	t1 = rte_rdtsc_precise();
	for (i = 0; i < n; i++)
		if (rte_fib6_add(fib, pfx[i], plen[i], gwi[i] + 1) != 0) {
			fprintf(stderr, "route6: rte_fib6 is full at %u\n", i);
			return 1;
		}
	for (i = 0; i < RT6_DSTS; i++) {
		uint64_t x = xorshift(&st), y = xorshift(&st);

		k = x % n;
		memcpy(dst[i], pfx[k], 16);
		for (j = plen[k] / 8; j < 16; j++)
			dst[i][j] |= (uint8_t)(y >> ((j % 8) * 8)) &
				     (j == plen[k] / 8 ?
				      (uint8_t)(0xff >> (plen[k] % 8)) : 0xff);
	}
	/* both answer the same for every destination */
	for (i = 0; i < RT6_DSTS; i += 64) {
		const struct sn_fib6_result *res[64];
		uint64_t nh[64];

		sn_route6_lookup_bulk_ref(ns, (const uint8_t (*)[16])(dst + i),
					  res, 64);
		rte_fib6_lookup_bulk(fib, dst + i, nh, 64);
		for (j = 0; j < 64; j++) {
			if (res[j]->type == SN_RTN_UNICAST &&
			    res[j]->gw[15] == nh[j])
				continue;
			fprintf(stderr, "route6: destination %u: ours type "
				"%u gw ..%02x, rte_fib6 %" PRIu64 "\n", i + j,
				res[j]->type, res[j]->gw[15], nh[j]);
			return 1;
		}
	}
	own = sn_route6_table_fib(ns, SN_RT_TABLE_MAIN);
	if (own == NULL)
		return 1;
	rt6_run_ours(ns, dst, &cpp);
	rt6_run_fib(fib, dst, &cpp, true);
	for (i = 0; i < opts.runs; i++) {
		unsigned int j;

		for (j = 0; j < 4; j++) {
			switch ((i + j) % 4) {
			case 0:
				ours.mpps[i] = rt6_run_ours(ns, dst,
							    &ours.cpp[i]);
				break;
			case 1:
				fibr.mpps[i] = rt6_run_fib(fib, dst,
							   &fibr.cpp[i], true);
				break;
			case 2:
				raw.mpps[i] = rt6_run_fib(own, dst,
							  &raw.cpp[i], true);
				break;
			default:
				fibu.mpps[i] = rt6_run_fib(fib, dst,
							   &fibu.cpp[i],
							   false);
			}
		}
	}
	printf("\nsoftnet-bench route6: %u random IPv6 prefixes /16-/64, %u "
	       "destinations in them, bursts of 64, %u runs\n", n, RT6_DSTS,
	       opts.runs);
	printf("%-26s %8s %8s %8s %10s\n", "path", "Mlookup/s", "min", "max",
	       "cyc/lookup");
	print_row(&ours);
	print_row(&fibr);
	print_row(&raw);
	print_row(&fibu);
	print_overheads("IPv6 ", "rte_fib6", &ours, &fibr, &raw, &fibu);
	printf("; insert: %.0f routes/s\n",
	       n / ((double)(t1 - t0) / rte_get_tsc_hz()));
	rte_fib6_free(fib);
	free(pfx);
	free(plen);
	free(gwi);
	free(dst);
	return 0;
}

static int
bench_route(void)
{
	struct result ours = { .name = "softnet route, rules 3" };
	struct result fibr = { .name = "rte_fib DIR24_8 (peer)" };
	struct result fibu = { .name = "rte_fib, results unused" };
	struct result rules = { .name = "softnet route, rules 7" };
	struct result raw = { .name = "softnet's rte_fib, raw" };
	struct rte_fib *own;
	/* tbl8 groups: random /8-/32 prefixes with 16 next hops take about
	 * one per two prefixes (measured) */
	uint32_t tbl8s = opts.prefixes / 5 * 3 + 4096;
	/* room for the update test's routes too */
	struct sn_route_conf rconf = {
		.tbl8s6 = opts.prefixes6 * 5 + 4096,
		.max_routes = opts.prefixes + 110000,
		.tbl8s = tbl8s };
	struct rte_fib_conf fconf = {
		.type = RTE_FIB_DIR24_8, .default_nh = 0,
		/* rib nodes: a branch node per prefix at worst */
		.max_routes = 2 * opts.prefixes + 1000,
		.dir24_8 = { .nh_sz = RTE_FIB_DIR24_8_4B,
			     .num_tbl8 = tbl8s },
	};
	struct sn_netns_conf nconf = { 0 };
	struct rte_malloc_socket_stats m0, m1;
	struct sn_netdev dev;
	struct sn_route4 r = { .type = SN_RTN_UNICAST, .proto = 3 };
	struct rte_fib *fib;
	struct sn_netns *ns;
	uint32_t *pfx;
	uint8_t *plen, *gwi;
	uint64_t st = 88172645463325252ull, t0, t1, w0, w1;
	unsigned int i, n = 0, worker, nupd;
	uint16_t lo, eth;
	double upd, quiet, busy, cpp;
	int ret;

	worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		fprintf(stderr, "route: needs two lcores\n");
		return 2;
	}
	if (rte_vdev_init("net_loopback_rt", NULL) != 0 ||
	    rte_vdev_init("net_null_rt", NULL) != 0 ||
	    rte_eth_dev_get_port_by_name("net_loopback_rt", &lo) != 0 ||
	    rte_eth_dev_get_port_by_name("net_null_rt", &eth) != 0)
		return 1;
	if (sn_softnet_init(NULL) != 0)
		return 1;
	nconf.default_lo_port = lo;
	nconf.mp = mp;
	nconf.qsbr = sn_softnet_qsbr();
	rconf.qsbr = sn_softnet_qsbr();
	if (sn_netns_init(&nconf) != 0)
		return 1;
	ns = sn_netns_default();
	rte_malloc_get_socket_stats(rte_socket_id(), &m0);
	if (sn_route_init(&rconf) != 0 ||
	    sn_netns_link_add(ns, eth, "eth0") != 0 ||
	    sn_netns_link_get(eth, &dev) != 0)
		return 1;
	pfx = malloc(opts.prefixes * sizeof(*pfx));
	plen = malloc(opts.prefixes);
	gwi = malloc(opts.prefixes);
	rt_dst = malloc(RT_DSTS * sizeof(*rt_dst));
	if (pfx == NULL || plen == NULL || gwi == NULL || rt_dst == NULL) {
		fprintf(stderr, "route: no memory for %u prefixes "
			"(hugepages?)\n", opts.prefixes);
		return 1;
	}

	/* distinct random prefixes, /8 to /32, through 16 gateways on
	 * 192.0.2.0/24 as a full table has a few next hops */
	{
		struct sn_ifaddr a = { .family = AF_INET, .plen = 24,
				       .ifindex = dev.ifindex,
				       .addr = { 192, 0, 2, 254 } };

		if (sn_netns_addr_add(ns, &a) != 0)
			return 1;
	}
	r.oif = dev.ifindex;
	t0 = rte_rdtsc_precise();
	while (n < opts.prefixes) {
		uint64_t x = xorshift(&st);
		uint8_t l = 8 + x % 25;
		uint32_t a = (uint32_t)(x >> 32) & (UINT32_MAX << (32 - l));

		/* not over the gateways' subnet, nor in 224/3: a full
		 * table has none there, and the peer, a plain rte_fib,
		 * would be rewritten whole by some prefixes that end at
		 * 255.255.255.255 (DPDK 22.11; softnet's table works
		 * around it, see lib/route/sn_route.c) */
		if ((a >> 24) == 127 || (a >> 24) == 0 || (a >> 29) == 7 ||
		    (a >> 8) == 0xc00002 || (l < 24 && (a >> (32 - l)) ==
					     (0xc0000200u >> (32 - l))))
			continue;
		r.dst = a;
		r.plen = l;
		gwi[n] = (uint8_t)((x >> 8) % 16);
		r.gw = 0xc0000201 + gwi[n];
		ret = sn_route4_add(ns, &r, 0);
		if (ret == -EEXIST)
			continue;
		if (ret != 0) {
			fprintf(stderr, "route: add %u: %d\n", n, ret);
			return 1;
		}
		pfx[n] = a;
		plen[n++] = l;
	}
	t1 = rte_rdtsc_precise();
	rte_malloc_get_socket_stats(rte_socket_id(), &m1);
	/* the peer, made after the measure of our table's memory */
	fib = rte_fib_create("bench_fib", rte_socket_id(), &fconf);
	if (fib == NULL) {
		fprintf(stderr, "route: no memory for rte_fib (hugepages?)\n");
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (rte_fib_add(fib, pfx[i], plen[i], gwi[i] + 1) != 0) {
			fprintf(stderr, "route: rte_fib is full at %u\n", i);
			return 1;
		}
	}
	/* destinations: inside the prefixes, in random order */
	for (i = 0; i < RT_DSTS; i++) {
		uint64_t x = xorshift(&st);
		unsigned int k = x % n;

		rt_dst[i] = pfx[k] | ((uint32_t)(x >> 32) &
				     ~(UINT32_MAX << (32 - plen[k])) &
				     (plen[k] == 32 ? 0 : UINT32_MAX));
	}

	/* both answer the same for every destination */
	for (i = 0; i < RT_DSTS; i += 64) {
		struct sn_fib_result res[64];
		uint64_t nh[64];
		unsigned int j;

		sn_route4_lookup_bulk(ns, rt_dst + i, NULL, 1, res, 64);
		rte_fib_lookup_bulk(fib, rt_dst + i, nh, 64);
		for (j = 0; j < 64; j++) {
			if (res[j].type == SN_RTN_UNICAST &&
			    res[j].gw == 0xc0000200 + nh[j])
				continue;
			fprintf(stderr, "route: %08x: ours type %u gw %08x, "
				"rte_fib %" PRIu64 "\n", rt_dst[i + j],
				res[j].type, res[j].gw, nh[j]);
			return 1;
		}
	}
	/* the rte_fib under our table, with only the default rules: main's,
	 * local's routes merged in */
	own = sn_route4_table_fib(ns, SN_RT_TABLE_MAIN);
	if (own == NULL)
		return 1;
	rt_run_ours(ns, &cpp);
	rt_run_fib(fib, &cpp, true);
	/* in turn first, as the table that ran before warms what follows */
	for (i = 0; i < opts.runs; i++) {
		unsigned int j;

		for (j = 0; j < 4; j++) {
			switch ((i + j) % 4) {
			case 0:
				ours.mpps[i] = rt_run_ours(ns, &ours.cpp[i]);
				break;
			case 1:
				fibr.mpps[i] = rt_run_fib(fib, &fibr.cpp[i],
							  true);
				break;
			case 2:
				raw.mpps[i] = rt_run_fib(own, &raw.cpp[i],
							 true);
				break;
			default:
				fibu.mpps[i] = rt_run_fib(fib, &fibu.cpp[i],
							  false);
			}
		}
	}
	/* four custom rules that match no destination here */
	{
		struct sn_rule4 cr[4] = {
			{ .pref = 100, .src = 0xc0000200, .src_len = 24,
			  .action = SN_FR_ACT_TO_TBL, .table = 100 },
			{ .pref = 200, .dst = 0xc6336400, .dst_len = 24,
			  .action = SN_FR_ACT_PROHIBIT },
			{ .pref = 300, .iif = 99,
			  .action = SN_FR_ACT_BLACKHOLE },
			{ .pref = 400, .src = 0xcb007100, .src_len = 24,
			  .action = SN_FR_ACT_TO_TBL, .table = 101 },
		};

		for (i = 0; i < 4; i++)
			if (sn_rule4_add(ns, &cr[i]) != 0)
				return 1;
		for (i = 0; i < opts.runs; i++)
			rules.mpps[i] = rt_run_ours(ns, &rules.cpp[i]);
		for (i = 0; i < 4; i++)
			sn_rule4_del(ns, &cr[i]);
	}

	printf("softnet-bench route: %u random prefixes /8-/32, %u "
	       "destinations in them, bursts of 64, %u runs, TSC %.2f GHz\n",
	       n, RT_DSTS, opts.runs, rte_get_tsc_hz() / 1e9);
	if (!rte_eal_has_hugepages())
		printf("note: --no-huge is much slower: use hugepages\n");
	printf("%-26s %8s %8s %8s %10s\n", "path", "Mlookup/s", "min", "max",
	       "cyc/lookup");
	print_row(&ours);
	print_row(&fibr);
	print_row(&raw);
	print_row(&fibu);
	print_row(&rules);
	print_overheads("", "rte_fib", &ours, &fibr, &raw, &fibu);
	printf("\n");
	printf("insert: %.0f routes/s; memory for the table: %.1f MiB "
	       "(rte_malloc heap)\n",
	       n / ((double)(t1 - t0) / rte_get_tsc_hz()),
	       (m1.heap_allocsz_bytes - m0.heap_allocsz_bytes) / 1048576.0);

	/* updates while a worker looks up: adds, then deletes, of /24s */
	nupd = RTE_MIN(opts.prefixes / 2, 100000u);
	rt_stop = 0;
	rte_eal_remote_launch(route_worker, ns, worker);
	rte_delay_us_block(200000);
	w0 = rt_worker_lookups;
	t0 = rte_rdtsc_precise();
	rte_delay_us_block(500000);
	quiet = (rt_worker_lookups - w0) /
		((double)(rte_rdtsc_precise() - t0) / rte_get_tsc_hz()) / 1e6;
	w0 = rt_worker_lookups;
	t0 = rte_rdtsc_precise();
	for (i = 0; i < nupd; i++) {
		r.dst = 0x0a000000 | (i << 8);	/* 10.x.y.0/24 */
		r.plen = 24;
		sn_route4_add(ns, &r, SN_RT_F_REPLACE);
	}
	for (i = 0; i < nupd; i++) {
		r.dst = 0x0a000000 | (i << 8);
		sn_route4_del(ns, &(struct sn_route4){ .dst = r.dst,
			.plen = 24 });
	}
	t1 = rte_rdtsc_precise();
	w1 = rt_worker_lookups;
	rt_stop = 1;
	rte_eal_mp_wait_lcore();
	upd = 2.0 * nupd / ((double)(t1 - t0) / rte_get_tsc_hz());
	busy = (w1 - w0) / ((double)(t1 - t0) / rte_get_tsc_hz()) / 1e6;
	printf("updates while looking up: %.0f updates/s; the worker's "
	       "lookups %.1f -> %.1f M/s (%+.1f %%)\n", upd, quiet, busy,
	       (busy / quiet - 1) * 100);

	rte_fib_free(fib);
	free(pfx);
	free(plen);
	free(gwi);
	free(rt_dst);
	if (opts.prefixes6 != 0 && bench_route6(ns, dev.ifindex) != 0)
		return 1;
	sn_route_fini();
	sn_netns_link_del(eth);
	sn_netns_fini();
	sn_softnet_fini();
	rte_vdev_uninit("net_null_rt");
	rte_vdev_uninit("net_loopback_rt");
	return 0;
}

static void
usage(const char *prog)
{
	printf("usage: %s [EAL options] -- lo|softnet|route [--runs=N] "
	       "[--bursts=N] [--burst=N] [--pkt-len=N] [--ms=N] "
	       "[--prefixes=N] [--prefixes6=N]\n"
	       "  lo       net_loopback tx->rx vs net_ring, one lcore\n"
	       "  softnet  local path, RPS handoff and a plain rte_ring "
	       "handoff, two lcores\n"
	       "  route    IPv4 lookups (--prefixes, default 1000000) vs "
	       "rte_fib, with rules, and updates; IPv6 lookups "
	       "(--prefixes6, default 100000) vs rte_fib6; two lcores\n",
	       prog);
}

static int
parse_uint(const char *s, unsigned int min, unsigned int max,
	   unsigned int *out)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "runs", required_argument, NULL, 'r' },
		{ "bursts", required_argument, NULL, 'b' },
		{ "burst", required_argument, NULL, 'B' },
		{ "pkt-len", required_argument, NULL, 'l' },
		{ "ms", required_argument, NULL, 'm' },
		{ "prefixes", required_argument, NULL, 'p' },
		{ "prefixes6", required_argument, NULL, '6' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *prog = argv[0], *what;
	int ret, opt;

	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "cannot init EAL: %s\n",
			rte_strerror(rte_errno));
		return 1;
	}
	argc -= ret;
	argv += ret;
	if (argc < 2) {
		usage(prog);
		return 2;
	}
	what = argv[1];
	if (strcmp(what, "--help") == 0 || strcmp(what, "-h") == 0) {
		usage(prog);
		rte_eal_cleanup();
		return 0;
	}
	argc--;
	argv++;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		int bad = 0;

		switch (opt) {
		case 'r':
			bad = parse_uint(optarg, 1, MAX_RUNS, &opts.runs);
			break;
		case 'b':
			bad = parse_uint(optarg, 1, 1000000000, &opts.bursts);
			break;
		case 'B':
			bad = parse_uint(optarg, 1, 512, &opts.burst);
			break;
		case 'l':
			bad = parse_uint(optarg, 60, 1500, &opts.pkt_len);
			break;
		case 'm':
			bad = parse_uint(optarg, 10, 60000, &opts.ms);
			break;
		case '6':
			bad = parse_uint(optarg, 0, 10000000, &opts.prefixes6);
			break;
		case 'p':
			bad = parse_uint(optarg, 1000, 4000000,
					 &opts.prefixes);
			break;
		case 'h':
			usage(prog);
			return 0;
		default:
			bad = 1;
		}
		if (bad && opt != '?' && optarg != NULL) {
			const struct option *o = lopts;

			while (o->name != NULL && o->val != opt)
				o++;
			fprintf(stderr, "%s: --%s: '%s' is not a number in "
				"its range\n", prog, o->name, optarg);
			usage(prog);
			return 2;
		}
		if (bad) {
			fprintf(stderr, "%s: bad option '%s'\n", prog,
				argv[optind - 1]);
			usage(prog);
			return 2;
		}
	}

	mp = rte_pktmbuf_pool_create("bench_pool", 8192, 256, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE,
				     rte_socket_id());
	if (mp == NULL) {
		fprintf(stderr, "mempool: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	if (strcmp(what, "lo") == 0) {
		ret = bench_lo();
	} else if (strcmp(what, "softnet") == 0) {
		ret = bench_softnet();
	} else if (strcmp(what, "route") == 0) {
		ret = bench_route();
	} else {
		fprintf(stderr, "%s: unknown benchmark '%s'\n", prog, what);
		usage(prog);
		ret = 2;
	}
	if (ret == 0 && rte_mempool_in_use_count(mp) != 0) {
		fprintf(stderr, "%u mbufs leaked\n",
			rte_mempool_in_use_count(mp));
		ret = 1;
	}
	/* after a failure a device may still hold mbufs: EAL's cleanup
	 * closes it, and it must find their pool there */
	if (ret == 0)
		rte_mempool_free(mp);
	rte_eal_cleanup();
	return ret;
}
