# SPDX-License-Identifier: BSD-3-Clause
# Sourced: sets EAL_MEM to EAL's memory options for this machine:
# hugepages in memory when there are free ones, else --no-huge with a note
# (EAL_NOHUGE_MB of memory, default 1024, and no runtime files left in
# /var/run/dpdk).
hp_free=$(awk '/^HugePages_Free/ {print $2}' /proc/meminfo)
if [ "${hp_free:-0}" -ge 256 ] && grep -q hugetlbfs /proc/mounts; then
	EAL_MEM="--in-memory"
else
	EAL_MEM="--no-huge -m ${EAL_NOHUGE_MB:-1024} --no-shconf"
	echo "note: no free hugepages: running with --no-huge (about 2.5x slower)" >&2
fi
