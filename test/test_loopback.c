/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* net_loopback through the ethdev API only, as any application sees it. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#include "sn_test.h"

#define NB_MBUF 4096
#define LO_NAME "net_loopback_t0"

static struct rte_mempool *mp;

static int
setup(void)
{
	mp = rte_pktmbuf_pool_create("test_lo_pool", NB_MBUF, 32, 0,
				     RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT(mp != NULL, "mempool: %s", rte_strerror(rte_errno));
	return TEST_SUCCESS;
}

static void
teardown(void)
{
	rte_mempool_free(mp);
	mp = NULL;
}

/* Create a loopback port with nb_q queues each way, and set up queues
 * 0..nb_set-1 of them both ways; not started. */
static int
lo_configure(const char *args, uint16_t nb_q, uint16_t nb_set,
	     uint16_t *port)
{
	struct rte_eth_conf conf;
	uint16_t q;
	int ret;

	ret = rte_vdev_init(LO_NAME, args);
	if (ret != 0)
		return ret;
	ret = rte_eth_dev_get_port_by_name(LO_NAME, port);
	if (ret != 0)
		return ret;
	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_configure(*port, nb_q, nb_q, &conf);
	if (ret != 0)
		return ret;
	for (q = 0; q < nb_set; q++) {
		ret = rte_eth_rx_queue_setup(*port, q, 0, rte_socket_id(),
					     NULL, mp);
		if (ret != 0)
			return ret;
		ret = rte_eth_tx_queue_setup(*port, q, 0, rte_socket_id(),
					     NULL);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* Create, configure with nb_q queues and start a loopback port. */
static int
lo_open(const char *args, uint16_t nb_q, uint16_t *port)
{
	int ret = lo_configure(args, nb_q, nb_q, port);

	return ret != 0 ? ret : rte_eth_dev_start(*port);
}

static int
lo_close(void)
{
	int ret = rte_vdev_uninit(LO_NAME);

	if (ret != 0)
		return ret;
	return sn_test_mempool_empty(mp);
}

/* n packets of len bytes, the first data byte holds the sequence number. */
static int
alloc_pkts(struct rte_mbuf **pkts, unsigned int n, uint16_t len)
{
	unsigned int i;

	if (rte_pktmbuf_alloc_bulk(mp, pkts, n) != 0)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		char *p = rte_pktmbuf_append(pkts[i], len);

		memset(p, 0, len);
		p[0] = (char)i;
	}
	return 0;
}

static uint64_t
xstat(uint16_t port, const char *name)
{
	uint64_t id, v;

	if (rte_eth_xstats_get_id_by_name(port, name, &id) != 0)
		return UINT64_MAX;
	if (rte_eth_xstats_get_by_id(port, &id, &v, 1) != 1)
		return UINT64_MAX;
	return v;
}

static int
test_tx_rx_same_mbufs_in_order(void)
{
	struct rte_mbuf *tx[32], *rx[64];
	struct rte_eth_stats st;
	uint16_t port, n, i;

	TEST_ASSERT_OK(lo_open("", 1, &port));
	TEST_ASSERT_OK(alloc_pkts(tx, 32, 60));
	n = rte_eth_tx_burst(port, 0, tx, 32);
	TEST_ASSERT_EQUAL(n, 32, "tx");
	n = rte_eth_rx_burst(port, 0, rx, 64);
	TEST_ASSERT_EQUAL(n, 32, "rx");
	for (i = 0; i < n; i++) {
		TEST_ASSERT(rx[i] == tx[i], "mbuf %u differs", i);
		TEST_ASSERT_EQUAL(*rte_pktmbuf_mtod(rx[i], uint8_t *), i,
				  "order");
	}
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, rx, 64), 0, "empty");
	rte_pktmbuf_free_bulk(rx, n);

	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ipackets, 32, "");
	TEST_ASSERT_EQUAL(st.opackets, 32, "");
	TEST_ASSERT_EQUAL(st.ibytes, 32 * 60, "");
	TEST_ASSERT_EQUAL(st.obytes, 32 * 60, "");
	TEST_ASSERT_EQUAL(st.imissed, 0, "");
	return lo_close();
}

