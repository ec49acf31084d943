/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* Display, in testpmd's formats so that numbers compare by eye. */

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "softnet-pmd.h"

struct nic_prev {
	uint64_t tsc;
	uint64_t ipackets, opackets, ibytes, obytes;
};

/* since the last show; since the run's start */
static struct nic_prev nic_prev[RTE_MAX_ETHPORTS];
static struct nic_prev nic_run[RTE_MAX_ETHPORTS];

static void
mark(struct nic_prev *p, uint16_t port)
{
	struct rte_eth_stats st;

	if (rte_eth_stats_get(port, &st) != 0)
		return;
	p->tsc = rte_rdtsc();
	p->ipackets = st.ipackets;
	p->opackets = st.opackets;
	p->ibytes = st.ibytes;
	p->obytes = st.obytes;
}

void
sn_nic_stats_mark(uint16_t port)
{
	mark(&nic_prev[port], port);
}

void
sn_nic_stats_mark_run(uint16_t port)
{
	mark(&nic_prev[port], port);
	nic_run[port] = nic_prev[port];
}

/* a counter cleared since the mark counts from 0 */
static uint64_t
since(uint64_t now, uint64_t then)
{
	return now >= then ? now - then : now;
}

void
sn_nic_stats_display(uint16_t port, bool run)
{
	static const char *border = "########################";
	struct rte_eth_stats st;
	struct nic_prev *p = run ? &nic_run[port] : &nic_prev[port];
	uint64_t now = rte_rdtsc();
	double secs = 0;

	if (rte_eth_stats_get(port, &st) != 0) {
		printf("port %u: cannot read stats\n", port);
		return;
	}
	if (p->tsc != 0)
		secs = (double)(now - p->tsc) / rte_get_tsc_hz();

	printf("\n  %s NIC statistics for port %-2d %s\n", border, port,
	       border);
	printf("  RX-packets: %-10" PRIu64 " RX-missed: %-10" PRIu64
	       " RX-bytes:  %-" PRIu64 "\n", st.ipackets, st.imissed,
	       st.ibytes);
	printf("  RX-errors: %-" PRIu64 "\n", st.ierrors);
	printf("  RX-nombuf:  %-10" PRIu64 "\n", st.rx_nombuf);
	printf("  TX-packets: %-10" PRIu64 " TX-errors: %-10" PRIu64
	       " TX-bytes:  %-" PRIu64 "\n", st.opackets, st.oerrors,
	       st.obytes);
	printf("\n  Throughput (%s)\n", run ? "over the run" :
	       "since last show");
	printf("  Rx-pps: %12" PRIu64 "          Rx-bps: %12" PRIu64 "\n",
	       secs > 0 ? (uint64_t)(since(st.ipackets, p->ipackets) / secs) :
	       0, secs > 0 ?
	       (uint64_t)(since(st.ibytes, p->ibytes) * 8 / secs) : 0);
	printf("  Tx-pps: %12" PRIu64 "          Tx-bps: %12" PRIu64 "\n",
	       secs > 0 ? (uint64_t)(since(st.opackets, p->opackets) / secs) :
	       0, secs > 0 ?
	       (uint64_t)(since(st.obytes, p->obytes) * 8 / secs) : 0);
	printf("  %s############################%s\n", border, border);

	p = &nic_prev[port];	/* a show starts a new interval */
	p->tsc = now;
	p->ipackets = st.ipackets;
	p->opackets = st.opackets;
	p->ibytes = st.ibytes;
	p->obytes = st.obytes;
}
