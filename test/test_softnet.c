/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet's numbered behaviours (linux-semantics.md §1), one test each.
 * EAL gives lcores 0 (main, the control thread), 1 and 2. Single-threaded
 * tests drive lcores 1 and 2 from the main thread with
 * sn_softnet_rx_action(); the others launch real loops on them.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_bus_vdev.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_udp.h>

#include "sn_eth_loopback.h"
#include "sn_softnet.h"
#include "sn_test.h"

#define NB_MBUF 16384
#define MAX_REC 16384

static struct rte_mempool *mp;

/* What deliver saw, per lcore, in order. */
struct rec {
	uint16_t flow;
	uint16_t port;		/* mbuf->port as delivered */
	uint32_t seq;
};
static struct rec recs[RTE_MAX_LCORE][MAX_REC];
static unsigned int nrec[RTE_MAX_LCORE];
static volatile unsigned int deliver_spin_us;

static void
test_deliver(void *ctx __rte_unused, unsigned int lcore,
	     struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i;

	for (i = 0; i < n; i++) {
		const uint8_t *p = rte_pktmbuf_mtod_offset(pkts[i],
				const uint8_t *, 42);

		if (nrec[lcore] < MAX_REC) {
			memcpy(&recs[lcore][nrec[lcore]].flow, p, 2);
			memcpy(&recs[lcore][nrec[lcore]].seq, p + 2, 4);
			recs[lcore][nrec[lcore]].port = pkts[i]->port;
			nrec[lcore]++;
		}
		if (deliver_spin_us != 0)
			rte_delay_us_block(deliver_spin_us);
	}
	rte_pktmbuf_free_bulk(pkts, n);
}

static int
setup(void)
{
	struct sn_softnet_conf conf = { .deliver = test_deliver };

	memset(nrec, 0, sizeof(nrec));
	deliver_spin_us = 0;
	mp = rte_pktmbuf_pool_create("test_sn_pool", NB_MBUF, 0, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT(mp != NULL, "mempool");
	TEST_ASSERT_OK(sn_softnet_init(&conf));
	return TEST_SUCCESS;
}

static void
teardown(void)
{
	/* a failed case may leave a loop running: stop it before freeing */
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	sn_softnet_fini();
	rte_mempool_free(mp);
	mp = NULL;
}

/* UDP/IPv4 packets; flow = UDP source port, seq in the payload. */
static int
mk(struct rte_mbuf **pkts, unsigned int n, uint16_t flow, uint32_t seq0,
   uint16_t port)
{
	unsigned int i;

	if (rte_pktmbuf_alloc_bulk(mp, pkts, n) != 0)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		uint8_t *p = (uint8_t *)rte_pktmbuf_append(pkts[i], 64);
		struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
		struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);
		uint32_t seq = seq0 + i;

		memset(p, 0, 64);
		eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
		ip->version_ihl = RTE_IPV4_VHL_DEF;
		ip->next_proto_id = IPPROTO_UDP;
		ip->src_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 1));
		ip->dst_addr = rte_cpu_to_be_32(RTE_IPV4(10, 0, 0, 2));
		udp->src_port = rte_cpu_to_be_16(flow);
		udp->dst_port = rte_cpu_to_be_16(9);
		memcpy(p + 42, &flow, 2);
		memcpy(p + 44, &seq, 4);
		pkts[i]->port = port;
	}
	return 0;
}

/* netif_rx as lcore self to target, freeing what is refused. */
static unsigned int
rx_send(unsigned int self, unsigned int target, uint16_t flow,
	uint32_t seq0, unsigned int n, uint16_t port)
{
	struct rte_mbuf *pkts[256];
	unsigned int done = 0, k, ok, acc = 0;

	while (done < n) {
		k = RTE_MIN(n - done, 256u);
		if (mk(pkts, k, flow, seq0 + done, port) != 0)
			return acc;
		ok = sn_netif_rx(self, target, pkts, k);
		rte_pktmbuf_free_bulk(pkts + ok, k - ok);
		acc += ok;
		done += k;
	}
	return acc;
}

static struct sn_softnet_stat
stat(unsigned int lcore)
{
	struct sn_softnet_stat st;

	sn_softnet_stat_get(lcore, &st);
	return st;
}

static int
drain(unsigned int lcore)
{
	int i;

	for (i = 0; i < 100000; i++) {
		struct sn_softnet_stat st = stat(lcore);

		if (st.input_qlen + st.process_qlen == 0)
			return TEST_SUCCESS;
		sn_softnet_rx_action(lcore);
	}
	return TEST_FAILED;
}

static int
set(const char *name, const char *value)
{
	char err[256];

	return sn_softnet_tunable_set(name, value, err, sizeof(err));
}

/* S4: accepted iff qlen <= max_backlog: 1001 fit, the 1002nd is dropped,
 * and the drop is counted on the target lcore. */
static int
test_s4_enqueue_limit(void)
{
	struct sn_softnet_stat st;

	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 1000, 0), 1000, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 1000, 1, 0), 1, "qlen 1000 <= 1000");
	st = stat(1);
	TEST_ASSERT_EQUAL(st.input_qlen, 1001, "");
	TEST_ASSERT_EQUAL(st.dropped, 0, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 1001, 1, 0), 0, "qlen 1001 > 1000");
	TEST_ASSERT_EQUAL(stat(1).dropped, 1, "on the target");
	TEST_ASSERT_EQUAL(stat(0).dropped, 0, "not on the sender");

	/* a burst straddling the limit: exact per packet */
	TEST_ASSERT_OK(drain(1));
	TEST_ASSERT_OK(set("max_backlog", "10"));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 32, 0), 11, "");
	TEST_ASSERT_EQUAL(stat(1).dropped, 1 + 21, "");

	/* the process queue does not count towards the limit */
	TEST_ASSERT_OK(set("dev_weight", "4"));
	sn_softnet_rx_action(1);	/* splices 11, processes 4 */
	st = stat(1);
	TEST_ASSERT_EQUAL(st.process_qlen, 7, "");
	TEST_ASSERT_EQUAL(st.input_qlen, 0, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 11, 0), 11, "room again");
	TEST_ASSERT_OK(drain(1));

	/* lowered below what is queued: nothing more is taken, nothing
	 * queued is lost */
	TEST_ASSERT_OK(set("max_backlog", "3000"));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 3000, 0), 3000, "");
	TEST_ASSERT_OK(set("max_backlog", "1000"));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 3000, 64, 0), 0, "");
	TEST_ASSERT_EQUAL(stat(1).input_qlen, 3000, "");
	TEST_ASSERT_OK(drain(1));
	return sn_test_mempool_empty(mp);
}

/* S5: with the flow limit on the enqueuing lcore, once the queue is half
 * full a flow holding more than half the history is dropped, others not. */
