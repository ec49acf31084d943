# SPDX-License-Identifier: BSD-3-Clause
# Sourced: sets EAL_MEM to EAL's memory options for this machine:
# hugepages in memory when there are free ones, else --no-huge with a note
# (EAL_NOHUGE_MB of memory, default 1024). --no-huge still makes a runtime
# directory, named by EAL_PREFIX then: eal_run runs a program and removes
# it after.
hp_free=$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)
EAL_PREFIX=
if [ "${hp_free:-0}" -ge 256 ] && grep -q hugetlbfs /proc/mounts; then
	EAL_MEM="--in-memory"
else
	EAL_PREFIX=softnet-$$
	EAL_MEM="--no-huge -m ${EAL_NOHUGE_MB:-1024} --no-shconf --file-prefix $EAL_PREFIX"
	echo "note: no free hugepages: running with --no-huge (about 2.5x slower)" >&2
fi

# eal_clean: EAL_PREFIX's runtime directory goes (root's, or a user's)
eal_clean() {
	[ -z "$EAL_PREFIX" ] || rm -rf "/var/run/dpdk/$EAL_PREFIX" \
		"${XDG_RUNTIME_DIR:-/tmp}/dpdk/$EAL_PREFIX"
}

# eal_run PROGRAM ARGS...: as exec, but an EAL_PREFIX's directory is removed
# when it ends. The program runs in the background (which ignores the
# terminal's SIGINT): an INT or TERM to the script is passed on as TERM.
eal_run() {
	[ -n "$EAL_PREFIX" ] || exec "$@"
	"$@" &
	eal_child=$!
	trap 'kill -TERM "$eal_child" 2>/dev/null' INT TERM
	set +e
	while :; do
		wait "$eal_child"
		rc=$?
		kill -0 "$eal_child" 2>/dev/null || break
	done
	eal_clean
	exit $rc
}
