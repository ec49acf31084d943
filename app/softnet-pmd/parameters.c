/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

/* The application's options, after EAL's and "--". */

#include <errno.h>
#include <stdarg.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <rte_byteorder.h>
#include <rte_ip.h>

#include "softnet-pmd.h"

struct sn_config sn_cfg = {
	.run_time = 0,
	.stats_period = 0,
	.burst = 32,
	.pkt_len = 64,
	.engine = &route_fwd_engine,
	.auto_start = true,
	.gen = {
		/* 198.18.0.0/15: benchmarking addresses (RFC 2544) */
		.src = 0xc6120002 /* 198.18.0.2 */,
		.dst = 0xc6120001 /* 198.18.0.1 */,
		.dst_count = 1,
		.sport = 1024,
		.dport = 9,
		.flows = 1,
	},
	.gen_rx_port = -1,
};

struct fwd_engine *fwd_engines[] = {
	&route_fwd_engine,
	&io_fwd_engine,
	&macswap_engine,
	&rx_only_engine,
	&tx_only_engine,
	&flow_gen_engine,
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
	OPT_TXPKTS,
	OPT_ETH_PEER,
	OPT_TOTAL_MBUFS,
	OPT_CMDLINE_FILE,
	OPT_CONFIG,
	OPT_MAX_BACKLOG,
	OPT_BUDGET,
	OPT_WEIGHT,
	OPT_RPS,
	OPT_SOFTNET,
	OPT_GEN_RX,
	OPT_GEN_SRC,
	OPT_GEN_DST,
	OPT_GEN_DST_COUNT,
	OPT_GEN_SPORT,
	OPT_GEN_DPORT,
	OPT_GEN_FLOWS,
	OPT_GEN_RATE,
	OPT_MAX_ROUTES,
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
	{ "txpkts", required_argument, NULL, OPT_TXPKTS },
	{ "eth-peer", required_argument, NULL, OPT_ETH_PEER },
	{ "total-num-mbufs", required_argument, NULL, OPT_TOTAL_MBUFS },
	{ "interactive", no_argument, NULL, 'i' },
	{ "auto-start", no_argument, NULL, 'a' },
	{ "cmdline-file", required_argument, NULL, OPT_CMDLINE_FILE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "max-backlog", required_argument, NULL, OPT_MAX_BACKLOG },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "weight", required_argument, NULL, OPT_WEIGHT },
	{ "rps", required_argument, NULL, OPT_RPS },
	{ "softnet", required_argument, NULL, OPT_SOFTNET },
	{ "gen-rx", required_argument, NULL, OPT_GEN_RX },
	{ "gen-src", required_argument, NULL, OPT_GEN_SRC },
	{ "gen-dst", required_argument, NULL, OPT_GEN_DST },
	{ "gen-dst-count", required_argument, NULL, OPT_GEN_DST_COUNT },
	{ "gen-sport", required_argument, NULL, OPT_GEN_SPORT },
	{ "gen-dport", required_argument, NULL, OPT_GEN_DPORT },
	{ "gen-flows", required_argument, NULL, OPT_GEN_FLOWS },
	{ "gen-rate", required_argument, NULL, OPT_GEN_RATE },
	{ "max-routes", required_argument, NULL, OPT_MAX_ROUTES },
	{ NULL, 0, NULL, 0 },
};