static int
test_s5_flow_limit_heavy_flow(void)
{
	unsigned int i, heavy_ok = 0, light_ok = 0, light_sent = 0;
	struct sn_softnet_stat st;
	char err[256];

	/* off by default: no flow-limit drop at all */
	TEST_ASSERT_EQUAL(rx_send(0, 1, 7, 0, 900, 0), 900, "");
	TEST_ASSERT_EQUAL(stat(0).flow_limit_count, 0, "");
	TEST_ASSERT_OK(drain(1));

	TEST_ASSERT_OK(sn_softnet_tunable_set("flow_limit_cpu_bitmap", "0",
					      err, sizeof(err)));
	/* the limit's own path keeps S4's bound: qlen <= max_backlog */
	TEST_ASSERT_OK(set("max_backlog", "10"));
	for (i = 0; i < 11; i++)
		TEST_ASSERT_EQUAL(rx_send(0, 1, 100 + i, 0, 1, 0), 1,
				  "qlen %u <= 10", i);
	TEST_ASSERT_EQUAL(rx_send(0, 1, 200, 0, 1, 0), 0, "qlen 11 > 10");
	TEST_ASSERT_EQUAL(stat(1).dropped, 1, "");
	TEST_ASSERT_EQUAL(stat(0).flow_limit_count, 0, "not a flow's fault");
	TEST_ASSERT_OK(drain(1));
	TEST_ASSERT_OK(set("max_backlog", "2000"));
	/* below half the backlog: never limited */
	TEST_ASSERT_EQUAL(rx_send(0, 1, 7, 0, 999, 0), 999, "");
	/* half the history is not more than half: not limited */
	for (i = 0; i < 200; i++)
		TEST_ASSERT_EQUAL(rx_send(0, 1, i % 2 ? 5000 + i : 7, 0, 1, 0),
				  1, "1:1, packet %u", i);
	TEST_ASSERT_EQUAL(stat(0).flow_limit_count, 0, "");
	/* now 3 heavy packets for each light one (all distinct flows) */
	for (i = 0; i < 400; i++) {
		if (i % 4 == 3) {
			light_ok += rx_send(0, 1, 1000 + i, 0, 1, 0);
			light_sent++;
		} else {
			heavy_ok += rx_send(0, 1, 7, 499 + i, 1, 0);
		}
	}
	st = stat(0);
	TEST_ASSERT_EQUAL(light_ok, light_sent, "light flows untouched");
	TEST_ASSERT(heavy_ok < 300, "heavy flow limited: %u of 300",
		    heavy_ok);
	TEST_ASSERT_EQUAL(st.flow_limit_count, 300 - heavy_ok,
			  "flow_limit_count on the enqueuing lcore");
	TEST_ASSERT_EQUAL(stat(1).dropped, 1 + 300 - heavy_ok,
			  "dropped on the target too");
	TEST_ASSERT_OK(sn_softnet_tunable_set("flow_limit_cpu_bitmap", "",
					      err, sizeof(err)));
	TEST_ASSERT_OK(drain(1));
	return sn_test_mempool_empty(mp);
}

/* S6: the backlog polls up to its weight, splicing the whole input queue
 * onto the process queue; a new dev_weight applies at the next poll. */
static int
test_s6_backlog_weight_splice(void)
{
	struct sn_softnet_stat st;
	unsigned int i;

	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 200, 0), 200, "");
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 64, "weight 64");
	st = stat(1);
	TEST_ASSERT_EQUAL(st.processed, 64, "");
	TEST_ASSERT_EQUAL(st.input_qlen, 0, "all spliced");
	TEST_ASSERT_EQUAL(st.process_qlen, 136, "");
	TEST_ASSERT_EQUAL(st.time_squeeze, 0, "64 < budget 300");
	TEST_ASSERT_OK(set("dev_weight", "100"));
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 100, "new weight");
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 36, "the rest");
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 0, "backlog completed");
	for (i = 0; i < 200; i++)
		TEST_ASSERT_EQUAL(recs[1][i].seq, i, "order");
	return sn_test_mempool_empty(mp);
}

/* lo-ring ports as pollers' sources: n packets queued on each. */
static int
make_sources(unsigned int nports, unsigned int per_port, uint16_t *ports)
{
	struct rte_eth_conf conf;
	struct rte_mbuf *pkts[256];
	char name[32];
	unsigned int i;

	memset(&conf, 0, sizeof(conf));
	for (i = 0; i < nports; i++) {
		snprintf(name, sizeof(name), "net_loopback_src%u", i);
		TEST_ASSERT_OK(rte_vdev_init(name, "size=4096"));
		TEST_ASSERT_OK(rte_eth_dev_get_port_by_name(name, &ports[i]));
		TEST_ASSERT_OK(rte_eth_dev_configure(ports[i], 1, 1, &conf));
		TEST_ASSERT_OK(rte_eth_rx_queue_setup(ports[i], 0, 0, 0, NULL,
						      mp));
		TEST_ASSERT_OK(rte_eth_tx_queue_setup(ports[i], 0, 0, 0,
						      NULL));
		TEST_ASSERT_OK(rte_eth_dev_start(ports[i]));
		if (per_port != 0) {
			TEST_ASSERT_OK(mk(pkts, per_port, i, 0, ports[i]));
			rte_eth_tx_burst(ports[i], 0, pkts, per_port);
		}
	}
	return TEST_SUCCESS;
}

static int
remove_sources(unsigned int nports)
{
	char name[32];
	unsigned int i;

	for (i = 0; i < nports; i++) {
		snprintf(name, sizeof(name), "net_loopback_src%u", i);
		TEST_ASSERT_OK(rte_vdev_uninit(name));
	}
	return TEST_SUCCESS;
}

/* S8: one pass polls each poller once until 300 packets or the time
 * limit; running out counts time_squeeze and the next pass resumes with
 * the poller that was not reached. */
