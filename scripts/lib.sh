# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the bench scripts: argument checks, and child processes that
# an interrupt takes down with the script.

die() { echo "$0: $*" >&2; exit 2; }

exec 9>&2	# the script's stderr, for a trap that runs within a redirection

# posint NAME VALUE MIN: VALUE is an integer >= MIN, else die
posint() {
	case $2 in
	''|*[!0-9]*) die "$1 must be an integer >= $3, not '$2'" ;;
	esac
	[ "$2" -ge "$3" ] || die "$1 must be an integer >= $3, not '$2'"
}

# bg CMD...: CMD in the background, waited for; its pid in $child while it
# runs, for on_signal to stop it (a background command of a script does
# not get the terminal's SIGINT). Returns CMD's status.
child=
bg() {
	"$@" &
	child=$!
	set +e
	wait "$child"
	rc=$?
	set -e
	child=
	return $rc
}

# on_signal CODE: stop the child, then exit CODE (the EXIT trap cleans up)
on_signal() {
	trap - INT TERM
	if [ -n "$child" ]; then
		pkill -TERM -P "$child" 2>/dev/null || true
		kill -TERM "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	echo "$0: interrupted" >&9
	exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
