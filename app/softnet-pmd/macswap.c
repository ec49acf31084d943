/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* macswap: swap the Ethernet addresses and send back, as testpmd's. */

#include <rte_ether.h>

#include "softnet-pmd.h"

static void
pkt_burst_mac_swap(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	struct rte_ether_hdr *eth;
	struct rte_ether_addr tmp;
	uint16_t n, i;

	n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, sn_cfg.burst);
	if (n == 0)
		return;
	fs->rx_packets += n;
	for (i = 0; i < n; i++) {
		eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
		rte_ether_addr_copy(&eth->dst_addr, &tmp);
		rte_ether_addr_copy(&eth->src_addr, &eth->dst_addr);
		rte_ether_addr_copy(&tmp, &eth->src_addr);
	}
	fwd_stream_tx(fs, pkts, n);
}

struct fwd_engine macswap_engine = {
	.name = "macswap",
	.help = "swap source and destination MAC, send back",
	.packet_fwd = pkt_burst_mac_swap,
};