static int
test_s8_budget_time_squeeze(void)
{
	uint16_t ports[6];
	unsigned int i;

	TEST_ASSERT_OK(make_sources(6, 100, ports));
	for (i = 0; i < 6; i++)
		TEST_ASSERT_OK(sn_softnet_add_rxq(1, ports[i], 0));
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 5 * 64, "5 polls of 64");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 1, "budget 300 ran out");
	TEST_ASSERT_EQUAL(recs[1][5 * 64 - 1].flow, 4, "5th port last");
	/* resumes at the 6th port, then 1st..: 64+36*5 = 244 < 300 */
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 64 + 5 * 36, "");
	TEST_ASSERT_EQUAL(recs[1][5 * 64].flow, 5, "6th port first");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 1, "");
	/* 36 left on port 5: all done, no squeeze */
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 36, "");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 1, "");
	/* an empty pass is not a squeeze, even with a zero time budget
	 * (Linux counts one only after a napi that was scheduled, i.e.
	 * had work); with work it is */
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 0, "");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 1, "");
	TEST_ASSERT_OK(set("budget_usecs", "0"));
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 0, "");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 1, "idle: no squeeze");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 10, 0), 10, "");
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 10, "");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 2, "time limit after work");
	TEST_ASSERT_EQUAL(stat(1).processed, 610, "");

	/* a time limit that runs out: its clock starts at the end of the
	 * first poll with work, so the second one squeezes, and the next
	 * pass resumes with the third poller */
	for (i = 0; i < 3; i++) {
		struct rte_mbuf *pkts[10];

		TEST_ASSERT_OK(mk(pkts, 10, 10 + i, 0, ports[i]));
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(ports[i], 0, pkts, 10), 10,
				  "");
	}
	TEST_ASSERT_OK(set("budget_usecs", "1"));
	deliver_spin_us = 5;	/* a poll of 10 takes 50 us */
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 20, "two polls");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 3, "out of time");
	TEST_ASSERT_EQUAL(recs[1][610].flow, 10, "");
	TEST_ASSERT_EQUAL(recs[1][629].flow, 11, "");
	TEST_ASSERT_EQUAL(sn_softnet_rx_action(1), 10, "the third");
	TEST_ASSERT_EQUAL(recs[1][630].flow, 12, "resumed there");
	TEST_ASSERT_EQUAL(stat(1).time_squeeze, 3, "one busy poll: no limit");
	deliver_spin_us = 0;
	TEST_ASSERT_EQUAL(stat(1).processed, 640, "");
	TEST_ASSERT_OK(remove_sources(6));
	return sn_test_mempool_empty(mp);
}

/* S10: RPS spreads flows over the map's lcores, keeps each flow on one
 * lcore in order, and received_rps counts wake-ups, not packets. */
static int
test_s10_rps_spread_order(void)
{
	unsigned int lc[2] = { 1, 2 }, i, l, f;
	struct rte_mbuf *pkts[32];
	uint16_t port;
	uint32_t last[64];
	int owner[64];
	bool seen[64];

	/* wake-ups: two bursts before the target runs are one wake-up */
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 10, 0), 10, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 10, 10, 0), 10, "");
	sn_softnet_rx_action(1);
	TEST_ASSERT_EQUAL(stat(1).received_rps, 1, "one wake-up");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 20, 10, 0), 10, "");
	sn_softnet_rx_action(1);
	TEST_ASSERT_EQUAL(stat(1).received_rps, 2, "");
	TEST_ASSERT_EQUAL(rx_send(1, 1, 1, 30, 10, 0), 10, "");
	sn_softnet_rx_action(1);
	TEST_ASSERT_EQUAL(stat(1).received_rps, 2, "local: no IPI");
	memset(nrec, 0, sizeof(nrec));

	/* spread: lcore 0 polls the port, RPS map {1, 2}, loops on both */
	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(0, port, 0));
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, lc, 2));
	TEST_ASSERT_OK(set("max_backlog", "60000"));
	TEST_ASSERT_OK(sn_softnet_launch(1));
	TEST_ASSERT_OK(sn_softnet_launch(2));
	for (i = 0; i < 100; i++) {	/* 100 rounds of 64 flows x 1 */
		for (f = 0; f < 64; f += 32) {
			unsigned int k;

			for (k = 0; k < 32; k++)
				TEST_ASSERT_OK(mk(&pkts[k], 1, f + k, i, port));
			TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32),
					  32, "");
		}
		while (sn_softnet_rx_action(0) != 0)
			;
	}
	while (nrec[1] + nrec[2] < 6400)
		rte_pause();
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();

	TEST_ASSERT(nrec[1] > 0 && nrec[2] > 0, "spread: %u and %u",
		    nrec[1], nrec[2]);
	memset(seen, 0, sizeof(seen));
	for (l = 1; l <= 2; l++) {
		for (i = 0; i < nrec[l]; i++) {
			f = recs[l][i].flow;
			if (!seen[f]) {
				seen[f] = true;
				owner[f] = l;
				last[f] = recs[l][i].seq;
				TEST_ASSERT_EQUAL(last[f], 0, "flow %u", f);
				continue;
			}
			TEST_ASSERT_EQUAL(owner[f], l, "flow %u on one lcore",
					  f);
			TEST_ASSERT_EQUAL(recs[l][i].seq, last[f] + 1,
					  "flow %u in order", f);
			last[f] = recs[l][i].seq;
		}
	}
	for (f = 0; f < 64; f++)
		TEST_ASSERT(seen[f] && last[f] == 99, "flow %u complete", f);
	/* a wake-up is the owner finding work it had not scheduled: at
	 * most one per burst enqueued to it (a pass enqueues 2 bursts, and
	 * an owner may drain the first before the second comes), never one
	 * per packet (6,400) */
	TEST_ASSERT(stat(1).received_rps + stat(2).received_rps <= 400,
		    "at most one wake-up per lcore per burst: %" PRIu64,
		    stat(1).received_rps + stat(2).received_rps);
	TEST_ASSERT(stat(1).received_rps > 0 && stat(2).received_rps > 0,
		    "each lcore was woken: %" PRIu64 " and %" PRIu64,
		    stat(1).received_rps, stat(2).received_rps);
	TEST_ASSERT_EQUAL(stat(1).dropped + stat(2).dropped, 0, "");
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* n packets of one flow with the NIC's RSS hash h, sent into port and
 * polled once by lcore 0. */
static int
poll_hashed(uint16_t port, unsigned int n, uint32_t h)
{
	struct rte_mbuf *pkts[8];
	unsigned int i;

	TEST_ASSERT(n <= RTE_DIM(pkts), "");
	TEST_ASSERT_OK(mk(pkts, n, 1, 0, port));
	for (i = 0; i < n; i++) {
		pkts[i]->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
		pkts[i]->hash.rss = h;
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, n), n, "");
	sn_softnet_rx_action(0);
	return TEST_SUCCESS;
}

/* S10 + S4: the NIC's RSS hash picks the target (map[(hash * len) >> 32]),
 * an offline target keeps the packet local, and a packet the target's
 * backlog refuses is counted on the target and on the ingress port. */
