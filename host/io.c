// SPDX-License-Identifier: MIT
/*
 * host/io.c — files, console, heap and time for the layers above.
 *
 * No kernel counterpart.  Everything here is a thin wrapper over libc so
 * that no code outside host/ and tools/ touches the OS.
 */
#include "mmsim/host.h"
#include "linux/errno.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void host_console_write(const char *text, size_t len)
{
	fwrite(text, 1, len, stdout);
}

char *host_read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

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
 * data/ is found next to the source tree the binary was built in
 * (build/mmsim -> ../data), or wherever MMSIM_DATA_DIR points.
 */
const char *host_data_dir(void)
{
	static char dir[4096];
	char exe[2048];
	ssize_t n;
	char *slash;
	struct stat st;
	const char *env = getenv("MMSIM_DATA_DIR");

	if (env && *env)
		return env;
	if (dir[0])
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		/* walk up from the binary until a data/ directory appears */
		while ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%s/data/configs", exe);
			if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
				snprintf(dir, sizeof(dir), "%s/data", exe);
				return dir;
			}
		}
	}
	snprintf(dir, sizeof(dir), "data");
	return dir;
}
