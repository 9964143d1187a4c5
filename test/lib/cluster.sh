# test/lib/cluster.sh — a throwaway PostgreSQL cluster with u16 installed into
# a private directory, for `make test`, `make demo` and `make bench`.
#
# Sourced by the drivers.  build_and_install builds u16 and installs it into a
# temporary DESTDIR; cluster_start runs initdb + pg_ctl on a private Unix
# socket with Debian's extension_destdir pointing at that DESTDIR, so nothing
# is installed into the system.  (Without extension_destdir, i.e. on a
# non-Debian build of PostgreSQL, u16 is installed for real.)  As root the
# server runs as the 'postgres' user.  cluster_stop removes everything.

U16_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

find_pg_config() {
	if [ -n "${PG_CONFIG:-}" ]; then echo "$PG_CONFIG"; return; fi
	local newest
	newest=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n 1)
	if [ -n "$newest" ] && [ -x "/usr/lib/postgresql/$newest/bin/pg_config" ]; then
		echo "/usr/lib/postgresql/$newest/bin/pg_config"
	else
		command -v pg_config
	fi
}

# as_server CMD...: run CMD as the user the server runs as.
as_server() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

build_and_install() {
	PG_CONFIG=$(find_pg_config)
	PG_BIN=$("$PG_CONFIG" --bindir)
	export PG_CONFIG PG_BIN PATH="$PG_BIN:$PATH"
	make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" >/dev/null || return 1
	U16_DESTDIR=$(mktemp -d "${TMPDIR:-/tmp}/u16-install.XXXXXX")
	chmod 755 "$U16_DESTDIR"
	make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" install DESTDIR="$U16_DESTDIR" >/dev/null || return 1
	chmod -R a+rX "$U16_DESTDIR"
	export U16_DESTDIR
	if ! grep -qs extension_destdir "$("$PG_CONFIG" --sharedir)/postgresql.conf.sample"; then
		echo "note: this PostgreSQL has no extension_destdir; installing u16 for real" >&2
		make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" install >/dev/null || return 1
		U16_DESTDIR=
	fi
}

# cluster_start [postgres -c options...]
cluster_start() {
	U16_CLUSTER=$(mktemp -d "${TMPDIR:-/tmp}/u16-cluster.XXXXXX")
	chmod 755 "$U16_CLUSTER"
	[ "$(id -u)" = 0 ] && chown postgres: "$U16_CLUSTER"
	as_server "$PG_BIN/initdb" -D "$U16_CLUSTER/data" -U postgres -A trust \
		-E UTF8 --locale=C.UTF-8 >"$U16_CLUSTER/initdb.log" 2>&1 ||
		{ cat "$U16_CLUSTER/initdb.log" >&2; return 1; }
	{
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$U16_CLUSTER'"
		echo "port = 5432"
		echo "fsync = off"
		[ -n "$U16_DESTDIR" ] && echo "extension_destdir = '$U16_DESTDIR'"
		for setting in "$@"; do echo "$setting"; done
	} | as_server tee -a "$U16_CLUSTER/data/postgresql.conf" >/dev/null
	as_server "$PG_BIN/pg_ctl" -D "$U16_CLUSTER/data" -l "$U16_CLUSTER/server.log" \
		-w start >/dev/null || { cat "$U16_CLUSTER/server.log" >&2; return 1; }
	export PGHOST="$U16_CLUSTER" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
}

# cluster_start_destdir DIR [postgres -c options...]: like cluster_start, with
# extension_destdir = DIR (e.g. an unpacked .deb) instead of the build's DESTDIR.
# cluster_stop removes DIR too.
cluster_start_destdir() {
	U16_DESTDIR=$1
	shift
	cluster_start "$@"
}

cluster_stop() {
	[ -n "${U16_CLUSTER:-}" ] || return 0
	as_server "$PG_BIN/pg_ctl" -D "$U16_CLUSTER/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$U16_CLUSTER" "${U16_DESTDIR:-}"
	U16_CLUSTER=
}