static int
test_s10_rss_hash_and_port_drops(void)
{
	unsigned int lc[2] = { 1, 2 };
	struct rte_mbuf *pkts[8];
	uint16_t port;
	unsigned int i;

	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(0, port, 0));
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, lc, 2));
	TEST_ASSERT_OK(mk(pkts, 8, 1, 0, port));
	for (i = 0; i < 8; i++) {
		pkts[i]->ol_flags |= RTE_MBUF_F_RX_RSS_HASH;
		/* low half of the hash space -> lc[0], high half -> lc[1] */
		pkts[i]->hash.rss = i < 5 ? 0x10000000 : 0xf0000000;
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 8), 8, "");
	sn_softnet_rx_action(0);
	TEST_ASSERT_EQUAL(stat(1).input_qlen, 5, "RSS hash -> lcore 1");
	TEST_ASSERT_EQUAL(stat(2).input_qlen, 3, "RSS hash -> lcore 2");
	TEST_ASSERT_EQUAL(stat(0).processed, 0, "");

	/* a full target: dropped there and on the port */
	TEST_ASSERT_OK(set("max_backlog", "5"));
	TEST_ASSERT_OK(poll_hashed(port, 8, 0xf0000000));
	TEST_ASSERT_EQUAL(stat(2).input_qlen, 6, "up to max_backlog + 1");
	TEST_ASSERT_EQUAL(stat(2).dropped, 5, "");
	TEST_ASSERT_EQUAL(sn_softnet_port_dropped(port), 5, "ingress port");

	/* an RSS hash of 0 is no hash: processed where polled */
	TEST_ASSERT_OK(drain(2));
	TEST_ASSERT_OK(poll_hashed(port, 4, 0));
	TEST_ASSERT_EQUAL(stat(0).processed, 4, "hash 0: local");
	TEST_ASSERT_EQUAL(stat(1).input_qlen, 5, "none to lcore 1");

	/* an offline target: processed where polled (get_rps_cpu -1) */
	TEST_ASSERT_OK(drain(2));
	TEST_ASSERT_OK(sn_softnet_lcore_stop(2, NULL, NULL));
	TEST_ASSERT_OK(poll_hashed(port, 4, 0xf0000000));
	TEST_ASSERT_EQUAL(stat(0).processed, 8, "local");
	TEST_ASSERT_OK(drain(1));
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* S10: the software hash leaves the ports out of every fragment, the
 * first one too (the flow dissector without FLOW_DISSECTOR_F_PARSE_1ST_
 * FRAG), so RPS keeps a datagram's fragments on one lcore. */
static int
test_s10_fragments_one_lcore(void)
{
	unsigned int lc[2] = { 1, 2 }, i, l, k;
	struct rte_mbuf *pkts[32];
	int where[16][2];
	uint16_t port;

	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(0, port, 0));
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, lc, 2));
	memset(nrec, 0, sizeof(nrec));
	/* 16 datagrams (UDP source port i): a first fragment (MF, offset
	 * 0, the UDP header), then a last one (offset 8 x 8 bytes, whose
	 * bytes there are data, not ports) */
	TEST_ASSERT_OK(mk(pkts, 32, 0, 0, port));
	for (i = 0; i < 32; i++) {
		uint8_t *p = rte_pktmbuf_mtod(pkts[i], uint8_t *);
		uint16_t flow = (uint16_t)(i / 2), seq = (uint16_t)(i % 2);
		struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(p + 14);

		ip->fragment_offset = rte_cpu_to_be_16(seq == 0 ?
			RTE_IPV4_HDR_MF_FLAG : 8);
		if (seq == 0)
			*(uint16_t *)(p + 34) = rte_cpu_to_be_16(1000 + flow);
		else
			memset(p + 34, 0x55 + flow, 4);
		memcpy(p + 42, &flow, 2);
		memcpy(p + 44, &(uint32_t){ seq }, 4);
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32), 32, "");
	sn_softnet_rx_action(0);
	TEST_ASSERT_EQUAL(stat(0).processed, 0, "all steered");
	sn_softnet_rx_action(1);
	sn_softnet_rx_action(2);
	TEST_ASSERT_EQUAL(nrec[1] + nrec[2], 32, "");
	memset(where, -1, sizeof(where));
	for (l = 1; l <= 2; l++)
		for (k = 0; k < nrec[l]; k++)
			where[recs[l][k].flow][recs[l][k].seq] = (int)l;
	for (i = 0; i < 16; i++)
		TEST_ASSERT(where[i][0] == where[i][1] && where[i][0] > 0,
			    "datagram %u: fragments on lcores %d and %d", i,
			    where[i][0], where[i][1]);
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* S11: flushing a port frees its packets from every queue, counts no
 * drop, and leaves the others in order. */
static int
test_s11_flush_port(void)
{
	unsigned int i;

	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 100, 5), 100, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 2, 0, 100, 6), 100, "");
	TEST_ASSERT_OK(set("dev_weight", "10"));
	sn_softnet_rx_action(1);	/* 10 processed, 190 in process q */
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 100, 50, 5), 50, "");
	TEST_ASSERT_EQUAL(rx_send(0, 2, 1, 0, 30, 5), 30, "other lcore");
	TEST_ASSERT_EQUAL(rx_send(0, 2, 2, 0, 30, 6), 30, "");
	TEST_ASSERT_OK(sn_softnet_flush_port(5));
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 100 + 30,
			  "only port 6's left");
	TEST_ASSERT_EQUAL(stat(1).dropped + stat(2).dropped, 0, "no drop");
	TEST_ASSERT_OK(drain(1));
	TEST_ASSERT_OK(drain(2));
	for (i = 10; i < nrec[1]; i++)
		TEST_ASSERT_EQUAL(recs[1][i].flow, 2, "");
	TEST_ASSERT_EQUAL(nrec[1], 10 + 100, "");
	TEST_ASSERT_EQUAL(recs[1][10].seq, 0, "port 6 in order");
	TEST_ASSERT_EQUAL(recs[1][nrec[1] - 1].seq, 99, "");

	/* a running loop flushes its own queues */
	memset(nrec, 0, sizeof(nrec));
	TEST_ASSERT_OK(set("dev_weight", "64"));
	deliver_spin_us = 20;
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 500, 5), 500, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 2, 0, 500, 6), 500, "");
	TEST_ASSERT_OK(sn_softnet_launch(1));
	rte_delay_us_block(2000);
	TEST_ASSERT_OK(sn_softnet_flush_port(5));
	deliver_spin_us = 0;
	while (stat(1).input_qlen + stat(1).process_qlen != 0)
		rte_pause();
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	TEST_ASSERT(nrec[1] < 1000, "some of port 5 flushed: %u", nrec[1]);
	TEST_ASSERT_EQUAL(stat(1).dropped, 0, "");
	return sn_test_mempool_empty(mp);
}

/* Whether `show softnet config` has the text want. */
static int
config_has(const char *want)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	bool found;

	TEST_ASSERT(f != NULL, "");
	sn_softnet_tunables_dump(f);
	fclose(f);
	found = strstr(text, want) != NULL;
	TEST_ASSERT(found, "no '%s' in:\n%s", want, text);
	free(text);
	return TEST_SUCCESS;
}

