/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* txonly: the generator's UDP frames, one flow, out of every stream. */

#include "softnet-pmd.h"

static void
pkt_burst_tx_only(struct fwd_stream *fs)
{
	sn_gen_burst(fs, false);
}

struct fwd_engine tx_only_engine = {
	.name = "txonly",
	.help = "send generated UDP frames (one flow), receive nothing",
	.packet_fwd = pkt_burst_tx_only,
};
