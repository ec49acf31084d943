/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/*
 * flowgen: the generator's UDP frames over --gen-flows source ports and
 * --gen-dst-count destinations, out of every stream.
 */

#include "softnet-pmd.h"

static void
pkt_burst_flow_gen(struct fwd_stream *fs)
{
	sn_gen_burst(fs, true);
}

struct fwd_engine flow_gen_engine = {
	.name = "flowgen",
	.help = "send generated UDP frames over --gen-flows source ports and "
		"--gen-dst-count destinations",
	.packet_fwd = pkt_burst_flow_gen,
};
