# test/lib/cluster.sh — a throwaway PostgreSQL cluster with u16 installed into
# a private directory, for `make test`, `make demo` and `make bench`.
#
# Sourced by the drivers.  build_and_install builds u16 and installs it into a
# temporary DESTDIR; cluster_start runs initdb + pg_ctl on a private Unix
# socket with Debian's extension_destdir pointing at that DESTDIR, so nothing
# is installed into the system.  (Without extension_destdir, i.e. on a
# non-Debian build of PostgreSQL, u16 is installed for real.)  As root the
# server runs as the 'postgres' user.  cluster_stop removes everything.
#
# With SANITIZE=1 (`make test SANITIZE=1`) build_and_install builds u16.so
# with AddressSanitizer and UndefinedBehaviorSanitizer, in a copy of the tree
# so that the checkout's objects stay uninstrumented, and every server that
# cluster_start starts runs with the compiler's ASan runtime preloaded (the
# server itself is not instrumented; test/sanitize/preload.c is preloaded
# too).  ASan writes its reports into $U16_SANITIZER_DIR/reports, UBSan into
# the server log; sanitizer_reports prints them.

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

# server_major PG_CONFIG: the server's major version (15, 19, ...).
server_major() {
	"$1" --version | sed -n 's/^PostgreSQL \([0-9]*\).*/\1/p'
}

# system_server PG_CONFIG: 0 if that server is Debian's package installed on
# this system (its programs in /usr/lib/postgresql/MAJOR/bin), which tests
# must leave as it is; not a server of make test-matrix's cache.
system_server() {
	local major
	major=$(server_major "$1")
	[ -n "$major" ] && [ "$(realpath "$("$1" --bindir)")" = "/usr/lib/postgresql/$major/bin" ]
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
	if [ "${SANITIZE:-0}" = 1 ]; then
		sanitize_build || return 1
	else
		make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" >/dev/null || return 1
		U16_DESTDIR=$(mktemp -d "${TMPDIR:-/tmp}/u16-install.XXXXXX")
		chmod 755 "$U16_DESTDIR"
		make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" install DESTDIR="$U16_DESTDIR" >/dev/null || return 1
	fi
	chmod -R a+rX "$U16_DESTDIR"
	export U16_DESTDIR
	if ! grep -qs extension_destdir "$("$PG_CONFIG" --sharedir)/postgresql.conf.sample"; then
		echo "note: this PostgreSQL has no extension_destdir; installing u16 for real" >&2
		if [ "${SANITIZE:-0}" = 1 ]; then
			echo "SANITIZE=1 needs a PostgreSQL with extension_destdir (Debian's)" >&2
			return 1
		fi
		make -s -C "$U16_ROOT" PG_CONFIG="$PG_CONFIG" install >/dev/null || return 1
		rm -rf "$U16_DESTDIR"
		U16_DESTDIR=
	fi
}

# The SANITIZE=1 build: u16.so with ASan and UBSan (Makefile: SANITIZE_BUILD=1)
# built in a temporary copy of the tree and installed into U16_DESTDIR, and
# test/sanitize/preload.c built into $U16_SANITIZER_DIR.
sanitize_build() {
	local cc copy status
	cc=$("$PG_CONFIG" --cc | awk '{ print $1 }')
	U16_ASAN_RUNTIME=$("$cc" -print-file-name=libasan.so)
	if [ ! -e "$U16_ASAN_RUNTIME" ]; then
		echo "SANITIZE=1: $cc has no AddressSanitizer runtime (libasan.so)" >&2
		return 1
	fi
	U16_ASAN_RUNTIME=$(readlink -f "$U16_ASAN_RUNTIME")
	U16_SANITIZER_DIR=$(mktemp -d "${TMPDIR:-/tmp}/u16-sanitizer.XXXXXX")
	mkdir "$U16_SANITIZER_DIR/reports"
	chmod 755 "$U16_SANITIZER_DIR"
	chmod 1777 "$U16_SANITIZER_DIR/reports"
	export U16_ASAN_RUNTIME U16_SANITIZER_DIR
	"$cc" -shared -fPIC -O1 -Wall -o "$U16_SANITIZER_DIR/preload.so" \
		"$U16_ROOT/test/sanitize/preload.c" -ldl || return 1
	copy=$(mktemp -d "${TMPDIR:-/tmp}/u16-sanitize-build.XXXXXX")
	tar -C "$U16_ROOT" --exclude=./.git --exclude=./dist --exclude=./test/fuzz/build \
		--exclude='*.o' --exclude='*.so' --exclude='*.bc' -cf - . | tar -C "$copy" -xf -
	U16_DESTDIR=$(mktemp -d "${TMPDIR:-/tmp}/u16-install.XXXXXX")
	chmod 755 "$U16_DESTDIR"
	set -- PG_CONFIG="$PG_CONFIG" SANITIZE_BUILD=1 with_llvm=no
	make -s -C "$copy" "$@" >/dev/null && make -s -C "$copy" "$@" install DESTDIR="$U16_DESTDIR" >/dev/null
	status=$?
	rm -rf "$copy"
	[ "$status" -eq 0 ] || return 1
	echo "SANITIZE=1: u16.so built with -fsanitize=address,undefined by $cc; servers preload $U16_ASAN_RUNTIME" >&2
}