static int
test_queues_are_isolated(void)
{
	struct rte_mbuf *tx[8], *rx[16];
	struct rte_eth_stats st;
	uint16_t port, q;

	TEST_ASSERT_OK(lo_open("queues=4", 4, &port));
	TEST_ASSERT_OK(alloc_pkts(tx, 8, 100));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 2, tx, 5), 5, "");
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 3, tx + 5, 3), 3, "");
	for (q = 0; q < 2; q++)
		TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, q, rx, 16), 0,
				  "queue %u", q);
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.q_ipackets[2], 5, "");
	TEST_ASSERT_EQUAL(st.q_opackets[3], 3, "");
	TEST_ASSERT_EQUAL(st.q_ibytes[2], 500, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q2_queued"), 5, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q3_packets"), 3, "");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 3, rx, 16), 3, "");
	TEST_ASSERT(rx[0] == tx[5], "queue 3 got queue 3's packets");
	rte_pktmbuf_free_bulk(rx, 3);
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 2, rx, 16), 5, "");
	TEST_ASSERT(rx[0] == tx[0], "queue 2 got queue 2's packets");
	rte_pktmbuf_free_bulk(rx, 5);
	return lo_close();
}

static int
test_ring_full_drops_counted(void)
{
	struct rte_mbuf *tx[100], *rx[128];
	struct rte_eth_stats st;
	uint16_t port, n;

	TEST_ASSERT_OK(lo_open("size=64", 1, &port));
	TEST_ASSERT_OK(alloc_pkts(tx, 100, 64));
	/* lo's xmit never refuses: all are consumed, 36 dropped. */
	n = rte_eth_tx_burst(port, 0, tx, 100);
	TEST_ASSERT_EQUAL(n, 100, "tx always consumes the burst");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 64,
			  "dropped mbufs are freed by the PMD");
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.opackets, 64, "drops are not transmitted");
	TEST_ASSERT_EQUAL(st.ipackets, 64, "");
	TEST_ASSERT_EQUAL(st.obytes, 64 * 64, "");
	TEST_ASSERT_EQUAL(st.imissed, 36, "");
	TEST_ASSERT_EQUAL(st.oerrors, 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_dropped"), 36, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q0_dropped"), 36, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_missed_errors"), 36, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q0_queued"), 64, "");

	/* The ring is exactly 64 deep: one more now is one more drop. */
	TEST_ASSERT_OK(alloc_pkts(tx, 1, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 1), 1, "");
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.imissed, 37, "");
	n = rte_eth_rx_burst(port, 0, rx, 128);
	TEST_ASSERT_EQUAL(n, 64, "");
	rte_pktmbuf_free_bulk(rx, n);
	return lo_close();
}

