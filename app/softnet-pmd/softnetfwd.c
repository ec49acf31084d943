/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * softnet: the lcores run softnet's net_rx_action loop instead of polling
 * streams. Port rx queues are NAPI-like pollers, lo's transmit is
 * netif_rx on the lcore's backlog, and what softnet delivers is sent back
 * out of the port it came in on (io semantics), so on lo it circulates
 * through the backlog.
 */

#include "softnet-pmd.h"

/* the tx queue each lcore uses on each port */
uint16_t sn_txq_of[RTE_MAX_LCORE][RTE_MAX_ETHPORTS];
uint64_t sn_deliver_dropped[RTE_MAX_LCORE];
bool sn_tx_off[RTE_MAX_ETHPORTS];

void
softnet_fwd_deliver(void *ctx __rte_unused, unsigned int lcore,
		    struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t i = 0, j, port, sent;

	while (i < n) {
		port = pkts[i]->port;
		for (j = i + 1; j < n && pkts[j]->port == port; j++)
			;
		sent = likely(!__atomic_load_n(&sn_tx_off[port],
					       __ATOMIC_ACQUIRE)) ?
		       rte_eth_tx_burst(port, sn_txq_of[lcore][port],
					pkts + i, j - i) : 0;
		if (unlikely(sent < j - i)) {
			sn_deliver_dropped[lcore] += j - i - sent;
			rte_pktmbuf_free_bulk(pkts + i + sent, j - i - sent);
		}
		i = j;
	}
}

struct fwd_engine softnet_fwd_engine = {
	.name = "softnet",
	.help = "softnet's net_rx_action on every lcore; delivered packets "
		"go back out of their port",
	.packet_fwd = NULL,
	.softnet = 1,
	.deliver = softnet_fwd_deliver,
};
