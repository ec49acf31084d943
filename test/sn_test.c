/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The softnet authors
 */

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mempool.h>

#include "sn_test.h"

static char *log_buf;
static size_t log_len;
static FILE *log_stream;
static FILE *log_saved;

void
sn_test_log_capture_start(void)
{
	free(log_buf);
	log_buf = NULL;
	log_len = 0;
	log_saved = rte_log_get_stream();
	log_stream = open_memstream(&log_buf, &log_len);
	if (log_stream != NULL)
		rte_openlog_stream(log_stream);
}

const char *
sn_test_log_capture_stop(void)
{
	if (log_stream == NULL)
		return "";
	rte_openlog_stream(log_saved);
	fclose(log_stream);
	log_stream = NULL;
	fputs(log_buf, stdout); /* keep it visible in the test log */
	return log_buf;
}

int
sn_test_mempool_empty(const struct rte_mempool *mp)
{
	unsigned int in_use = rte_mempool_in_use_count(mp);

	TEST_ASSERT_EQUAL(in_use, 0, "mbufs of %s still in use", mp->name);
	return TEST_SUCCESS;
}

static int
run_case(const struct sn_test_case *tc, int (*setup)(void),
	 void (*teardown)(void))
{
	int ret;

	printf("RUN  %s\n", tc->name);
	ret = setup != NULL ? setup() : TEST_SUCCESS;
	if (ret == TEST_SUCCESS)
		ret = tc->fn();
	if (teardown != NULL)
		teardown();
	printf("%s %s\n", ret == TEST_SUCCESS ? "OK  " : "FAIL", tc->name);
	fflush(stdout);
	return ret;
}

/* The runtime directory EAL made for the test's own --file-prefix: 22.11
 * leaves it, empty once telemetry's exit handler has taken its socket
 * away; this handler, registered before EAL's init, runs after it. */
static char runtime_dir[PATH_MAX];

static void
runtime_dir_remove(void)
{
	if (runtime_dir[0] != '\0')
		rmdir(runtime_dir);	/* only if empty */
}

static void
eal_cleanup(void)
{
	snprintf(runtime_dir, sizeof(runtime_dir), "%s",
		 rte_eal_get_runtime_dir());
	rte_eal_cleanup();
}

int
sn_test_main(int argc, char **argv, const struct sn_test_case *cases,
	     int (*setup)(void), void (*teardown)(void))
{
	const struct sn_test_case *tc;
	int ret, i, failed = 0, found = 0;

	atexit(runtime_dir_remove);
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "cannot init EAL: %s\n",
			rte_strerror(rte_errno));
		return 2;
	}
	argc -= ret;
	argv += ret;
	if (argc < 2) {
		fprintf(stderr, "usage: %s [EAL args] -- all|CASE...\n"
			"cases:", argv[0]);
		for (tc = cases; tc->name != NULL; tc++)
			fprintf(stderr, " %s", tc->name);
		fprintf(stderr, "\n");
		eal_cleanup();
		return 2;
	}

	for (i = 1; i < argc; i++) {
		for (tc = cases; tc->name != NULL; tc++) {
			if (strcmp(argv[i], "all") != 0 &&
			    strcmp(argv[i], tc->name) != 0)
				continue;
			found++;
			if (run_case(tc, setup, teardown) != TEST_SUCCESS)
				failed++;
		}
	}
	if (found == 0) {
		fprintf(stderr, "no test case matches\n");
		failed = 1;
	}
	eal_cleanup();
	free(log_buf);
	return failed != 0 ? 1 : 0;
}