static int
test_stats_and_xstats_reset(void)
{
	struct rte_mbuf *tx[80], *rx[80];
	struct rte_eth_stats st;
	uint16_t port, n;

	TEST_ASSERT_OK(lo_open("size=64", 1, &port));
	TEST_ASSERT_OK(alloc_pkts(tx, 80, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 80), 80, "");
	TEST_ASSERT_OK(rte_eth_stats_reset(port));
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ipackets + st.opackets + st.ibytes + st.obytes +
			  st.imissed + st.q_ipackets[0], 0, "after reset");
	TEST_ASSERT_EQUAL(xstat(port, "rx_dropped"), 0, "");
	/* A gauge is not a counter: what is queued stays visible. */
	TEST_ASSERT_EQUAL(xstat(port, "rx_q0_queued"), 64, "");

	n = rte_eth_rx_burst(port, 0, rx, 80);
	rte_pktmbuf_free_bulk(rx, n);
	TEST_ASSERT_OK(alloc_pkts(tx, 70, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 70), 70, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_dropped"), 6, "counts again");
	TEST_ASSERT_OK(rte_eth_xstats_reset(port));
	TEST_ASSERT_EQUAL(xstat(port, "rx_dropped"), 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_good_packets"), 0, "");
	n = rte_eth_rx_burst(port, 0, rx, 80);
	rte_pktmbuf_free_bulk(rx, n);
	return lo_close();
}

/* ip link set lo down (L7): transmit frees and counts (tx_dropped, in
 * oerrors), nothing comes out, the link says down; up again, all flows. */
static int
test_link_down_drops(void)
{
	struct rte_mbuf *tx[16], *rx[16];
	struct rte_eth_stats st;
	struct rte_eth_link link;
	uint16_t port;

	TEST_ASSERT_OK(lo_open("", 1, &port));
	TEST_ASSERT_OK(rte_eth_dev_set_link_down(port));
	TEST_ASSERT_OK(rte_eth_link_get_nowait(port, &link));
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_DOWN, "");
	TEST_ASSERT_OK(alloc_pkts(tx, 16, 60));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 16), 16,
			  "taken (and freed), as a failed xmit frees its skb");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, rx, 16), 0, "nothing");
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.oerrors, 16, "tx_dropped");
	TEST_ASSERT_EQUAL(st.opackets + st.ipackets + st.imissed, 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "tx_dropped"), 16, "");
	TEST_ASSERT_OK(rte_eth_dev_set_link_up(port));
	TEST_ASSERT_OK(rte_eth_link_get_nowait(port, &link));
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_UP, "");
	TEST_ASSERT_OK(alloc_pkts(tx, 16, 60));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 16), 16, "");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, rx, 16), 16, "up again");
	rte_pktmbuf_free_bulk(rx, 16);
	TEST_ASSERT_OK(rte_eth_xstats_reset(port));
	TEST_ASSERT_EQUAL(xstat(port, "tx_dropped"), 0, "reset");
	return lo_close();
}

static int
test_xstats_names(void)
{
	static const char * const want[] = {
		"rx_good_packets", "tx_good_packets", "rx_missed_errors",
		"rx_q0_packets", "rx_q1_bytes", "tx_q1_packets",
		"rx_dropped", "rx_q0_dropped", "rx_q1_dropped",
		"rx_q0_queued", "rx_q1_queued", "tx_dropped",
	};
	uint16_t port;
	uint64_t id;
	unsigned int i;

	TEST_ASSERT_OK(lo_open("queues=2", 2, &port));
	for (i = 0; i < RTE_DIM(want); i++)
		TEST_ASSERT_OK(rte_eth_xstats_get_id_by_name(port, want[i],
							     &id));
	TEST_ASSERT(rte_eth_xstats_get_id_by_name(port, "rx_q2_dropped",
						  &id) != 0, "only 2 queues");
	return lo_close();
}

static int
test_mtu_bounds(void)
{
	struct rte_eth_dev_info info;
	uint16_t port, mtu;

	struct rte_eth_conf conf;

	TEST_ASSERT_OK(rte_vdev_init(LO_NAME, ""));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name(LO_NAME, &port));
	TEST_ASSERT_OK(rte_eth_dev_info_get(port, &info));
	TEST_ASSERT_EQUAL(info.max_mtu, 65535, "ethdev's ceiling");
	TEST_ASSERT_EQUAL(info.min_mtu, 68, "");
	TEST_ASSERT_OK(rte_eth_dev_get_mtu(port, &mtu));
	TEST_ASSERT_EQUAL(mtu, 65535, "lo starts at the largest MTU");
	/* configure applies the application's rxmode.mtu */
	memset(&conf, 0, sizeof(conf));
	conf.rxmode.mtu = 65535;
	TEST_ASSERT_OK(rte_eth_dev_configure(port, 1, 1, &conf));
	TEST_ASSERT_OK(rte_eth_dev_get_mtu(port, &mtu));
	TEST_ASSERT_EQUAL(mtu, 65535, "");
	conf.rxmode.mtu = 0;
	TEST_ASSERT_OK(rte_eth_dev_configure(port, 1, 1, &conf));
	TEST_ASSERT_OK(rte_eth_dev_get_mtu(port, &mtu));
	TEST_ASSERT_EQUAL(mtu, 1500, "ethdev's default for rxmode.mtu 0");
	TEST_ASSERT_OK(rte_eth_dev_set_mtu(port, 1500));
	TEST_ASSERT_OK(rte_eth_dev_get_mtu(port, &mtu));
	TEST_ASSERT_EQUAL(mtu, 1500, "");
	TEST_ASSERT_OK(rte_eth_dev_set_mtu(port, 68));
	TEST_ASSERT_OK(rte_eth_dev_set_mtu(port, 65535));
	TEST_ASSERT_EQUAL(rte_eth_dev_set_mtu(port, 67), -EINVAL, "");
	TEST_ASSERT_OK(rte_eth_dev_get_mtu(port, &mtu));
	TEST_ASSERT_EQUAL(mtu, 65535, "refused MTU leaves it unchanged");
	return lo_close();
}