void
sn_usage(FILE *f, const char *prog)
{
	struct fwd_engine **e;

	fprintf(f, "usage: %s [EAL options] -- [options]\n\n"
	       "  -h, --help             this text\n"
	       "  -i, --interactive      the softnet> prompt (forwarding starts "
	       "with 'start', or -a)\n"
	       "  -a, --auto-start       start forwarding at once (the default "
	       "without -i)\n"
	       "  --cmdline-file=FILE    run the commands of FILE (echoed) "
	       "after start\n"
	       "  --config=FILE          run the commands of FILE (unechoed) "
	       "before start\n"
	       "  --run-time=SECS        forward for SECS seconds, then exit "
	       "(default: until SIGINT)\n"
	       "  --stats-period=SECS    print rates every SECS seconds\n"
	       "  --forward-mode=MODE    forwarding engine (default route):",
	       prog);
	for (e = fwd_engines; *e != NULL; e++)
		fprintf(f, " %s", (*e)->name);
	fprintf(f, "\n"
	       "  --burst=N              packets per burst, 1..%u (default 32)\n"
	       "  --nb-cores=N           forwarding lcores (default: all "
	       "worker lcores)\n"
	       "  --rxq=N, --txq=N       queues per port (default: one per "
	       "forwarding lcore)\n"
	       "  --tx-first[=N]         send N bursts (default 1) of UDP "
	       "frames on every queue first\n"
	       "  --txpkt-len=N          frame length for --tx-first and the "
	       "generator,\n                         60..9000 (default 64)\n"
	       "  --txpkts=N             testpmd's name for --txpkt-len (one "
	       "segment)\n"
	       "  --eth-peer=PORT,MAC    destination MAC of the frames txonly "
	       "and flowgen send\n                         out of PORT "
	       "(default ff:ff:ff:ff:ff:ff)\n"
	       "  --total-num-mbufs=N    mbufs in the pool (default: sized "
	       "from ports and queues)\n"
	       "  --max-backlog=N, --budget=N, --weight=N\n"
	       "                         softnet's netdev_max_backlog, "
	       "netdev_budget, dev_weight\n"
	       "  --rps='PORT QUEUE LCORES'  RPS map of a port rx queue "
	       "(rps_cpus)\n"
	       "  --softnet=NAME=VALUE   any softnet tunable (see 'show "
	       "softnet config')\n"
	       "  --max-routes=N         routes per table (default 65536)\n"
	       "  --gen-rx=PORT          the generator feeds PORT's rx queues "
	       "(e.g. a net_null port)\n"
	       "  --gen-src=A.B.C.D, --gen-dst=A.B.C.D, --gen-dst-count=N,\n"
	       "  --gen-sport=N, --gen-dport=N, --gen-flows=N, "
	       "--gen-rate=MPPS\n"
	       "                         what the generator sends (txonly, "
	       "flowgen, --gen-rx)\n"
	       "\nPort 0 is %s, softnet's lo (devices given with -a are "
	       "probed after it;\nbus devices bound to DPDK and not named "
	       "with -a probe first, and then it\nis not).\n",
	       SN_MAX_BURST, SN_LO_NAME);
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
	sn_usage(stderr, prog);
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

static uint32_t
parse_ip(const char *prog, const char *opt, const char *s)
{
	struct in_addr a;

	if (inet_pton(AF_INET, s, &a) != 1)
		bad_option(prog, "invalid value for --%s: '%s' (expected an "
			   "IPv4 address)", opt, s);
	return rte_be_to_cpu_32(a.s_addr);
}

/* Checked now by name (the value when softnet exists). */
/* 0 if a command file can be read, else -1 with errno (a directory:
 * EISDIR, which fopen would not say). */
static int
cmd_file_error(const char *path)
{
	struct stat st;

	if (access(path, R_OK) != 0 || stat(path, &st) != 0)
		return -1;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	return 0;
}

/* A softnet tunable given by option (its spelling in opt, for the
 * messages): the name now, the value when softnet exists. */
static void
tunable(const char *prog, const char *opt, const char *name,
	const char *value)
{
	static const char *const names[] = { "max_backlog", "budget",
		"budget_usecs", "dev_weight", "flow_limit_table_len",
		"netdev_max_backlog", "netdev_budget", "netdev_budget_usecs",
		"flow_limit_cpu_bitmap", "rps_cpus" };
	const char *n = strncmp(name, "net.core.", 9) == 0 ? name + 9 : name;
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++)
		if (strcmp(names[i], n) == 0)
			break;
	if (i == RTE_DIM(names))
		bad_option(prog, "unknown softnet tunable '%s' (see 'show "
			   "softnet config')", name);
	/* the numeric ones take a decimal integer (ranges: softnet's) */
	if (i < 8 && (value[0] == '\0' ||
		      strspn(value, "0123456789") != strlen(value)))
		bad_option(prog, "invalid value for %s: '%s' (expected a "
			   "non-negative integer)", opt, value);
	if (sn_cfg.nb_tunables == RTE_DIM(sn_cfg.tunables))
		bad_option(prog, "too many softnet tunables");
	sn_cfg.tunables[sn_cfg.nb_tunables][0] = name;
	sn_cfg.tunables[sn_cfg.nb_tunables++][1] = value;
}