/* Whether `show softnet config` has port's queue polled by lcore. */
static int
rxq_on(uint16_t port, uint16_t queue, unsigned int lcore)
{
	char want[64];

	snprintf(want, sizeof(want), "rxq port %u queue %u lcore %u ", port,
		 queue, lcore);
	return config_has(want);
}

/* S12: stopping an lcore moves its pollers and re-injects its process
 * queue, then its input queue, through netif_rx: nothing is lost. */
static int
test_s12_lcore_stop_zero_loss(void)
{
	unsigned int moved = 99, dropped = 99, i, k;
	uint16_t port;
	char text[4096];

	TEST_ASSERT_OK(make_sources(1, 100, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(1, port, 0));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 300, 0), 300, "");
	TEST_ASSERT_OK(set("dev_weight", "50"));
	/* 50 from the port poller's... the pass polls the port (64) and
	 * the backlog (50): the rest stays */
	sn_softnet_rx_action(1);
	TEST_ASSERT_EQUAL(stat(1).processed, 64 + 50, "");
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 300, 100, 0), 100, "");
	TEST_ASSERT_EQUAL(stat(1).process_qlen, 250, "");
	TEST_ASSERT_EQUAL(stat(1).input_qlen, 100, "");

	TEST_ASSERT_OK(sn_softnet_lcore_stop(1, &moved, &dropped));
	TEST_ASSERT_EQUAL(moved, 350, "");
	TEST_ASSERT_EQUAL(dropped, 0, "");
	TEST_ASSERT(!sn_softnet_lcore_online(1), "");
	TEST_ASSERT_EQUAL(sn_softnet_lcore_stop(1, NULL, NULL), -EALREADY, "");
	sn_softnet_stat_text(text, sizeof(text));
	TEST_ASSERT(strstr(text, "00000001\n") == NULL, "lcore 1 not shown");

	/* lcore 0 got them all, in order, and lcore 1's port poller */
	TEST_ASSERT_EQUAL(stat(0).input_qlen, 350, "");
	TEST_ASSERT_OK(drain(0));
	while (sn_softnet_rx_action(0) != 0)
		;
	TEST_ASSERT_EQUAL(nrec[0], 350 + 36, "backlog and the port's rest");
	for (i = 0, k = 0; i < nrec[0]; i++) {
		if (recs[0][i].flow != 1)
			continue;	/* the port's own packets */
		TEST_ASSERT_EQUAL(recs[0][i].seq, 50 + k, "order kept");
		k++;
	}
	TEST_ASSERT_EQUAL(k, 350, "");

	/* limits apply on re-injection: drops are counted, not silent */
	TEST_ASSERT_EQUAL(sn_softnet_launch(1), -ENODEV, "offline: no loop");
	TEST_ASSERT_OK(sn_softnet_lcore_start(1));
	/* its port's rx queue comes back with it (it stayed on lcore 0) */
	TEST_ASSERT_OK(rxq_on(port, 0, 1));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 100, 0), 100, "");
	TEST_ASSERT_OK(set("max_backlog", "9"));
	TEST_ASSERT_OK(sn_softnet_lcore_stop(1, &moved, &dropped));
	TEST_ASSERT_EQUAL(moved, 100, "");
	TEST_ASSERT_EQUAL(dropped, 90, "");
	TEST_ASSERT_EQUAL(stat(0).dropped, 90, "on the survivor");
	TEST_ASSERT_OK(drain(0));
	TEST_ASSERT_OK(sn_softnet_lcore_stop(2, NULL, NULL));
	TEST_ASSERT_EQUAL(sn_softnet_lcore_stop(0, NULL, NULL), -EBUSY,
			  "the last online lcore stays");
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* S12 with the loop running and traffic flowing into it. */
static int
test_s12_stop_running_loop(void)
{
	unsigned int moved = 0, dropped = 0, sent = 0;

	TEST_ASSERT_OK(set("max_backlog", "20000"));
	deliver_spin_us = 5;
	TEST_ASSERT_OK(sn_softnet_launch(1));
	while (sent < 4000)
		sent += rx_send(0, 1, 1, sent, 200, 0);
	TEST_ASSERT_OK(sn_softnet_lcore_stop(1, &moved, &dropped));
	deliver_spin_us = 0;
	rte_eal_mp_wait_lcore();
	TEST_ASSERT(moved > 0, "packets were queued");
	TEST_ASSERT_EQUAL(dropped, 0, "");
	TEST_ASSERT_OK(drain(0));
	TEST_ASSERT_EQUAL(nrec[0] + nrec[1], sent, "0 loss");
	/* it had a loop: starting it launches the loop again */
	TEST_ASSERT_OK(sn_softnet_lcore_start(1));
	TEST_ASSERT_EQUAL(rte_eal_get_lcore_state(1), RUNNING, "");
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	/* after a quit there is no loop to resume: stop and start it */
	TEST_ASSERT_OK(sn_softnet_lcore_stop(1, NULL, NULL));
	TEST_ASSERT_OK(sn_softnet_lcore_start(1));
	TEST_ASSERT(rte_eal_get_lcore_state(1) != RUNNING, "no loop");
	return sn_test_mempool_empty(mp);
}

/* S13: /proc/net/softnet_stat's exact text, and the same as JSON. */
static int
test_s13_softnet_stat_text(void)
{
	char text[4096], json[4096];
	char err[256];

	TEST_ASSERT_OK(set("max_backlog", "3"));
	TEST_ASSERT_EQUAL(rx_send(0, 1, 1, 0, 6, 0), 4, "");	/* 2 drops */
	TEST_ASSERT_OK(set("dev_weight", "2"));
	sn_softnet_rx_action(1);	/* processed 2, 2 in process queue */
	TEST_ASSERT_OK(sn_softnet_tunable_set("flow_limit_cpu_bitmap",
					      "0x1", err, sizeof(err)));
	sn_softnet_stat_text(text, sizeof(text));
	TEST_ASSERT(strcmp(text,
		"00000000 00000000 00000000 00000000 00000000 00000000 "
		"00000000 00000000 00000000 00000000 00000000 00000000 "
		"00000000\n"
		"00000002 00000002 00000000 00000000 00000000 00000000 "
		"00000000 00000000 00000000 00000001 00000000 00000002 "
		"00000001\n"
		"00000000 00000000 00000000 00000000 00000000 00000000 "
		"00000000 00000000 00000000 00000000 00000000 00000000 "
		"00000002\n") == 0, "got:\n%s", text);
	sn_softnet_stat_json(json, sizeof(json));
	TEST_ASSERT(strstr(json, "{\"lcore\":1,\"processed\":2,\"dropped\":2,"
			   "\"time_squeeze\":0,\"received_rps\":1,"
			   "\"flow_limit_count\":0,\"backlog_len\":2,") != NULL,
		    "got %s", json);
	TEST_ASSERT_OK(drain(1));
	return sn_test_mempool_empty(mp);
}

