# test/lib/pgserver.sh — PostgreSQL servers of other majors, built from
# Debian's source packages into a cache, for `make test-matrix` and `make
# test-citus` (test/matrix/run, test/citus/run).
#
# Sourced.  pg_server MAJOR sets PG_SERVER_PREFIX to an installed server of
# that major (bin/pg_config, bin/postgres, include/, lib/pgxs, the contrib
# modules the tests use), building it first unless the cache already holds a
# complete build of it:
#
#   $U16_CACHE/postgresql-MAJOR/           the installation (--prefix)
#   $U16_CACHE/postgresql-MAJOR/u16-build  what it was built from: the Debian
#                                          source version, `pg_config
#                                          --version` and the configure options
#   $U16_CACHE/postgresql-MAJOR.log        the last build's log
#   $U16_CACHE/apt/                        the private apt lists and downloads
#
# U16_CACHE defaults to ~/.cache/u16, as root to /var/cache/u16 (the server
# runs as the 'postgres' user then, who cannot enter /root).  It is never in
# the repository.  A cached build is reused when its stamp names the same
# configure options and its pg_config reports the version the stamp
# recorded; otherwise (or with PG_SERVER_REBUILD=1) it is built again.
#
# The source: `apt-get source --download-only postgresql-MAJOR` with a private
# sources list of deb-src entries for Debian's newer suites (trixie and
# trixie-security for 17, sid for 18, experimental for 19), on the archive the
# system's own apt sources use, and private lists
# (Dir::Etc::sourcelist, Dir::State::lists, Dir::Cache), so the system's apt
# configuration and lists are left alone.  Only the upstream tarball
# (*.orig.tar.*) is used: the server is upstream PostgreSQL, configured much
# as Debian configures it (LLVM JIT, ICU, libxml, lz4, zstd).  Building needs
# the packages `test/deps matrix` installs.
#
# When the archive indexes a source package but does not serve its files (17
# and 19 in December 2026: 404), the server comes from Debian's binary
# packages instead, unpacked into the cache (pg_server_packages below).
#
# pg_server returns 0 with PG_SERVER_PREFIX set, 2 when the registry serves
# neither the source nor the packages (PG_SERVER_WHY says what failed), 1 when
# the build fails (the log's tail is printed).
#
# pg_server_forget_u16 PG_CONFIG: removes u16's files from a cached server,
# so that what runs there next is exactly the tree's build.
#
# copy_tree ROOT DEST: the tree's source files as they are now (tracked and
# untracked, not ignored) in DEST, committed there as one git commit (for
# test/t/dist), so that u16 can be built and tested against another server
# without mixing objects and results with the checkout's.

PG_SERVER_CONFIGURE_OPTIONS="--with-llvm --with-icu --with-libxml --with-lz4 --with-zstd"
PG_SERVER_CONTRIB="postgres_fdw amcheck"

u16_cache_dir() {
	if [ -n "${U16_CACHE:-}" ]; then
		echo "$U16_CACHE"
	elif [ "$(id -u)" = 0 ]; then
		echo /var/cache/u16
	else
		echo "${XDG_CACHE_HOME:-$HOME/.cache}/u16"
	fi
}

# pg_server_apt ARGS...: apt-get on the private sources list and lists.
pg_server_apt() {
	pg_server_apt_in "$(u16_cache_dir)/apt" apt-get -q "$@"
}

# pg_server_apt_in DIR COMMAND ARGS...: apt-get or apt-cache on the sources
# list and lists in DIR.
pg_server_apt_in() {
	local dir=$1 command=$2
	shift 2
	"$command" \
		-o Dir::Etc::sourcelist="$dir/sources.list" -o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::lists="$dir/lists" -o Dir::Cache="$dir/cache" \
		-o APT::Sandbox::User="$(id -un)" "$@"
}

# pg_server_archive: PG_SERVER_ARCHIVE and PG_SERVER_SECURITY, Debian's
# archive and security archive as the system's apt sources name them.
pg_server_archive() {
	local codename targets
	codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
	targets=$(apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 2>/dev/null | sort -u)
	PG_SERVER_ARCHIVE=$(awk -v r="$codename" '$1 == r { print $2; exit }' <<<"$targets")
	PG_SERVER_SECURITY=$(awk -v r="$codename-security" '$1 == r { print $2; exit }' <<<"$targets")
	if [ -z "$codename" ] || [ -z "$PG_SERVER_ARCHIVE" ]; then
		PG_SERVER_WHY="no Debian archive for '$codename' among the system's apt sources (run apt-get update)"
		return 2
	fi
}