/* The long options word (--NAME or --NAME=VALUE) names: its own, or the
 * ones NAME abbreviates (*n of them; the first returned). */
static const struct option *
long_named(const char *word, const struct option *opts, unsigned int *n)
{
	size_t len = strcspn(word, "=");
	const struct option *o, *first = NULL;

	*n = 0;
	if (strncmp(word, "--", 2) != 0 || len == 2)
		return NULL;
	for (o = opts; o->name != NULL; o++) {
		if (strncmp(o->name, word + 2, len - 2) != 0)
			continue;
		if (strlen(o->name) == len - 2) {	/* exact */
			*n = 1;
			return o;
		}
		if ((*n)++ == 0)
			first = o;
	}
	return first;
}

/* A word getopt refused (long or a cluster's letter c), said as glibc
 * says it. */
static void
refused(const char *prog, const char *word, int c,
	const struct option *opts)
{
	const struct option *o;
	char list[512];
	unsigned int n;
	size_t off = 0;

	if (strncmp(word, "--", 2) != 0) {
		bad_option(prog, "invalid option -- '%c'", c);
		return;
	}
	o = long_named(word, opts, &n);
	if (n > 1) {
		for (; o->name != NULL; o++)
			if (strncmp(o->name, word + 2,
				    strcspn(word, "=") - 2) == 0 &&
			    off < sizeof(list))
				off += snprintf(list + off, sizeof(list) - off,
						" '--%s'", o->name);
		bad_option(prog, "option '%.*s' is ambiguous; "
			   "possibilities:%s", (int)strcspn(word, "="), word,
			   list);
		return;
	}
	if (n == 1 && word[strcspn(word, "=")] == '=' &&
	    o->has_arg == no_argument) {
		bad_option(prog, "option '--%s' doesn't allow an argument",
			   o->name);
		return;
	}
	bad_option(prog, "unknown option '%s'", word);
}

