/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* The application's options, after EAL's and "--". */

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "softnet-pmd.h"

struct sn_config sn_cfg = {
	.run_time = 0,
	.stats_period = 0,
	.burst = 32,
	.pkt_len = 64,
	.engine = &io_fwd_engine,
};

struct fwd_engine *fwd_engines[] = {
	&io_fwd_engine,
	&macswap_engine,
	&rx_only_engine,
	&softnet_fwd_engine,
	NULL,
};

enum {
	OPT_RUN_TIME = 256,
	OPT_STATS_PERIOD,
	OPT_BURST,
	OPT_NB_CORES,
	OPT_RXQ,
	OPT_TXQ,
	OPT_FWD_MODE,
	OPT_TX_FIRST,
	OPT_TXPKT_LEN,
	OPT_TOTAL_MBUFS,
};

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "run-time", required_argument, NULL, OPT_RUN_TIME },
	{ "stats-period", required_argument, NULL, OPT_STATS_PERIOD },
	{ "burst", required_argument, NULL, OPT_BURST },
	{ "nb-cores", required_argument, NULL, OPT_NB_CORES },
	{ "rxq", required_argument, NULL, OPT_RXQ },
	{ "txq", required_argument, NULL, OPT_TXQ },
	{ "forward-mode", required_argument, NULL, OPT_FWD_MODE },
	{ "tx-first", optional_argument, NULL, OPT_TX_FIRST },
	{ "txpkt-len", required_argument, NULL, OPT_TXPKT_LEN },
	{ "total-num-mbufs", required_argument, NULL, OPT_TOTAL_MBUFS },
	{ NULL, 0, NULL, 0 },
};

void
sn_usage(const char *prog)
{
	struct fwd_engine **e;

	printf("usage: %s [EAL options] -- [options]\n\n"
	       "  -h, --help             this text\n"
	       "  --run-time=SECS        forward for SECS seconds, then exit "
	       "(default: until SIGINT)\n"
	       "  --stats-period=SECS    print rates every SECS seconds\n"
	       "  --forward-mode=MODE    forwarding engine (default io):",
	       prog);
	for (e = fwd_engines; *e != NULL; e++)
		printf(" %s", (*e)->name);
	printf("\n"
	       "  --burst=N              packets per burst, 1..%u (default 32)\n"
	       "  --nb-cores=N           forwarding lcores (default: all "
	       "worker lcores)\n"
	       "  --rxq=N, --txq=N       queues per port (default: one per "
	       "forwarding lcore)\n"
	       "  --tx-first[=N]         send N bursts (default 1) of UDP "
	       "frames on every queue first\n"
	       "  --txpkt-len=N          frame length for --tx-first, 60..9000 "
	       "(default 64)\n"
	       "  --total-num-mbufs=N    mbufs in the pool (default: sized "
	       "from ports and queues)\n"
	       "\nPort 0 is always %s, softnet's lo.\n", SN_MAX_BURST,
	       SN_LO_NAME);
}

struct fwd_engine *
sn_engine_find(const char *name)
{
	struct fwd_engine **e;

	for (e = fwd_engines; *e != NULL; e++)
		if (strcmp((*e)->name, name) == 0)
			return *e;
	return NULL;
}

static void __rte_noreturn
bad_option(const char *prog, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	sn_usage(prog);
	exit(2);
}

static uint64_t
parse_num(const char *prog, const char *opt, const char *s, uint64_t min,
	  uint64_t max)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 ||
	    v < min || v > max)
		bad_option(prog, "invalid value for --%s: '%s' (expected an "
			   "integer in [%" PRIu64 ", %" PRIu64 "])", opt, s,
			   min, max);
	return v;
}

void
sn_parse_args(int argc, char **argv)
{
	const char *prog = "softnet-pmd";
	int opt, idx;

	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":h", long_options, &idx))
	       != -1) {
		switch (opt) {
		case 'h':
			sn_usage(prog);
			exit(0);
		case OPT_RUN_TIME:
			sn_cfg.run_time = parse_num(prog, "run-time", optarg,
						    0, 86400 * 365);
			break;
		case OPT_STATS_PERIOD:
			sn_cfg.stats_period = parse_num(prog, "stats-period",
							optarg, 0, 86400);
			break;
		case OPT_BURST:
			sn_cfg.burst = parse_num(prog, "burst", optarg, 1,
						 SN_MAX_BURST);
			break;
		case OPT_NB_CORES:
			sn_cfg.nb_cores = parse_num(prog, "nb-cores", optarg,
						    1, RTE_MAX_LCORE - 1);
			break;
		case OPT_RXQ:
			sn_cfg.nb_rxq = parse_num(prog, "rxq", optarg, 1,
						  RTE_MAX_QUEUES_PER_PORT);
			break;
		case OPT_TXQ:
			sn_cfg.nb_txq = parse_num(prog, "txq", optarg, 1,
						  RTE_MAX_QUEUES_PER_PORT);
			break;
		case OPT_FWD_MODE:
			sn_cfg.engine = sn_engine_find(optarg);
			if (sn_cfg.engine == NULL)
				bad_option(prog, "unknown forwarding mode "
					   "'%s'", optarg);
			break;
		case OPT_TX_FIRST:
			sn_cfg.tx_first = optarg == NULL ? 1 :
				parse_num(prog, "tx-first", optarg, 1, 64);
			break;
		case OPT_TXPKT_LEN:
			sn_cfg.pkt_len = parse_num(prog, "txpkt-len", optarg,
						   60, 9000);
			break;
		case OPT_TOTAL_MBUFS:
			sn_cfg.total_mbufs = parse_num(prog, "total-num-mbufs",
						       optarg, 1024, 1 << 24);
			break;
		case ':':
			bad_option(prog, "option '%s' needs a value",
				   argv[optind - 1]);
		default:
			bad_option(prog, "unknown option '%s'",
				   argv[optind - 1]);
		}
	}
	if (optind < argc)
		bad_option(prog, "unexpected argument '%s'", argv[optind]);
	if (sn_cfg.nb_rxq != 0 && sn_cfg.nb_txq != 0 &&
	    sn_cfg.nb_rxq != sn_cfg.nb_txq)
		bad_option(prog, "--rxq=%u and --txq=%u differ: lo loops "
			   "queue q to queue q", sn_cfg.nb_rxq, sn_cfg.nb_txq);
}
