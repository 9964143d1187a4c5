/*
 * options.c — linked into u16.so only by the sanitizer build
 * (`make SANITIZE_BUILD=1`, used by `make test SANITIZE=1`).
 *
 * UBSan starts when a backend loads u16.so and reads UBSAN_OPTIONS from
 * /proc/self/environ, which the backend has by then overwritten with its
 * process title; so its options are compiled in.  (ASan starts in the
 * postmaster and reads ASAN_OPTIONS as usual.)  Reports go to stderr, i.e.
 * the server log.
 */
const char *__ubsan_default_options(void);

const char *
__ubsan_default_options(void)
{
	return "print_stacktrace=1:halt_on_error=1";
}