void
sn_parse_args(int argc, char **argv)
{
	const char *prog = "softnet-pmd";
	bool auto_start_given = false;
	int opt, idx, at;

	opterr = 0;
	optind = 1;
	/* at: the word getopt reads (a cluster's until its last letter) */
	while ((at = optind,
		opt = getopt_long(argc, argv, "+:hia", long_options, &idx))
	       != -1) {
		switch (opt) {
		case 'h':
			sn_usage(stdout, prog);
			exit(0);
		case 'i':
			sn_cfg.interactive = true;
			if (!auto_start_given)
				sn_cfg.auto_start = false;
			break;
		case 'a':
			sn_cfg.auto_start = true;
			auto_start_given = true;
			break;
		case OPT_CMDLINE_FILE:
			if (cmd_file_error(optarg) != 0)
				bad_option(prog, "cannot read --cmdline-file "
					   "'%s': %s", optarg, strerror(errno));
			sn_cfg.cmdline_file = optarg;
			break;
		case OPT_CONFIG:
			if (cmd_file_error(optarg) != 0)
				bad_option(prog, "cannot read --config '%s': "
					   "%s", optarg, strerror(errno));
			sn_cfg.config_file = optarg;
			break;
		case OPT_MAX_BACKLOG:
			tunable(prog, "--max-backlog", "max_backlog", optarg);
			break;
		case OPT_BUDGET:
			tunable(prog, "--budget", "budget", optarg);
			break;
		case OPT_WEIGHT:
			tunable(prog, "--weight", "dev_weight", optarg);
			break;
		case OPT_RPS:
			tunable(prog, "--rps", "rps_cpus", optarg);
			break;
		case OPT_SOFTNET: {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || eq == optarg)
				bad_option(prog, "--softnet takes NAME=VALUE, "
					   "not '%s'", optarg);
			*eq = '\0';
			tunable(prog, "--softnet", optarg, eq + 1);
			break;
		}
		case OPT_GEN_RX:
			sn_cfg.gen_rx_port = parse_num(prog, "gen-rx", optarg,
						       1, RTE_MAX_ETHPORTS - 1);
			break;
		case OPT_GEN_SRC:
			sn_cfg.gen.src = parse_ip(prog, "gen-src", optarg);
			break;
		case OPT_GEN_DST:
			sn_cfg.gen.dst = parse_ip(prog, "gen-dst", optarg);
			break;
		case OPT_GEN_DST_COUNT:
			sn_cfg.gen.dst_count = parse_num(prog, "gen-dst-count",
							 optarg, 1, 1 << 24);
			break;
		case OPT_GEN_SPORT:
			sn_cfg.gen.sport = parse_num(prog, "gen-sport", optarg,
						     1, 65535);
			break;
		case OPT_GEN_DPORT:
			sn_cfg.gen.dport = parse_num(prog, "gen-dport", optarg,
						     1, 65535);
			break;
		case OPT_GEN_FLOWS:
			sn_cfg.gen.flows = parse_num(prog, "gen-flows", optarg,
						     1, 65535);
			break;
		case OPT_GEN_RATE: {
			char *end;

			errno = 0;
			sn_cfg.gen.rate_mpps = strtod(optarg, &end);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    !isfinite(sn_cfg.gen.rate_mpps) ||
			    sn_cfg.gen.rate_mpps < 0)
				bad_option(prog, "invalid value for --gen-rate:"
					   " '%s' (expected Mpps, e.g. 0.5)",
					   optarg);
			break;
		}
		case OPT_MAX_ROUTES:
			sn_cfg.max_routes = parse_num(prog, "max-routes",
						      optarg, 64, 1 << 24);
			break;
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
		case OPT_TXPKTS:	/* testpmd's: segment lengths */
			if (strchr(optarg, ',') != NULL)
				bad_option(prog, "--txpkts=%s: frames here are "
					   "one segment, give one length",
					   optarg);
			sn_cfg.pkt_len = parse_num(prog, "txpkts", optarg,
						   60, 9000);
			break;
		case OPT_ETH_PEER: {	/* testpmd's PORT,MAC */
			char *comma = strchr(optarg, ',');
			unsigned long port;
			char *end;

			errno = 0;
			port = strtoul(optarg, &end, 10);
			if (comma == NULL || end != comma || end == optarg ||
			    errno != 0 ||
			    port >= RTE_MAX_ETHPORTS ||
			    rte_ether_unformat_addr(comma + 1,
					&sn_cfg.peer[port]) != 0)
				bad_option(prog, "invalid value for --eth-peer: "
					   "'%s' (PORT,XX:XX:XX:XX:XX:XX)",
					   optarg);
			sn_cfg.peer_set[port] = true;
			break;
		}
		case OPT_TOTAL_MBUFS:
			sn_cfg.total_mbufs = parse_num(prog, "total-num-mbufs",
						       optarg, 1024, 1 << 24);
			break;
		case ':': {
			/* named in full, as glibc names it */
			unsigned int n;
			const struct option *o = long_named(argv[optind - 1],
							    long_options, &n);

			if (o != NULL && n == 1)
				bad_option(prog, "option '--%s' needs a value",
					   o->name);
			bad_option(prog, "option '%s' needs a value",
				   argv[optind - 1]);
		}
		/* fall through: bad_option does not return */
		default:
			/* a flag given a value (--auto-start=1: getopt sets
			 * optopt to its letter), an ambiguous abbreviation, a
			 * letter of a cluster (-xi), or an unknown option */
			refused(prog, argv[at], optopt, long_options);
		}
	}
	opterr = 1;	/* EAL's getopt reports its own unknown options */
	if (optind < argc)
		bad_option(prog, "unexpected argument '%s'", argv[optind]);
	if (sn_cfg.nb_rxq != 0 && sn_cfg.nb_txq != 0 &&
	    sn_cfg.nb_rxq != sn_cfg.nb_txq)
		bad_option(prog, "--rxq=%u and --txq=%u differ: lo loops "
			   "queue q to queue q", sn_cfg.nb_rxq, sn_cfg.nb_txq);
	if (sn_cfg.interactive && sn_cfg.run_time != 0)
		bad_option(prog, "--run-time is for a run without -i (the "
			   "prompt runs until quit; 'sleep MS' waits)");
}
