# u16 — PGXS build.  Targets: all install test demo bench fuzz deb dist (see README.md).
#
# `make test`, `make demo`, `make bench` and `make fuzz` work on a bare Debian
# machine: they run test/deps first, which installs PostgreSQL and its server
# headers (PGXS) and clang with libFuzzer.  `make fuzz` (test/fuzz/run) fuzzes
# the text parsers for FUZZ_SECONDS (default 60) each; `make test SANITIZE=1`
# runs the whole suite on a build with AddressSanitizer and UBSan.
# `make deb` (tools/build-deb: Debian packages, out of tree, into dist/) and
# `make dist` (tools/dist: the PGXN zip of git HEAD, into dist/) are driver
# goals too.  Every other target needs PGXS and says so when it is missing.

EXTENSION  = u16
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

# Released versions keep their frozen install script (src/sql/released/); from
# each, an update script to this version is generated (src/sql/update-script).
RELEASED   = $(filter-out $(EXTVERSION),$(patsubst src/sql/released/$(EXTENSION)--%.sql,%,$(wildcard src/sql/released/$(EXTENSION)--*.sql)))
SQL_PARTS  = $(sort $(wildcard src/sql/[0-9]*.sql))

MODULE_big = u16
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql $(foreach v,$(RELEASED),$(EXTENSION)--$(v)--$(EXTVERSION).sql)
DATA       = $(wildcard src/sql/released/*.sql)
REGRESS    = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION)
PG_CPPFLAGS = -I$(srcdir)/src -DU16_VERSION='"$(EXTVERSION)"'
PG_CFLAGS  = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
EXTRA_CLEAN = results regression.diffs regression.out tmp_check test/unit/parse_test test/fuzz/build

# Test, demo, bench and release drivers bring their own prerequisites.
.DEFAULT_GOAL := all
DRIVER_GOALS = test demo bench fuzz deb dist test-matrix test-citus
.PHONY: $(DRIVER_GOALS)
test:
	@test/run
demo:
	@test/demo/run
bench:
	@test/bench/run
fuzz:
	@test/fuzz/run
deb:
	@tools/build-deb --lintian
dist:
	@tools/dist
# Other PostgreSQL majors built from Debian's source packages (PG_MAJORS,
# default 17 18 19), and a three-node Citus cluster: docs/platforms.md.
test-matrix:
	@test/matrix/run
test-citus:
	@test/citus/run

# `make SANITIZE_BUILD=1 with_llvm=no`: u16.so instrumented with AddressSanitizer
# and UndefinedBehaviorSanitizer (signed overflow included: -fno-wrapv undoes
# PostgreSQL's -fwrapv for u16's own code), plus test/sanitize/*.c, for `make
# test SANITIZE=1`, which builds it in a copy of the tree and runs servers
# with the ASan runtime preloaded (test/lib/cluster.sh).  with_llvm=no: no JIT
# bitcode for it.
ifeq ($(SANITIZE_BUILD),1)
SANITIZE_FLAGS = -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
PG_CFLAGS  += $(SANITIZE_FLAGS) -fno-omit-frame-pointer -fno-wrapv -O1
SHLIB_LINK += $(SANITIZE_FLAGS)
OBJS       += test/sanitize/options.o test/sanitize/canary.o
endif

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)

# The pg_regress tests, for test/run (which may leave one out).
.PHONY: print-regress
print-regress:
	@echo $(REGRESS)

# PGXS does not track headers: rebuild every object when any header changes.
$(OBJS): $(wildcard src/*.h)

# The module's version string comes from the control file.
src/u16.o: $(EXTENSION).control

# The install script is the ordered concatenation of src/sql/NN_*.sql; each
# update script is generated from the migrations and the same parts.
$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS) $(EXTENSION).control
	cat $(SQL_PARTS) > $@
$(EXTENSION)--%--$(EXTVERSION).sql: $(SQL_PARTS) $(wildcard src/sql/updates/*.sql) src/sql/reapply.awk src/sql/update-script
	src/sql/update-script $* $(EXTVERSION) > $@

else ifneq ($(filter-out $(DRIVER_GOALS),$(or $(MAKECMDGOALS),all)),)
$(error PGXS not found via '$(PG_CONFIG) --pgxs': run 'test/deps' (as root) or set PG_CONFIG)
endif