static int
test_like_lo_link_mac_promisc(void)
{
	struct rte_ether_addr mac, zero = { .addr_bytes = { 0 } };
	struct rte_ether_addr set = {
		.addr_bytes = { 0x02, 0, 0, 0, 0, 1 } };
	struct rte_eth_link link;
	uint16_t port;

	TEST_ASSERT_OK(lo_open("", 1, &port));
	TEST_ASSERT_OK(rte_eth_macaddr_get(port, &mac));
	TEST_ASSERT(rte_is_same_ether_addr(&mac, &zero), "all-zero MAC");
	TEST_ASSERT_OK(rte_eth_link_get_nowait(port, &link));
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_UP, "");
	TEST_ASSERT_OK(rte_eth_promiscuous_enable(port));
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(port), 1, "");
	TEST_ASSERT_OK(rte_eth_promiscuous_disable(port));
	TEST_ASSERT_OK(rte_eth_allmulticast_enable(port));
	TEST_ASSERT_EQUAL(rte_eth_allmulticast_get(port), 1, "");
	TEST_ASSERT_OK(rte_eth_allmulticast_disable(port));
	TEST_ASSERT_OK(rte_eth_dev_default_mac_addr_set(port, &set));
	TEST_ASSERT_OK(rte_eth_macaddr_get(port, &mac));
	TEST_ASSERT(rte_is_same_ether_addr(&mac, &set), "live change");
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(rte_eth_link_get_nowait(port, &link));
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_UP,
			  "carrier stays up");
	return lo_close();
}

static int
test_multi_segment(void)
{
	struct rte_mbuf *head, *seg, *rx[4], *fill[16];
	struct rte_eth_stats st;
	uint16_t port;
	int i;

	TEST_ASSERT_OK(lo_open("size=16", 1, &port));
	head = rte_pktmbuf_alloc(mp);
	TEST_ASSERT(head != NULL, "");
	rte_pktmbuf_append(head, 1000);
	for (i = 0; i < 2; i++) {
		seg = rte_pktmbuf_alloc(mp);
		TEST_ASSERT(seg != NULL, "");
		rte_pktmbuf_append(seg, 1500);
		TEST_ASSERT_OK(rte_pktmbuf_chain(head, seg));
	}
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, &head, 1), 1, "");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, rx, 4), 1, "");
	TEST_ASSERT(rx[0] == head, "");
	TEST_ASSERT_EQUAL(rx[0]->nb_segs, 3, "");
	TEST_ASSERT_EQUAL(rx[0]->pkt_len, 4000, "");
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ibytes, 4000, "bytes are the whole chain");
	rte_pktmbuf_free(rx[0]);

	/* A chain dropped on a full ring frees all its segments. */
	TEST_ASSERT_OK(alloc_pkts(fill, 16, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, fill, 16), 16, "");
	head = rte_pktmbuf_alloc(mp);
	seg = rte_pktmbuf_alloc(mp);
	TEST_ASSERT(head != NULL && seg != NULL, "");
	TEST_ASSERT_OK(rte_pktmbuf_chain(head, seg));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, &head, 1), 1, "");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 16, "");
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.imissed, 1, "");
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	return lo_close();
}