static int
expect_refused(const char *name, const char *value, const char *want)
{
	char err[256] = "";
	int ret = sn_softnet_tunable_set(name, value, err, sizeof(err));

	printf("  %s=%s: %d %s\n", name, value, ret, err);
	TEST_ASSERT(ret < 0, "%s=%s accepted", name, value);
	TEST_ASSERT(strstr(err, want) != NULL, "'%s' lacks '%s'", err, want);
	return TEST_SUCCESS;
}

static int
test_tunables_checked(void)
{
	char arg[32];
	uint16_t port;

	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("max_backlog"), 1000, "");
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("budget"), 300, "");
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("budget_usecs"), 2000, "");
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("dev_weight"), 64, "");
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("flow_limit_table_len"),
			  4096, "");
	TEST_ASSERT_OK(expect_refused("max_backlog", "70000",
		"max_backlog must be an integer in [0, 65535], not '70000'"));
	TEST_ASSERT_OK(expect_refused("budget", "0", "budget must be"));
	TEST_ASSERT_OK(expect_refused("budget", "-5", "not '-5'"));
	TEST_ASSERT_OK(expect_refused("dev_weight", "64k", "dev_weight must"));
	TEST_ASSERT_OK(expect_refused("flow_limit_table_len", "1000",
				      "must be a power of 2"));
	TEST_ASSERT_OK(expect_refused("flow_limit_cpu_bitmap", "0,9",
				      "lcore 9 has no softnet"));
	TEST_ASSERT_OK(expect_refused("flow_limit_cpu_bitmap", "1-x",
				      "bad lcore list"));
	/* on for lcores 1 and 2, then off by each spelling of none */
	TEST_ASSERT_OK(set("flow_limit_cpu_bitmap", "1-2"));
	TEST_ASSERT_OK(config_has("\nflow_limit_cpu_bitmap 1 2\n"));
	TEST_ASSERT_OK(set("flow_limit_cpu_bitmap", "none"));
	TEST_ASSERT_OK(config_has("\nflow_limit_cpu_bitmap\n"));
	TEST_ASSERT_OK(set("flow_limit_cpu_bitmap", "0x6"));
	TEST_ASSERT_OK(config_has("\nflow_limit_cpu_bitmap 1 2\n"));
	TEST_ASSERT_OK(set("flow_limit_cpu_bitmap", "0x0"));
	TEST_ASSERT_OK(config_has("\nflow_limit_cpu_bitmap\n"));
	TEST_ASSERT_OK(expect_refused("rps_cpus", "0", "PORT QUEUE"));
	TEST_ASSERT_OK(expect_refused("rps_cpus", "7 0 1",
				      "port 7 queue 0 is not polled"));
	TEST_ASSERT_OK(expect_refused("netdev_backlog", "1",
				      "unknown tunable"));
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("max_backlog"), 1000,
			  "unchanged");
	/* the sysctl spellings name the same tunables */
	TEST_ASSERT_OK(set("net.core.netdev_max_backlog", "900"));
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("max_backlog"), 900, "");
	TEST_ASSERT_OK(set("netdev_budget", "200"));
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("net.core.netdev_budget"),
			  200, "");
	TEST_ASSERT_OK(expect_refused("net.core.netdev_budget_usecs", "x",
				      "must be an integer"));
	TEST_ASSERT_OK(set("max_backlog", "1000"));
	TEST_ASSERT_OK(set("budget", "300"));
	TEST_ASSERT_OK(set("flow_limit_table_len", "8192"));
	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(2, port, 0));
	snprintf(arg, sizeof(arg), "%u 0 1-2", port);
	TEST_ASSERT_OK(set("rps_cpus", arg));
	snprintf(arg, sizeof(arg), "%u 0", port);
	TEST_ASSERT_OK(set("rps_cpus", arg));
	TEST_ASSERT_EQUAL(sn_softnet_add_rxq(1, port, 0), -EEXIST, "");
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* L1 + S4: lo in softnet mode feeds lcore q's backlog; a backlog drop is
 * not in lo's packets/bytes, only in sd->dropped and lo's rx_dropped. */
static int
test_lo_feeds_backlog(void)
{
	struct rte_eth_conf conf;
	struct rte_eth_stats st;
	struct rte_mbuf *pkts[32];
	uint16_t lo, q;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_OK(rte_vdev_init("net_loopback_sn", "queues=3"));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name("net_loopback_sn", &lo));
	TEST_ASSERT_OK(rte_eth_dev_configure(lo, 3, 3, &conf));
	for (q = 0; q < 3; q++) {
		TEST_ASSERT_OK(rte_eth_rx_queue_setup(lo, q, 0, 0, NULL, mp));
		TEST_ASSERT_OK(rte_eth_tx_queue_setup(lo, q, 0, 0, NULL));
	}
	TEST_ASSERT_OK(sn_eth_loopback_set_input(lo, sn_softnet_lo_input,
						 NULL));
	TEST_ASSERT_OK(rte_eth_dev_start(lo));
	TEST_ASSERT_EQUAL(sn_eth_loopback_set_input(lo, NULL, NULL), -EBUSY,
			  "");
	TEST_ASSERT_OK(set("max_backlog", "19"));
	TEST_ASSERT_OK(mk(pkts, 32, 1, 0, 99));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(lo, 2, pkts, 32), 32, "");
	TEST_ASSERT_EQUAL(stat(2).input_qlen, 20, "lcore 2's backlog");
	TEST_ASSERT_EQUAL(stat(2).dropped, 12, "");
	TEST_ASSERT_OK(rte_eth_stats_get(lo, &st));
	TEST_ASSERT_EQUAL(st.opackets, 20, "");
	TEST_ASSERT_EQUAL(st.ipackets, 20, "");
	TEST_ASSERT_EQUAL(st.obytes, 20 * 64, "");
	TEST_ASSERT_EQUAL(st.imissed, 12, "lo's rx_dropped");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(lo, 2, pkts, 32), 0,
			  "nothing on lo's own ring");
	sn_softnet_rx_action(2);
	TEST_ASSERT_EQUAL(nrec[2], 20, "");
	/* mbuf->port is lo's now: a flush of lo takes what is queued */
	TEST_ASSERT_OK(mk(pkts, 5, 1, 0, 99));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(lo, 1, pkts, 5), 5, "");
	TEST_ASSERT_OK(rte_eth_dev_stop(lo));
	TEST_ASSERT_OK(sn_softnet_flush_port(lo));
	TEST_ASSERT_OK(rte_vdev_uninit("net_loopback_sn"));
	return sn_test_mempool_empty(mp);
}

