/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* io: what is received is sent unchanged, as testpmd's iofwd. */

#include "softnet-pmd.h"

static void
pkt_burst_io_forward(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[SN_MAX_BURST];
	uint16_t n;

	n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts, sn_cfg.burst);
	if (n == 0)
		return;
	fs->rx_packets += n;
	fwd_stream_tx(fs, pkts, n);
}

struct fwd_engine io_fwd_engine = {
	.name = "io",
	.help = "forward packets unchanged",
	.packet_fwd = pkt_burst_io_forward,
};