# The private apt lists, made (or refreshed) once per run of a driver.
pg_server_apt_update() {
	local dir keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -n "${PG_SERVER_APT_UPDATED:-}" ] && return 0
	dir=$(u16_cache_dir)/apt
	mkdir -p "$dir/lists/partial" "$dir/cache"
	pg_server_archive || return $?
	{
		echo "deb-src [signed-by=$keyring] $PG_SERVER_ARCHIVE trixie main"
		[ -z "$PG_SERVER_SECURITY" ] || echo "deb-src [signed-by=$keyring] $PG_SERVER_SECURITY trixie-security main"
		echo "deb-src [signed-by=$keyring] $PG_SERVER_ARCHIVE sid main"
		echo "deb-src [signed-by=$keyring] $PG_SERVER_ARCHIVE experimental main"
	} >"$dir/sources.list"
	if ! pg_server_apt update >"$dir/update.log" 2>&1; then
		PG_SERVER_WHY="apt-get update of the private deb-src lists failed: $(pg_server_errors "$dir/update.log")"
		return 2
	fi
	PG_SERVER_APT_UPDATED=1
}

# The error lines of an apt log, on one line, without the server's address.
pg_server_errors() {
	grep -E '^(E|W):' "$1" | head -n 3 | sed -E 's/ *\[IP: [^]]*\]//' | tr '\n' ' '
}

# The stamp a build of MAJOR would write, without the version (known only
# after the download).
pg_server_options() {
	echo "configure: $PG_SERVER_CONFIGURE_OPTIONS; contrib: $PG_SERVER_CONTRIB"
}

# pg_server_cached MAJOR: 0 if the cache holds a complete build of MAJOR made
# with the current options; PG_SERVER_PREFIX is set then.
pg_server_cached() {
	local prefix stamp recorded
	prefix=$(u16_cache_dir)/postgresql-$1
	stamp=$prefix/u16-build
	[ -f "$stamp" ] && [ -x "$prefix/bin/pg_config" ] || return 1
	grep -qxF "$(pg_server_options)" "$stamp" || grep -q '^packages: ' "$stamp" || return 1
	recorded=$(sed -n 's/^pg_config: //p' "$stamp")
	[ -n "$recorded" ] && [ "$("$prefix/bin/pg_config" --version 2>/dev/null)" = "$recorded" ] || return 1
	case $recorded in "PostgreSQL $1."* | "PostgreSQL $1"[a-z]*) ;; *) return 1 ;; esac
	"$prefix/bin/postgres" --version >/dev/null 2>&1 || return 1
	PG_SERVER_PREFIX=$prefix
}

pg_server() {
	local major=$1 cache prefix src build log orig version jobs status
	PG_SERVER_PREFIX=
	PG_SERVER_WHY=
	cache=$(u16_cache_dir)
	prefix=$cache/postgresql-$major
	if [ "${PG_SERVER_REBUILD:-0}" != 1 ] && pg_server_cached "$major"; then
		return 0
	fi
	mkdir -p "$cache" || return 1
	pg_server_apt_update || return $?
	src=$cache/apt/source-$major
	rm -rf "$src"
	mkdir -p "$src"
	# apt-get picks the newest version in the four suites.
	if ! (cd "$src" && pg_server_apt source --download-only "postgresql-$major") >"$src.log" 2>&1; then
		if grep -q ' 404 ' "$src.log"; then
			PG_SERVER_WHY="the archive does not serve the source package postgresql-$major (404 Not Found: $(grep -oE '/[^/ ]+ +404 ' "$src.log" |
				sed -E 's#^/##; s/ +404 $//; s/%2[bB]/+/g; s/%7[eE]/~/g' | tr '\n' ' ' | sed 's/ $//'))"
		else
			PG_SERVER_WHY="apt-get source --download-only postgresql-$major failed: $(pg_server_errors "$src.log")"
		fi
		rm -rf "$src"
		pg_server_packages "$major"
		return $?
	fi
	version=$(ls "$src" | sed -n "s/^postgresql-${major}_\(.*\)\.dsc$/\1/p")
	orig=$(ls "$src"/postgresql-"$major"_*.orig.tar.* 2>/dev/null | head -n 1)
	if [ -z "$orig" ]; then
		PG_SERVER_WHY="the source package postgresql-$major=$version has no upstream tarball"
		return 2
	fi

	log=$cache/postgresql-$major.log
	build=$cache/build-$major
	rm -rf "$build" "$prefix"
	mkdir -p "$build"
	jobs=$(nproc 2>/dev/null || echo 2)
	echo "building PostgreSQL $major from $(basename "$orig") (Debian source $version) into $prefix; log: $log" >&2
	(
		set -e
		# A top-level make of PostgreSQL generates its headers first only at
		# MAKELEVEL 0; under `make test-matrix` it would be 1.
		unset MAKELEVEL MAKEFLAGS MFLAGS
		tar -C "$build" --strip-components=1 -xf "$orig"
		cd "$build"
		# shellcheck disable=SC2086 # the options are words
		./configure --prefix="$prefix" $PG_SERVER_CONFIGURE_OPTIONS
		make -j"$jobs"
		make install
		for module in $PG_SERVER_CONTRIB; do
			make -C "contrib/$module" -j"$jobs" install
		done
	) >"$log" 2>&1
	status=$?
	if [ "$status" -ne 0 ]; then
		echo "building PostgreSQL $major failed (exit status $status); the end of $log:" >&2
		tail -n 40 "$log" >&2
		return 1
	fi
	{
		echo "source: postgresql-$major $version ($(basename "$orig"))"
		echo "pg_config: $("$prefix/bin/pg_config" --version)"
		pg_server_options
	} >"$prefix/u16-build"
	# The server runs as 'postgres' under root: it must read its own files.
	chmod -R a+rX "$prefix"
	rm -rf "$build" "$src" "$src.log"
	pg_server_cached "$major" || { echo "the new build in $prefix does not verify" >&2; return 1; }
}

