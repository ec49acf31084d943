/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* rxonly: receive and free, as testpmd's. */

#include "softnet-pmd.h"

static void
pkt_burst_receive(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	uint16_t n;

	n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, sn_cfg.burst);
	if (n == 0)
		return;
	fs->rx_packets += n;
	rte_pktmbuf_free_bulk(pkts, n);
}

struct fwd_engine rx_only_engine = {
	.name = "rxonly",
	.help = "receive and free",
	.packet_fwd = pkt_burst_receive,
};