# The environment a server starts with: for SANITIZE=1 the ASan runtime
# (before everything else, as the server binary is not instrumented) and its
# options; leak detection is off, the server is not built for it.
server_env() {
	if [ -n "${U16_SANITIZER_DIR:-}" ]; then
		echo "LD_PRELOAD=$U16_ASAN_RUNTIME $U16_SANITIZER_DIR/preload.so"
		echo "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:print_stacktrace=1:log_path=$U16_SANITIZER_DIR/reports/asan"
	fi
}

# sanitizer_reports [server log...]: prints every sanitizer report written so
# far (report files and report lines in the given server logs); status 1 if
# there is any.
sanitizer_reports() {
	local found=0 f
	if [ -n "${U16_SANITIZER_DIR:-}" ]; then
		for f in "$U16_SANITIZER_DIR"/reports/*; do
			[ -e "$f" ] || continue
			found=1
			echo "== $f"
			cat "$f"
		done
	fi
	for f in "$@"; do
		[ -f "$f" ] || continue
		if grep -qE 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$f"; then
			found=1
			echo "== $f"
			grep -E -A30 'ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer' "$f"
		fi
	done
	[ "$found" -eq 0 ]
}

# A TCP port on 127.0.0.1 that nothing listens on.
free_port() {
	local port
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 20000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return
		fi
	done
	echo 54329
}

# cluster_start [postgres -c options...]
cluster_start() {
	U16_CLUSTER=$(mktemp -d "${TMPDIR:-/tmp}/u16-cluster.XXXXXX")
	chmod 755 "$U16_CLUSTER"
	[ "$(id -u)" = 0 ] && chown postgres: "$U16_CLUSTER"
	as_server "$PG_BIN/initdb" -D "$U16_CLUSTER/data" -U postgres -A trust \
		-E UTF8 --locale=C.UTF-8 >"$U16_CLUSTER/initdb.log" 2>&1 ||
		{ cat "$U16_CLUSTER/initdb.log" >&2; return 1; }
	U16_PORT=$(free_port)
	{
		# A private socket, plus loopback TCP for clients that need it (JDBC).
		echo "listen_addresses = '127.0.0.1'"
		echo "unix_socket_directories = '$U16_CLUSTER'"
		echo "port = $U16_PORT"
		echo "fsync = off"
		[ -n "$U16_DESTDIR" ] && echo "extension_destdir = '$U16_DESTDIR'"
		for setting in "$@"; do echo "$setting"; done
	} | as_server tee -a "$U16_CLUSTER/data/postgresql.conf" >/dev/null
	local env
	mapfile -t env < <(server_env)
	as_server env "${env[@]}" "$PG_BIN/pg_ctl" -D "$U16_CLUSTER/data" -l "$U16_CLUSTER/server.log" \
		-w start >/dev/null || { cat "$U16_CLUSTER/server.log" >&2; return 1; }
	export PGHOST="$U16_CLUSTER" PGPORT="$U16_PORT" PGUSER=postgres PGDATABASE=postgres
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