static int
test_stop_frees_queued(void)
{
	struct rte_mbuf *tx[50], *rx[8];
	uint16_t port;

	TEST_ASSERT_OK(lo_open("", 1, &port));
	TEST_ASSERT_OK(alloc_pkts(tx, 50, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 50), 50, "");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 50, "");
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(sn_test_mempool_empty(mp));
	TEST_ASSERT_OK(rte_eth_dev_start(port));
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, rx, 8), 0, "");
	return lo_close();
}

static int
test_lifecycle_no_leak(void)
{
	struct rte_malloc_socket_stats before, after;
	struct rte_mbuf *tx[16];
	struct rte_eth_conf conf;
	uint16_t port, q, nb_q;
	int cycle;

	memset(&conf, 0, sizeof(conf));
	/* Warm up once so lazily allocated ethdev state is counted. */
	TEST_ASSERT_OK(lo_open("queues=4", 2, &port));
	TEST_ASSERT_OK(lo_close());
	TEST_ASSERT_OK(rte_malloc_get_socket_stats(rte_socket_id(), &before));

	for (cycle = 0; cycle < 50; cycle++) {
		TEST_ASSERT_OK(lo_open("queues=4,size=256", 2, &port));
		/* reconfigure a started-then-stopped port with other counts */
		for (nb_q = 1; nb_q <= 4; nb_q++) {
			TEST_ASSERT_OK(alloc_pkts(tx, 16, 64));
			TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, tx, 16),
					  16, "");
			TEST_ASSERT_OK(rte_eth_dev_stop(port));
			TEST_ASSERT_OK(rte_eth_dev_configure(port, nb_q, nb_q,
							     &conf));
			for (q = 0; q < nb_q; q++) {
				TEST_ASSERT_OK(rte_eth_rx_queue_setup(port, q,
					0, rte_socket_id(), NULL, mp));
				TEST_ASSERT_OK(rte_eth_tx_queue_setup(port, q,
					0, rte_socket_id(), NULL));
			}
			TEST_ASSERT_OK(rte_eth_dev_start(port));
		}
		TEST_ASSERT_OK(alloc_pkts(tx, 16, 64));
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 3, tx, 16), 16, "");
		if (cycle % 2 == 0) {
			/* close, then remove */
			TEST_ASSERT_OK(rte_eth_dev_stop(port));
			TEST_ASSERT_OK(rte_eth_dev_close(port));
			TEST_ASSERT_OK(sn_test_mempool_empty(mp));
			TEST_ASSERT_OK(lo_close());
		} else {
			/* hot-unplug a running port, as rte_dev_remove does */
			struct rte_eth_dev_info info;

			TEST_ASSERT_OK(rte_eth_dev_info_get(port, &info));
			TEST_ASSERT_OK(rte_dev_remove(info.device));
			TEST_ASSERT_OK(sn_test_mempool_empty(mp));
		}
		TEST_ASSERT(!rte_eth_dev_is_valid_port(port) ||
			    rte_eth_dev_get_port_by_name(LO_NAME, &q) != 0,
			    "port is gone");
	}
	TEST_ASSERT_OK(rte_malloc_get_socket_stats(rte_socket_id(), &after));
	TEST_ASSERT_EQUAL(after.heap_allocsz_bytes, before.heap_allocsz_bytes,
			  "heap bytes after 50 cycles");
	return sn_test_mempool_empty(mp);
}

static int
expect_probe_error(const char *args, const char *want)
{
	const char *log;
	int ret;

	sn_test_log_capture_start();
	ret = rte_vdev_init(LO_NAME, args);
	log = sn_test_log_capture_stop();
	TEST_ASSERT(ret != 0, "\"%s\" was accepted", args);
	TEST_ASSERT(strstr(log, want) != NULL,
		    "log for \"%s\" lacks \"%s\"", args, want);
	return TEST_SUCCESS;
}

