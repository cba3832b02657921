// SPDX-License-Identifier: MIT
/*
 * host/io.c — files, console, heap and time for the layers above.
 *
 * No kernel counterpart.  Everything here is a thin wrapper over libc so
 * that no code outside host/ and tools/ touches the OS.
 */
#include "mmsim/host.h"
#include "linux/errno.h"

/* One file of data/ built into the program (scripts/embed-data.sh). */
struct embedded_file {
	const char *name;
	const unsigned char *data;
	unsigned long size;
};
extern const struct embedded_file mmsim_embedded_files[];

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <dlfcn.h>
#include <unistd.h>

static const struct embedded_file *embedded_find(const char *path);

void host_console_write(const char *text, size_t len)
{
	fwrite(text, 1, len, stdout);
}

char *host_read_file(const char *path, size_t *lenp)
{
	const struct embedded_file *e = embedded_find(path);
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (e) {
		buf = host_alloc(e->size + 1);
		memcpy(buf, e->data, e->size);
		if (lenp)
			*lenp = e->size;
		return buf;
	}
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = host_realloc(buf, cap + 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

int host_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int err = 0;

	if (!f)
		return -errno;
	if (fwrite(data, 1, len, f) != len)
		err = -EIO;
	if (fclose(f) != 0 && !err)
		err = -errno;
	return err;
}

int host_mkdir_p(const char *path)
{
	char buf[4096];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0777) < 0 && errno != EEXIST)
			return -errno;
		buf[i] = path[i];
	}
	return 0;
}

void *host_alloc(size_t size)
{
	void *p = host_should_fail() ? NULL : calloc(1, size ? size : 1);

	if (!p)
		host_out_of_memory(size);
	return p;
}

void *host_realloc(void *p, size_t size)
{
	void *q = host_should_fail() ? NULL : realloc(p, size ? size : 1);

	if (!q)
		host_out_of_memory(size);
	return q;
}

void host_free(void *p)
{
	free(p);
}

char *host_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = host_alloc(n);

	memcpy(d, s, n);
	return d;
}

u64 host_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + (u64)ts.tv_nsec;
}

/*
 * Where data/ (configs, profiles, DTBs, probes) is, first match wins:
 *
 *   1. $MMSIM_DATA_DIR
 *   2. a data/ directory beside the binary or a parent of it (the source
 *      tree: build/mmsim -> ../data; also build/check/tests/unit/...)
 *   3. ../share/mmsim beside the binary, or beside the library when mmsim
 *      is a shared library (an installed PREFIX/bin, PREFIX/lib)
 *   4. the copy built into the program (scripts/embed-data.sh): the
 *      directory is then MMSIM_EMBEDDED_DIR, whose files host_read_file()
 *      serves from memory.
 */

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Look for data/configs above @start_dir, then for ../share/mmsim. */
static bool find_data_near(const char *start_dir, char *dir, size_t len)
{
	char path[2048];
	char *slash;

	snprintf(path, sizeof(path), "%s", start_dir);
	snprintf(dir, len, "%s/../share/mmsim", path);
	if (is_dir(dir))
		goto found_share;
	do {
		snprintf(dir, len, "%s/data/configs", path);
		if (is_dir(dir)) {
			snprintf(dir, len, "%s/data", path);
			return true;
		}
		slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
	} while (slash && path[0]);
	return false;
found_share:
	return true;
}

static bool dir_of(const char *file, char *out, size_t len)
{
	const char *slash = strrchr(file, '/');

	if (!slash)
		return false;
	snprintf(out, len, "%.*s", (int)(slash - file), file);
	return true;
}

const char *host_data_dir(void)
{
	static char dir[4096];
	char exe[2048], start[2048];
	const char *env = getenv("MMSIM_DATA_DIR");
	Dl_info info;
	ssize_t n;

	if (env && *env)
		return env;
	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if (dir_of(exe, start, sizeof(start)) &&
		    find_data_near(start, dir, sizeof(dir)))
			return dir;
	}
	/* a shared libmmsim: look beside the library file itself */
	if (dladdr((void *)host_data_dir, &info) && info.dli_fname &&
	    strcmp(info.dli_fname, exe) && dir_of(info.dli_fname, start, sizeof(start)) &&
	    find_data_near(start, dir, sizeof(dir)))
		return dir;
	snprintf(dir, sizeof(dir), "%s", MMSIM_EMBEDDED_DIR);
	return dir;
}

/* The built-in copy of data file @path ("<MMSIM_EMBEDDED_DIR>/NAME"), or NULL. */
static const struct embedded_file *embedded_find(const char *path)
{
	size_t n = strlen(MMSIM_EMBEDDED_DIR);
	const struct embedded_file *f;

	if (strncmp(path, MMSIM_EMBEDDED_DIR, n) || path[n] != '/')
		return NULL;
	for (f = mmsim_embedded_files; f->name; f++)
		if (!strcmp(f->name, path + n + 1))
			return f;
	return NULL;
}

bool host_file_readable(const char *path)
{
	return embedded_find(path) || access(path, R_OK) == 0;
}

bool host_data_is_embedded(void)
{
	return !strcmp(host_data_dir(), MMSIM_EMBEDDED_DIR);
}