/* What a worker lcore gets when it tries to configure while the main
 * lcore polls: each call returns here, for the main lcore to check. */
static uint16_t cfg_port;
static int cfg_ret[6];
static char cfg_err[128];

static int
configure_from_worker(void *arg __rte_unused)
{
	unsigned int main_lcore = rte_get_main_lcore();

	cfg_ret[0] = sn_softnet_set_rps(cfg_port, 0, &main_lcore, 1);
	cfg_ret[1] = sn_softnet_add_rxq(main_lcore, cfg_port, 1);
	cfg_ret[2] = sn_softnet_flush_port(cfg_port);
	cfg_ret[3] = sn_softnet_lcore_stop(main_lcore, NULL, NULL);
	cfg_ret[4] = sn_softnet_lcore_start(main_lcore);
	cfg_ret[5] = sn_softnet_tunable_set("max_backlog", "10",
					    cfg_err, sizeof(cfg_err));
	return 0;
}

/* S10 to the main lcore: refused while it runs no loop (softnet-pmd's
 * shell), taken when the program says its main lcore polls
 * (sn_softnet_conf.main_polls), and then drained by its own passes. */
static int
test_rps_main_lcore(void)
{
	struct sn_softnet_conf conf = { .deliver = test_deliver,
					.main_polls = 1 };
	unsigned int main_lcore = rte_get_main_lcore(), i;
	uint16_t port;

	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(main_lcore, port, 0));
	TEST_ASSERT_EQUAL(sn_softnet_set_rps(port, 0, &main_lcore, 1),
			  -EXDEV, "the main lcore runs no loop");

	sn_softnet_fini();
	TEST_ASSERT_OK(sn_softnet_init(&conf));
	TEST_ASSERT_OK(sn_softnet_add_rxq(main_lcore, port, 0));
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, &main_lcore, 1));
	for (i = 0; i < 4; i++) {
		struct rte_mbuf *pkts[32];

		TEST_ASSERT_OK(mk(pkts, 32, 7, i * 32, port));
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32), 32, "");
	}
	for (i = 0; i < 100 && nrec[main_lcore] < 128; i++)
		sn_softnet_rx_action(main_lcore);
	TEST_ASSERT_EQUAL(nrec[main_lcore], 128, "through its own backlog");
	for (i = 0; i < 128; i++)
		TEST_ASSERT_EQUAL(recs[main_lcore][i].seq, i, "in order");
	TEST_ASSERT_EQUAL(stat(main_lcore).processed, 128, "");
	TEST_ASSERT_EQUAL(stat(main_lcore).received_rps, 0, "local: no IPI");
	TEST_ASSERT_EQUAL(stat(main_lcore).dropped, 0, "");

	/* the main lcore's passes are no RCU reader's: no other thread
	 * may change what they read, and nothing changes */
	cfg_port = port;
	TEST_ASSERT_OK(rte_eal_remote_launch(configure_from_worker, NULL,
					     rte_get_next_lcore(-1, 1, 0)));
	rte_eal_mp_wait_lcore();
	for (i = 0; i < RTE_DIM(cfg_ret); i++)
		TEST_ASSERT_EQUAL(cfg_ret[i], -EPERM, "call %u from a worker "
				  "while the main lcore polls", i);
	TEST_ASSERT(strstr(cfg_err, "main lcore polls") != NULL, "%s",
		    cfg_err);
	TEST_ASSERT_EQUAL(sn_softnet_tunable_get("max_backlog"),
			  1000, "unchanged");
	TEST_ASSERT(stat(main_lcore).online, "still online");

	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(sn_softnet_flush_port(port));
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/*
 * skb->dev: a PMD that hands mbufs on as they were sent (net_loopback
 * used as a NIC here, net_ring) gets mbuf->port set by softnet; a queue
 * said to come with it set is passed on untouched (a PMD's or an rx
 * callback's job, as ethdev asks), inline and through RPS alike.
 */
/* 32 packets from seq, sent with a wrong port, polled by the main lcore
 * until the worker has delivered want in all. */
static int
send_steered(uint16_t port, uint32_t seq, unsigned int worker,
	     unsigned int want)
{
	struct rte_mbuf *pkts[32];
	unsigned int i;

	TEST_ASSERT_OK(mk(pkts, 32, 1, seq, port + 7));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32), 32, "");
	for (i = 0; i < 1000 && nrec[worker] < want; i++) {
		sn_softnet_rx_action(rte_get_main_lcore());
		rte_delay_us_block(100);
	}
	TEST_ASSERT_EQUAL(nrec[worker], want, "steered");
	return TEST_SUCCESS;
}

static int
test_rxq_port_set(void)
{
	unsigned int main_lcore = rte_get_main_lcore(), worker, i;
	struct rte_mbuf *pkts[32];
	uint16_t port;

	worker = rte_get_next_lcore(-1, 1, 0);
	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(main_lcore, port, 0));
	TEST_ASSERT_EQUAL(sn_softnet_rxq_port_set(port, 5, true), -ENOENT,
			  "not polled");

	/* sent with a port that is not theirs: fixed */
	TEST_ASSERT_OK(mk(pkts, 32, 1, 0, port + 7));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32), 32, "");
	sn_softnet_rx_action(main_lcore);
	TEST_ASSERT_EQUAL(nrec[main_lcore], 32, "");
	for (i = 0; i < 32; i++)
		TEST_ASSERT_EQUAL(recs[main_lcore][i].port, port, "fixed");

	/* said to be set: left as it comes, inline */
	TEST_ASSERT_OK(sn_softnet_rxq_port_set(port, 0, true));
	TEST_ASSERT_OK(mk(pkts, 32, 1, 32, port + 7));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 32), 32, "");
	sn_softnet_rx_action(main_lcore);
	TEST_ASSERT_EQUAL(nrec[main_lcore], 64, "");
	for (i = 32; i < 64; i++)
		TEST_ASSERT_EQUAL(recs[main_lcore][i].port, port + 7,
				  "untouched");

	/* and through RPS to another lcore, in order */
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, &worker, 1));
	TEST_ASSERT_OK(sn_softnet_launch(worker));
	TEST_ASSERT_OK(send_steered(port, 64, worker, 32));
	for (i = 0; i < 32; i++) {
		TEST_ASSERT_EQUAL(recs[worker][i].port, port + 7, "untouched");
		TEST_ASSERT_EQUAL(recs[worker][i].seq, 64 + i, "in order");
	}
	/* and fixed again when said not to be */
	TEST_ASSERT_OK(sn_softnet_rxq_port_set(port, 0, false));
	TEST_ASSERT_OK(send_steered(port, 96, worker, 64));
	for (i = 32; i < 64; i++)
		TEST_ASSERT_EQUAL(recs[worker][i].port, port, "fixed again");
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(sn_softnet_flush_port(port));
	TEST_ASSERT_OK(remove_sources(1));
	return sn_test_mempool_empty(mp);
}