static int
test_bad_devargs_refused(void)
{
	uint16_t port;

	TEST_ASSERT_OK(expect_probe_error("queues=0",
		"invalid devarg queues=0: expected an integer in [1, 1024]"));
	TEST_ASSERT_OK(expect_probe_error("queues=2x",
		"invalid devarg queues=2x: expected an integer in [1, 1024]"));
	TEST_ASSERT_OK(expect_probe_error("queues=-1",
		"invalid devarg queues=-1"));
	TEST_ASSERT_OK(expect_probe_error("size=8",
		"invalid devarg size=8: expected an integer in [16, 1048576]"));
	TEST_ASSERT_OK(expect_probe_error("size=1048577",
		"invalid devarg size=1048577"));
	TEST_ASSERT_OK(expect_probe_error("colour=blue",
		"accepted keys are queues=<1-1024> and size=<16-1048576>"));
	/* a key without a value (rte_kvargs passes NULL): was a SIGSEGV */
	TEST_ASSERT_OK(expect_probe_error("queues",
		"devarg queues needs a value: queues=<1-1024>"));
	TEST_ASSERT_OK(expect_probe_error("queues=2,size",
		"devarg size needs a value"));
	TEST_ASSERT_OK(expect_probe_error("queues=2,queues=3",
		"give a key twice"));
	TEST_ASSERT(rte_eth_dev_get_port_by_name(LO_NAME, &port) != 0,
		    "no port left behind");
	/* and the good values at the bounds are taken */
	TEST_ASSERT_OK(lo_open("queues=1024,size=16", 1, &port));
	return lo_close();
}

/* Stats add up the queues configured now: after going from 4 queues to
 * 1, the others no longer count (they did, and rx_dropped != imissed);
 * a ring of 65,536 suggests 65,535 descriptors, not 0. */
static int
test_stats_follow_configured_queues(void)
{
	struct rte_mbuf *tx[32], *rx[32];
	struct rte_eth_dev_info info;
	struct rte_eth_stats st;
	struct rte_eth_conf conf;
	uint16_t port, q, n;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_OK(lo_open("queues=4,size=16", 4, &port));
	for (q = 0; q < 4; q++) {
		TEST_ASSERT_OK(alloc_pkts(tx, 20, 64));
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, q, tx, 20), 20, "");
	}
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ipackets, 64, "16 in each ring");
	TEST_ASSERT_EQUAL(st.imissed, 16, "4 dropped on each");
	TEST_ASSERT_OK(rte_eth_dev_stop(port));
	TEST_ASSERT_OK(rte_eth_dev_configure(port, 1, 1, &conf));
	TEST_ASSERT_OK(rte_eth_rx_queue_setup(port, 0, 0, rte_socket_id(),
					      NULL, mp));
	TEST_ASSERT_OK(rte_eth_tx_queue_setup(port, 0, 0, rte_socket_id(),
					      NULL));
	TEST_ASSERT_OK(rte_eth_dev_start(port));
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ipackets, st.q_ipackets[0], "queue 0 only");
	TEST_ASSERT_EQUAL(st.q_ipackets[1], 0, "");
	TEST_ASSERT_EQUAL(st.imissed, xstat(port, "rx_dropped"),
			  "rx_dropped = imissed");
	n = rte_eth_rx_burst(port, 0, rx, 32);
	rte_pktmbuf_free_bulk(rx, n);
	TEST_ASSERT_OK(lo_close());

	TEST_ASSERT_OK(lo_open("size=65536", 1, &port));
	TEST_ASSERT_OK(rte_eth_dev_info_get(port, &info));
	TEST_ASSERT_EQUAL(info.default_rxportconf.ring_size, UINT16_MAX, "");
	TEST_ASSERT_EQUAL(info.default_txportconf.ring_size, UINT16_MAX, "");
	return lo_close();
}

static int
test_unequal_queue_counts_refused(void)
{
	struct rte_eth_conf conf;
	uint16_t port;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_OK(rte_vdev_init(LO_NAME, "queues=4"));
	TEST_ASSERT_OK(rte_eth_dev_get_port_by_name(LO_NAME, &port));
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(port, 2, 3, &conf), -EINVAL,
			  "");
	TEST_ASSERT(rte_eth_dev_configure(port, 5, 5, &conf) != 0,
		    "more than queues=4");
	TEST_ASSERT_OK(rte_eth_dev_configure(port, 4, 4, &conf));
	return lo_close();
}