# pg_server_local_compiler MAKEFILE_GLOBAL: PGXS of Debian's packages for
# this system's compiler: no LLVM bitcode (the packages' clang is not here),
# and without the warning options of the packages' newer gcc that this one
# does not know (19's -Wmissing-variable-declarations on Debian 12's gcc 12).
pg_server_local_compiler() {
	local global=$1 cc flag probe
	sed -i 's/^with_llvm\s*=.*/with_llvm = no/' "$global"
	cc=$(sed -n 's/^CC = //p' "$global")
	for flag in $(sed -n -E 's/^(CFLAGS|PERMIT_[A-Z_]+) = //p' "$global" | tr ' ' '\n' | grep -E '^-W' | sort -u); do
		probe=${flag/#-Wno-/-W}
		case $(echo 'int u16_probe;' | ${cc:-gcc} "$probe" -x c -c -o /dev/null - 2>&1) in
		*unrecognized*) ;;
		*) continue ;;
		esac
		sed -i -E "/^(CFLAGS|PERMIT_[A-Z_]+) =/ { s/ ${flag}( |$)/ /g; s/= ${flag}( |$)/= /; }" "$global"
	done
}

# pg_server_packages MAJOR: when the archive serves MAJOR's binary packages
# but not its source (PG_SERVER_WHY says why not), the server from Debian's
# packages of the first suite that has them (pg_server_binary_suite),
# unpacked into $U16_CACHE/postgresql-MAJOR/root with every library they need
# from that suite, the C library included (pg_server_unpack).  Those binaries
# need a newer C library than this system's, so each program gets the suite's
# dynamic loader and library directory (pg_server_relink); the server's paths
# follow its bin directory (PostgreSQL's relocatable installation), so bin is
# a link to root/usr/lib/postgresql/MAJOR/bin.  u16 is built with this
# system's compiler (pg_server_local_compiler).  Returns 2 when no suite has
# the packages.
pg_server_packages() {
	local major=$1 prefix suite version packages root
	prefix=$(u16_cache_dir)/postgresql-$major
	pg_server_binary_suite "$major" || return $?
	suite=$PG_SERVER_SUITE version=$PG_SERVER_SUITE_VERSION
	echo "PostgreSQL $major: $PG_SERVER_WHY; using Debian's binary packages of $suite ($version) instead" >&2
	rm -rf "$prefix"
	packages=$(pg_server_unpack "$major" "$suite" "$prefix/root") || return 1
	root=$prefix/root
	pg_server_relink "$root" "$root/usr/lib/postgresql/$major" || return 1
	pg_server_local_compiler "$root/usr/lib/postgresql/$major/lib/pgxs/src/Makefile.global"
	ln -s "root/usr/lib/postgresql/$major/bin" "$prefix/bin"
	{
		echo "source: Debian's binary packages of $suite, postgresql-$major $version"
		echo "pg_config: $("$prefix/bin/pg_config" --version)"
		echo "packages: $packages"
	} >"$prefix/u16-build"
	chmod -R a+rX "$prefix"
	pg_server_cached "$major" || { echo "the packages unpacked in $prefix do not verify" >&2; return 1; }
}

