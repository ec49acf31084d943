/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#ifndef SN_ETH_LOOPBACK_H
#define SN_ETH_LOOPBACK_H

/**
 * @file
 * net_loopback's one private call: softnet mode.
 *
 * On its own, net_loopback loops tx queue q to rx queue q through a ring.
 * In softnet mode, what is transmitted on queue q goes straight to an input
 * function, as loopback_xmit calls netif_rx: lo's "ring" is then the
 * lcore's backlog, with its limits and counters.
 */

#include <stdint.h>

#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Takes a burst transmitted on lo's queue @p queue. Returns how many it
 * accepted; it leaves the rejected ones at the end of @p pkts, still
 * owned by the caller, which frees them and counts them as drops.
 */
typedef uint16_t (*sn_eth_lo_input_t)(void *ctx, uint16_t port,
				      uint16_t queue, struct rte_mbuf **pkts,
				      uint16_t n);

/**
 * Switch a stopped net_loopback port to softnet mode (fn != NULL) or back
 * to its own rings (fn == NULL). Packets queued in its rings are freed.
 *
 * @return 0, -ENODEV (no port), -EINVAL (not net_loopback), -EBUSY
 *   (started).
 */
int sn_eth_loopback_set_input(uint16_t port_id, sn_eth_lo_input_t fn,
			      void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* SN_ETH_LOOPBACK_H */