/*
 * Queue q loops to queue q, so it must be set up both ways: a start with
 * queue 1's rx alone (or tx alone) is refused. Until it is, stats and
 * xstats say nothing for it: zeros, rx_q1_queued 0.
 */
static int
test_half_set_up_queue(void)
{
	struct rte_eth_stats st;
	struct rte_mbuf *tx[8], *rx[8];
	uint16_t port, n;

	TEST_ASSERT_OK(lo_configure("queues=2", 2, 1, &port));
	/* queue 1 never set up: stats of queue 0 only */
	TEST_ASSERT_OK(rte_eth_stats_get(port, &st));
	TEST_ASSERT_EQUAL(st.ipackets, 0, "");
	TEST_ASSERT_EQUAL(st.q_ipackets[1], 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q1_queued"), 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q1_dropped"), 0, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_dropped"), 0, "");
	TEST_ASSERT_OK(rte_eth_stats_reset(port));
	TEST_ASSERT_OK(rte_eth_xstats_reset(port));
	TEST_ASSERT_EQUAL(rte_eth_dev_start(port), -EINVAL, "queue 1 unset");
	TEST_ASSERT_OK(rte_eth_rx_queue_setup(port, 1, 0, rte_socket_id(),
					      NULL, mp));
	TEST_ASSERT_EQUAL(rte_eth_dev_start(port), -EINVAL, "rx only");
	/* a port anew (configuring again keeps the queues set up) */
	TEST_ASSERT_OK(lo_close());
	TEST_ASSERT_OK(lo_configure("queues=2", 2, 1, &port));
	TEST_ASSERT_OK(rte_eth_tx_queue_setup(port, 1, 0, rte_socket_id(),
					      NULL));
	TEST_ASSERT_EQUAL(rte_eth_dev_start(port), -EINVAL, "tx only");
	TEST_ASSERT_OK(rte_eth_rx_queue_setup(port, 1, 0, rte_socket_id(),
					      NULL, mp));
	TEST_ASSERT_OK(rte_eth_dev_start(port));
	TEST_ASSERT_OK(alloc_pkts(tx, 3, 64));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 1, tx, 3), 3, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q1_queued"), 3, "");
	TEST_ASSERT_EQUAL(xstat(port, "rx_q0_queued"), 0, "");
	n = rte_eth_rx_burst(port, 1, rx, 8);
	TEST_ASSERT_EQUAL(n, 3, "");
	rte_pktmbuf_free_bulk(rx, n);
	return lo_close();
}

static const struct sn_test_case cases[] = {
	{ "tx_rx_same_mbufs_in_order", test_tx_rx_same_mbufs_in_order },
	{ "queues_are_isolated", test_queues_are_isolated },
	{ "ring_full_drops_counted", test_ring_full_drops_counted },
	{ "stats_and_xstats_reset", test_stats_and_xstats_reset },
	{ "xstats_names", test_xstats_names },
	{ "link_down_drops", test_link_down_drops },
	{ "mtu_bounds", test_mtu_bounds },
	{ "like_lo_link_mac_promisc", test_like_lo_link_mac_promisc },
	{ "multi_segment", test_multi_segment },
	{ "stop_frees_queued", test_stop_frees_queued },
	{ "lifecycle_no_leak", test_lifecycle_no_leak },
	{ "bad_devargs_refused", test_bad_devargs_refused },
	{ "stats_follow_configured_queues",
	  test_stats_follow_configured_queues },
	{ "unequal_queue_counts_refused", test_unequal_queue_counts_refused },
	{ "half_set_up_queue", test_half_set_up_queue },
	{ NULL, NULL },
};

int
main(int argc, char **argv)
{
	return sn_test_main(argc, argv, cases, setup, teardown);
}