/* napi_disable (sn_softnet_del_port) with a loop running: a port taken
 * out of the pollers can be stopped, flushed (S11), started and polled
 * again while traffic flows, again and again, and no mbuf is lost. */
static int
test_del_port_under_traffic(void)
{
	struct rte_mbuf *pkts[32];
	unsigned int i, k, n;
	uint16_t port;

	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(1, port, 0));
	TEST_ASSERT_OK(sn_softnet_launch(1));
	for (i = 0; i < 50; i++) {
		for (k = 0; k < 20; k++) {
			TEST_ASSERT_OK(mk(pkts, 32, 1, 0, port));
			n = rte_eth_tx_burst(port, 0, pkts, 32);
			if (n < 32)
				rte_pktmbuf_free_bulk(pkts + n, 32 - n);
		}
		TEST_ASSERT_OK(sn_softnet_del_port(port));
		TEST_ASSERT_OK(rte_eth_dev_stop(port));
		TEST_ASSERT_OK(sn_softnet_flush_port(port));
		TEST_ASSERT_OK(rte_eth_dev_start(port));
		TEST_ASSERT_OK(sn_softnet_add_rxq(1, port, 0));
	}
	TEST_ASSERT_OK(sn_softnet_del_port(port));
	TEST_ASSERT_OK(sn_softnet_del_port(port));	/* nothing left */
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(sn_softnet_flush_port(port));
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	TEST_ASSERT_OK(remove_sources(1));
	TEST_ASSERT(nrec[1] > 0, "traffic was delivered");
	return sn_test_mempool_empty(mp);
}

/* napi_disable that keeps the pollers (sn_softnet_pause_port) with a loop
 * running: once paused, no rx burst of the port is taken (its ethdev rx
 * count stands still while frames wait in its queue), its RPS map is kept,
 * and resumed it is polled again; a bad port number is refused, and no
 * mbuf is lost. */
static int
test_pause_port_under_traffic(void)
{
	struct rte_mbuf *pkts[32];
	struct sn_softnet_stat st;
	unsigned int i, k, n, worker = 1;
	uint64_t before;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	uint16_t port;

	TEST_ASSERT_OK(make_sources(1, 0, &port));
	TEST_ASSERT_OK(sn_softnet_add_rxq(1, port, 0));
	TEST_ASSERT_OK(sn_softnet_set_rps(port, 0, &worker, 1));
	TEST_ASSERT_OK(sn_softnet_launch(1));
	TEST_ASSERT_EQUAL(sn_softnet_pause_port(RTE_MAX_ETHPORTS, true),
			  -EINVAL, "no such port number");
	for (i = 0; i < 30; i++) {
		for (k = 0; k < 10; k++) {
			TEST_ASSERT_OK(mk(pkts, 32, 1, 0, port));
			n = rte_eth_tx_burst(port, 0, pkts, 32);
			if (n < 32)
				rte_pktmbuf_free_bulk(pkts + n, 32 - n);
		}
		TEST_ASSERT_OK(sn_softnet_pause_port(port, true));
		TEST_ASSERT(sn_softnet_port_paused(port), "paused");
		/* what was taken before is processed; then nothing more */
		rte_delay_us_sleep(3000);
		TEST_ASSERT_OK(sn_softnet_stat_get(1, &st));
		before = st.processed;
		TEST_ASSERT_OK(mk(pkts, 32, 1, 0, port));
		n = rte_eth_tx_burst(port, 0, pkts, 32);
		if (n < 32)
			rte_pktmbuf_free_bulk(pkts + n, 32 - n);
		rte_delay_us_sleep(3000);
		TEST_ASSERT_OK(sn_softnet_stat_get(1, &st));
		TEST_ASSERT_EQUAL(st.processed, before, "no rx burst while "
				  "paused (round %u)", i);
		TEST_ASSERT_OK(sn_softnet_pause_port(port, false));
		TEST_ASSERT(!sn_softnet_port_paused(port), "resumed");
	}
	rte_delay_us_sleep(3000);
	TEST_ASSERT_OK(sn_softnet_stat_get(1, &st));
	TEST_ASSERT(st.processed > before, "polled again once resumed");
	f = open_memstream(&text, &len);
	TEST_ASSERT(f != NULL, "open_memstream");
	sn_softnet_tunables_dump(f);
	fclose(f);
	TEST_ASSERT(strstr(text, "rps_cpus 1\n") != NULL, "the RPS map kept: "
		    "%s", text);
	free(text);
	TEST_ASSERT_OK(sn_softnet_pause_port(port, true));
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(sn_softnet_flush_port(port));
	TEST_ASSERT_OK(sn_softnet_del_port(port));
	TEST_ASSERT_OK(sn_softnet_pause_port(port, false));
	sn_softnet_quit();
	rte_eal_mp_wait_lcore();
	TEST_ASSERT_OK(remove_sources(1));
	TEST_ASSERT(nrec[1] > 0, "traffic was delivered");
	return sn_test_mempool_empty(mp);
}

static const struct sn_test_case cases[] = {
	{ "del_port_under_traffic", test_del_port_under_traffic },
	{ "pause_port_under_traffic", test_pause_port_under_traffic },
	{ "s4_enqueue_limit", test_s4_enqueue_limit },
	{ "s5_flow_limit_heavy_flow", test_s5_flow_limit_heavy_flow },
	{ "s6_backlog_weight_splice", test_s6_backlog_weight_splice },
	{ "s8_budget_time_squeeze", test_s8_budget_time_squeeze },
	{ "s10_rps_spread_order", test_s10_rps_spread_order },
	{ "s10_rss_hash_and_port_drops", test_s10_rss_hash_and_port_drops },
	{ "s10_fragments_one_lcore", test_s10_fragments_one_lcore },
	{ "s11_flush_port", test_s11_flush_port },
	{ "s12_lcore_stop_zero_loss", test_s12_lcore_stop_zero_loss },
	{ "s12_stop_running_loop", test_s12_stop_running_loop },
	{ "s13_softnet_stat_text", test_s13_softnet_stat_text },
	{ "tunables_checked", test_tunables_checked },
	{ "lo_feeds_backlog", test_lo_feeds_backlog },
	{ "rps_main_lcore", test_rps_main_lcore },
	{ "rxq_port_set", test_rxq_port_set },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return sn_test_main(argc, argv, cases, setup, teardown);
}
