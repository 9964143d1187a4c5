/*
 * preload.c — preloaded after the ASan runtime into the server by
 * `make test SANITIZE=1` (test/lib/cluster.sh), so that ASan starts up
 * outside glibc's gettext lock.
 *
 * The server binary is not instrumented, so the ASan runtime must be
 * preloaded; it then starts at the first malloc.  On Debian 12 that first
 * malloc is inside libgpg-error's constructor, in bindtextdomain(), which
 * holds glibc's _nl_state_lock; ASan's start-up calls dlerror(), which takes
 * that lock again, and the server hangs before main().  This bindtextdomain()
 * starts ASan first, then calls glibc's.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

extern void __asan_init(void);
extern char *bindtextdomain(const char *domainname, const char *dirname);

char *
bindtextdomain(const char *domainname, const char *dirname)
{
	static char *(*next) (const char *, const char *);

	__asan_init();
	if (next == NULL)
		next = (char *(*) (const char *, const char *)) dlsym(RTLD_NEXT, "bindtextdomain");
	return next(domainname, dirname);
}