# pg_server_binary_suite MAJOR: PG_SERVER_SUITE and PG_SERVER_SUITE_VERSION,
# the first of trixie, sid and experimental (with sid beside it) whose
# binary packages have postgresql-MAJOR, and its version; private apt lists
# per suite in $U16_CACHE/apt-binary.  Returns 2 when none has it.
pg_server_binary_suite() {
	local major=$1 dir suite version keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	dir=$(u16_cache_dir)/apt-binary
	pg_server_archive || return $?
	for suite in trixie sid experimental; do
		mkdir -p "$dir/$suite/lists/partial" "$dir/$suite/cache"
		{
			echo "deb [signed-by=$keyring] $PG_SERVER_ARCHIVE $suite main"
			[ "$suite" != experimental ] || echo "deb [signed-by=$keyring] $PG_SERVER_ARCHIVE sid main"
		} >"$dir/$suite/sources.list"
		pg_server_apt_in "$dir/$suite" apt-get -q update >"$dir/$suite/update.log" 2>&1 || continue
		version=$(pg_server_apt_in "$dir/$suite" apt-cache policy "postgresql-$major" 2>/dev/null |
			sed -n 's/^ *Candidate: //p')
		if [ -n "$version" ] && [ "$version" != "(none)" ]; then
			PG_SERVER_SUITE=$suite PG_SERVER_SUITE_VERSION=$version
			return 0
		fi
	done
	PG_SERVER_WHY="$PG_SERVER_WHY; no binary package postgresql-$major either"
	return 2
}

# pg_server_unpack MAJOR SUITE ROOT: downloads postgresql-MAJOR,
# postgresql-client-MAJOR (psql, pg_config, pg_regress),
# postgresql-MAJOR-jit where the JIT is a package of its own (19),
# postgresql-server-dev-MAJOR and libpq-dev (for Citus), and every lib*
# package the programs depend on, from SUITE, and unpacks them into ROOT;
# prints the packages.  The headers come without what they
# depend on (compilers).
pg_server_unpack() {
	local major=$1 suite=$2 root=$3 dir programs packages deb
	dir=$(u16_cache_dir)/apt-binary
	programs="postgresql-$major postgresql-client-$major"
	if pg_server_apt_in "$dir/$suite" apt-cache show "postgresql-$major-jit" >/dev/null 2>&1; then
		programs="$programs postgresql-$major-jit"
	fi
	# shellcheck disable=SC2086 # the package names are words
	packages=$(pg_server_apt_in "$dir/$suite" apt-cache depends --recurse --no-recommends --no-suggests \
		--no-conflicts --no-breaks --no-replaces --no-enhances $programs \
		2>/dev/null | grep -E '^lib' | sort -u | tr '\n' ' ')
	packages="$programs postgresql-server-dev-$major libpq-dev $packages"
	rm -rf "$dir/debs"
	mkdir -p "$dir/debs" "$root"
	# shellcheck disable=SC2086 # the package names are words
	if ! (cd "$dir/debs" && pg_server_apt_in "$dir/$suite" apt-get -q download $packages) >"$dir/download.log" 2>&1; then
		echo "downloading the packages of PostgreSQL $major failed: $(pg_server_errors "$dir/download.log")" >&2
		return 1
	fi
	for deb in "$dir"/debs/*.deb; do
		dpkg-deb -x "$deb" "$root" || return 1
	done
	rm -rf "$dir/debs"
	echo "$packages"
}

# pg_server_relink ROOT DIR: every program under DIR runs with the dynamic
# loader and the libraries unpacked in ROOT (patchelf), not this system's.
pg_server_relink() {
	local root=$1 lib loader file
	lib=$root/usr/lib/$(gcc -print-multiarch)
	loader=$(ls "$lib"/ld-linux*.so.* 2>/dev/null | head -n 1)
	[ -n "$loader" ] || { echo "the packages unpacked in $root brought no dynamic loader into $lib" >&2; return 1; }
	while IFS= read -r -d '' file; do
		readelf -l "$file" 2>/dev/null | grep -q 'program interpreter' || continue
		patchelf --set-interpreter "$loader" --force-rpath --set-rpath "$lib" "$file" || return 1
	done < <(find "$2" -type f -perm -u+x -print0)
}

copy_tree() {
	local root=$1 dest=$2
	mkdir -p "$dest" || return 1
	if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git -C "$root" ls-files -z --cached --others --exclude-standard |
			(cd "$root" && xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
			tar -C "$root" --null -T - -cf - | tar -C "$dest" -xf - || return 1
	else
		tar -C "$root" --exclude=./build --exclude=./dist --exclude=./results --exclude='*.o' \
			--exclude='*.so' --exclude='*.bc' -cf - . | tar -C "$dest" -xf - || return 1
	fi
	git -C "$dest" init -q &&
		git -C "$dest" add -A &&
		git -C "$dest" -c user.name=u16-test -c user.email=test@u16.invalid \
			commit -q -m "snapshot of $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'a tree')"
}

pg_server_forget_u16() {
	local lib
	lib=$("$1" --pkglibdir)
	rm -rf "$("$1" --sharedir)"/extension/u16[.-]* "$lib/u16.so" "$lib/bitcode/u16" "$lib/bitcode/u16.index.bc"
}
