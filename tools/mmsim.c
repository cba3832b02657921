// SPDX-License-Identifier: MIT
/*
 * tools/mmsim.c — the command line.
 *
 * No kernel counterpart.  Turns `mmsim boot ...` options into a machine
 * description (struct machine_desc), builds the machine, boots it and
 * writes what was asked for.  Every malformed option is reported here, in
 * one line naming the bad value, with exit status 2; the simulated kernel
 * itself never sees invalid descriptions.
 *
 *   mmsim boot [--arch x86_64|arm] [-M pc|q35|vexpress-a9] [-m SIZE]
 *              [-smp N[,sockets=S,cores=C,threads=T]]
 *              [-numa node,mem=SIZE,cpus=A[-B]]... [--e820 FILE] [--dtb FILE]
 *              [--append "CMDLINE"] [--initrd-size BYTES] [--config KCONFIG]
 *              [--profile FILE] [--kernel-addr ADDR] [--kaslr-seed N]
 *              [--kaslr-memory page_offset=A,vmalloc=B,vmemmap=C] [--dump DIR]
 *              [--proc NAME]... [--slub-demo KIND]
 *   mmsim replay-memblock LOG
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/cli.h"
#include "linux/proc_fs.h"
#include "linux/slab.h"
#include "tools/see.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_CONFIG "config-6.1.0-56-amd64"
#define DEFAULT_PROFILE "debian-6.1.0-56-amd64.profile"
/* 32-bit ARM (the board defaults: machine_desc_default()) */
#define ARM_DEFAULT_CONFIG "config-6.1.0-50-armmp"
#define ARM_DEFAULT_PROFILE "debian-6.1.0-50-armmp.profile"
/* the oracle boot's busybox initramfs (--initrd-size 0: none) */
#define ARM_DEFAULT_INITRD 887105

struct boot_opts {
	struct machine_desc desc;
	const char *config_path;
	const char *profile_path;
	const char *e820_path;
	const char *dtb_path;         /* --dtb FILE (ARM) */
	bool arch_given, model_given, ram_given, smp_given, initrd_given;
	const char *x86_only_opt;     /* an x86-only option that was given */
	const char *dump_dir;
	const char *proc_names[32];   /* --proc NAME, in order */
	int nr_proc;
	bool cmdline_given;
	const char *slub_demo;        /* --slub-demo KIND (lib/slub_kunit.c) */
	struct see_opts see;          /* --calls, --inspect, --html (tools/see.c) */
};

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("mmsim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * A size as QEMU's -m takes it: a number (possibly with a fraction) and an
 * optional suffix B, K, M, G, T (binary); no suffix means MiB.  Returns 0
 * and the byte count, or -1 for anything else (zero, negative, garbage).
 */
int cli_parse_size(const char *s, u64 *out, char default_unit)
{
	char *end;
	double v;
	u64 mult;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || v <= 0)
		return -1;
	switch (*end ? *end : default_unit) {
	case 'B': case 'b': mult = 1; break;
	case 'K': case 'k': mult = 1ULL << 10; break;
	case 'M': case 'm': mult = 1ULL << 20; break;
	case 'G': case 'g': mult = 1ULL << 30; break;
	case 'T': case 't': mult = 1ULL << 40; break;
	default: return -1;
	}
	if (*end && end[1] != '\0' && !(end[1] == 'i' && end[2] == 'B' && !end[3]) &&
	    !(end[1] == 'B' && !end[2]))
		return -1;
	if (v * (double)mult >= 18446744073709551615.0)
		return -1;
	*out = (u64)(v * (double)mult);
	return *out ? 0 : -1;
}

/* An unsigned integer (decimal or 0x hex) with nothing after it. */
int cli_parse_u64(const char *s, u64 *out)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno || *end ? -1 : 0;
}

/* -smp N[,sockets=S][,cores=C][,threads=T][,maxcpus=N] as QEMU 7.2 reads it. */
static int parse_smp(const char *arg, struct machine_desc *d)
{
	char buf[256], *tok, *save = NULL;
	u64 v, cpus = 0, sockets = 0, cores = 0, threads = 0, maxcpus = 0;

	if (strlen(arg) >= sizeof(buf))
		goto bad;
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq) {
			if (cli_parse_u64(tok, &cpus) || !cpus)
				goto bad;
			continue;
		}
		*eq = '\0';
		if (cli_parse_u64(eq + 1, &v) || !v)
			goto bad;
		if (!strcmp(tok, "cpus"))
			cpus = v;
		else if (!strcmp(tok, "sockets"))
			sockets = v;
		else if (!strcmp(tok, "cores"))
			cores = v;
		else if (!strcmp(tok, "threads"))
			threads = v;
		else if (!strcmp(tok, "maxcpus"))
			maxcpus = v;
		else if (strcmp(tok, "dies"))
			goto bad;
	}
	/* QEMU >= 6.2: missing values are filled preferring cores */
	if (!cpus)
		cpus = maxcpus ? maxcpus :
			(sockets ? sockets : 1) * (cores ? cores : 1) *
			(threads ? threads : 1);
	if (!maxcpus)
		maxcpus = cpus;
	if (maxcpus < cpus) {
		cli_error("-smp: maxcpus (%llu) is less than the CPU count (%llu) in '%s'",
			  (unsigned long long)maxcpus, (unsigned long long)cpus, arg);
		return -1;
	}
	if (!cpus) {
		cli_error("-smp: the CPU count must be at least 1 (got '%s')", arg);
		return -1;
	}
	if (maxcpus > MMSIM_MAX_CPUS) {
		cli_error("-smp: %llu CPUs is more than NR_CPUS (%d)",
			  (unsigned long long)maxcpus, MMSIM_MAX_CPUS);
		return -1;
	}
	/* QEMU's machine_parse_smp_config(), with the 7.2 preference for cores */
	if (!cores) {
		if (!sockets)
			sockets = 1;
		if (!threads)
			threads = 1;
		cores = maxcpus / (sockets * threads);
	} else if (!sockets) {
		if (!threads)
			threads = 1;
		sockets = maxcpus / (cores * threads);
	}
	if (!threads)
		threads = maxcpus / (sockets * cores);
	if (!sockets || !cores || !threads ||
	    sockets * cores * threads != maxcpus) {
		cli_error("-smp: sockets (%llu) * cores (%llu) * threads (%llu) != maxcpus (%llu) in '%s'",
			  (unsigned long long)sockets, (unsigned long long)cores,
			  (unsigned long long)threads, (unsigned long long)maxcpus, arg);
		return -1;
	}
	d->smp_cpus = (unsigned int)cpus;
	d->max_cpus = (unsigned int)maxcpus;
	d->sockets = (unsigned int)sockets;
	d->cores = (unsigned int)cores;
	d->threads = (unsigned int)threads;
	return 0;
bad:
	cli_error("-smp: cannot parse '%s' (expected N[,sockets=S,cores=C,threads=T])",
		  arg);
	return -1;
}

/* -numa node[,nodeid=I][,mem=SIZE][,cpus=A[-B]] */
static int parse_numa(const char *arg, struct machine_desc *d)
{
	char buf[256], *tok, *save = NULL;
	struct numa_node_desc n = { .mem = 0, .cpu_first = -1, .cpu_last = -1 };

	if (strlen(arg) >= sizeof(buf) || strncmp(arg, "node", 4))
		goto bad;
	if (d->nr_nodes >= MMSIM_MAX_DESC_NODES) {
		cli_error("-numa: more than %d nodes", MMSIM_MAX_DESC_NODES);
		return -1;
	}
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');

		if (!strcmp(tok, "node"))
			continue;
		if (!eq)
			goto bad;
		*eq++ = '\0';
		if (!strcmp(tok, "mem")) {
			if (cli_parse_size(eq, &n.mem, 'M')) {
				cli_error("-numa: invalid memory size '%s'", eq);
				return -1;
			}
		} else if (!strcmp(tok, "cpus")) {
			char *dash = strchr(eq, '-');
			u64 a, b;

			if (dash)
				*dash = '\0';
			if (cli_parse_u64(eq, &a) ||
			    (dash && cli_parse_u64(dash + 1, &b)))
				goto bad;
			if (!dash)
				b = a;
			if (b < a) {
				cli_error("-numa: inverted CPU range '%s-%s'", eq,
					  dash + 1);
				return -1;
			}
			n.cpu_first = (int)a;
			n.cpu_last = (int)b;
		} else if (!strcmp(tok, "nodeid")) {
			u64 id;

			if (cli_parse_u64(eq, &id) || id != d->nr_nodes) {
				cli_error("-numa: nodeid=%s out of order (expected %u)",
					  eq, d->nr_nodes);
				return -1;
			}
		} else {
			goto bad;
		}
	}
	d->nodes[d->nr_nodes++] = n;
	return 0;
bad:
	cli_error("-numa: cannot parse '%s' (expected node,mem=SIZE,cpus=A[-B])", arg);
	return -1;
}

/*
 * --kaslr-memory page_offset=A,vmalloc=B,vmemmap=C (any subset): the bases
 * a real KASLR boot chose.  Each is a 1 GiB-aligned kernel address in the
 * randomisation window (4-level paging), and they must come in this order.
 */
static int parse_kaslr_memory(const char *arg, struct machine_desc *d)
{
	static const char *const names[] = { "page_offset", "vmalloc", "vmemmap" };
	unsigned long *slots[] = { &d->kaslr_page_offset, &d->kaslr_vmalloc,
				   &d->kaslr_vmemmap };
	const u64 lo = 0xffff888000000000ULL, hi = 0xfffffe0000000000ULL;
	char buf[256], *tok, *save = NULL;
	unsigned long prev = 0;
	size_t k;

	if (strlen(arg) >= sizeof(buf))
		goto bad;
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		u64 v;

		if (!eq)
			goto bad;
		*eq = '\0';
		for (k = 0; k < ARRAY_SIZE(names) && strcmp(tok, names[k]); k++)
			;
		if (k == ARRAY_SIZE(names) || cli_parse_u64(eq + 1, &v))
			goto bad;
		if (v < lo || v >= hi || (v & ((1ULL << 30) - 1))) {
			cli_error("--kaslr-memory: %s=%s is not a 1 GiB-aligned address in [%#llx, %#llx)",
				  tok, eq + 1, (unsigned long long)lo, (unsigned long long)hi);
			return -1;
		}
		*slots[k] = v;
	}
	for (k = 0; k < ARRAY_SIZE(slots); k++) {
		if (!*slots[k])
			continue;
		if (*slots[k] <= prev) {
			cli_error("--kaslr-memory: '%s': the bases must rise in the order page_offset, vmalloc, vmemmap", arg);
			return -1;
		}
		prev = *slots[k];
	}
	return 0;
bad:
	cli_error("--kaslr-memory: cannot parse '%s' (expected page_offset=ADDR,vmalloc=ADDR,vmemmap=ADDR)", arg);
	return -1;
}

/* A size the way -m takes it back: 600M, 2G, or plain bytes. */
static const char *size_str(u64 v, char *buf, size_t len)
{
	if (v && !(v % SZ_1G))
		snprintf(buf, len, "%lluG", (unsigned long long)(v / SZ_1G));
	else if (v && !(v % SZ_1M))
		snprintf(buf, len, "%lluM", (unsigned long long)(v / SZ_1M));
	else
		snprintf(buf, len, "%llu bytes", (unsigned long long)v);
	return buf;
}

static int check_numa(const struct machine_desc *d)
{
	char a[32], b[32];
	u64 sum = 0;
	unsigned int i;

	if (!d->nr_nodes)
		return 0;
	for (i = 0; i < d->nr_nodes; i++) {
		sum += d->nodes[i].mem;
		if (d->nodes[i].cpu_last >= (int)d->smp_cpus) {
			cli_error("-numa: node %u names CPU %d but -smp has %u CPUs",
				  i, d->nodes[i].cpu_last, d->smp_cpus);
			return -1;
		}
	}
	if (sum != d->ram_size) {
		cli_error("-numa: the nodes' mem= add up to %s but -m is %s",
			  size_str(sum, a, sizeof(a)), size_str(d->ram_size, b, sizeof(b)));
		return -1;
	}
	return 0;
}

static int check_dump_dir(const char *dir)
{
	char probe[4096];
	FILE *f;

	if (host_mkdir_p(dir)) {
		cli_error("--dump: cannot create directory '%s': %s", dir,
			  strerror(errno));
		return -1;
	}
	snprintf(probe, sizeof(probe), "%s/.mmsim-write-test", dir);
	f = fopen(probe, "w");
	if (!f) {
		cli_error("--dump: directory '%s' is not writable: %s", dir,
			  strerror(errno));
		return -1;
	}
	fclose(f);
	unlink(probe);
	return 0;
}

/* --proc NAME: one of the views fs/proc/ renders. */
static int add_proc_view(struct boot_opts *o, const char *name)
{
	char known[256] = "";
	const char *v;
	size_t i;

	for (i = 0; (v = proc_view_name(i)) != NULL && strcmp(v, name); i++)
		;
	if (!v) {
		for (i = 0; (v = proc_view_name(i)) != NULL; i++)
			snprintf(known + strlen(known), sizeof(known) - strlen(known),
				 "%s%s", i ? ", " : "", v);
		cli_error("--proc: unknown view '%s' (known: %s)", name, known);
		return -1;
	}
	if (o->nr_proc == (int)ARRAY_SIZE(o->proc_names)) {
		cli_error("--proc: at most %zu views", ARRAY_SIZE(o->proc_names));
		return -1;
	}
	o->proc_names[o->nr_proc++] = name;
	return 0;
}

static const char *need_arg(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_error("option '%s' needs a value", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

/*
 * --arch and -M must agree (-M vexpress-a9 alone means --arch arm); an
 * ARM machine takes the ARM defaults for what was not given, and none of
 * the PC-only options.
 */
static int resolve_arch(struct boot_opts *o)
{
	struct machine_desc *d = &o->desc, arm;
	const struct arm_board *b = arm_board_find(d->model);

	if (b && !o->arch_given)
		d->arch = MMSIM_ARCH_ARM;
	if (d->arch == MMSIM_ARCH_X86_64) {
		if (b) {
			cli_error("-M %s is a 32-bit ARM machine, not x86_64 (use --arch arm)",
				  d->model);
			return -1;
		}
		if (o->dtb_path) {
			cli_error("--dtb: x86_64 machines have no device tree (use --arch arm)");
			return -1;
		}
		return 0;
	}
	if (o->model_given && !b) {
		cli_error("-M %s is a PC, not a 32-bit ARM machine (known: vexpress-a9)",
			  d->model);
		return -1;
	}
	if (o->x86_only_opt) {
		cli_error("%s: an x86_64 option; ARM machines take their memory from the device tree",
			  o->x86_only_opt);
		return -1;
	}
	machine_desc_default(&arm, MMSIM_ARCH_ARM);
	if (!b)
		strcpy(d->model, arm.model);
	if (!o->ram_given)
		d->ram_size = arm.ram_size;
	if (!o->smp_given) {
		d->smp_cpus = arm.smp_cpus;
		d->max_cpus = arm.max_cpus;
		d->sockets = arm.sockets;
		d->cores = arm.cores;
		d->threads = arm.threads;
	}
	if (!o->cmdline_given)
		strcpy(d->cmdline, arm.cmdline);
	if (!o->initrd_given)
		d->initrd_size = ARM_DEFAULT_INITRD;
	return 0;
}

/* Parse the options of `mmsim boot`; 0, or -1 after reporting the error. */
static int parse_boot_opts(int argc, char **argv, struct boot_opts *o)
{
	struct machine_desc *d = &o->desc;
	const char *v;
	int i, r;

	memset(o, 0, sizeof(*o));
	machine_desc_default(d, MMSIM_ARCH_X86_64);

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--arch")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			if (!strcmp(v, "x86_64") || !strcmp(v, "x86-64"))
				d->arch = MMSIM_ARCH_X86_64;
			else if (!strcmp(v, "arm"))
				d->arch = MMSIM_ARCH_ARM;
			else {
				cli_error("--arch: unknown architecture '%s' (known: x86_64, arm)", v);
				return -1;
			}
			o->arch_given = true;
		} else if (!strcmp(a, "-M") || !strcmp(a, "-machine")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			if (!strcmp(v, "pc") || !strcmp(v, "pc-i440fx-7.2"))
				strcpy(d->model, "pc");
			else if (!strcmp(v, "q35") || !strcmp(v, "pc-q35-7.2"))
				strcpy(d->model, "q35");
			else if (arm_board_find(v))
				snprintf(d->model, sizeof(d->model), "%s", v);
			else {
				cli_error("-M: unknown machine type '%s' (known: pc, q35, vexpress-a9)", v);
				return -1;
			}
			o->model_given = true;
		} else if (!strcmp(a, "--dtb") || !strcmp(a, "-dtb")) {
			if (!(o->dtb_path = need_arg(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "-m")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			if (cli_parse_size(v, &d->ram_size, 'M')) {
				cli_error("-m: invalid memory size '%s'", v);
				return -1;
			}
			if (d->ram_size < (2ULL << 20) || d->ram_size > (1ULL << 40)) {
				cli_error("-m: %s is out of range (2M .. 1T)", v);
				return -1;
			}
			o->ram_given = true;
		} else if (!strcmp(a, "-smp")) {
			if (!(v = need_arg(argc, argv, &i)) || parse_smp(v, d))
				return -1;
			o->smp_given = true;
		} else if (!strcmp(a, "-numa")) {
			if (!(v = need_arg(argc, argv, &i)) || parse_numa(v, d))
				return -1;
			o->x86_only_opt = a;
		} else if (!strcmp(a, "--e820")) {
			if (!(o->e820_path = need_arg(argc, argv, &i)))
				return -1;
			o->x86_only_opt = a;
		} else if (!strcmp(a, "--append") || !strcmp(a, "-append")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			if (strlen(v) >= sizeof(d->cmdline)) {
				cli_error("--append: command line of %zu bytes is too long even for the loader",
					  strlen(v));
				return -1;
			}
			strcpy(d->cmdline, v);
			o->cmdline_given = true;
		} else if (!strcmp(a, "--initrd-size")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			if (cli_parse_u64(v, &d->initrd_size)) {
				cli_error("--initrd-size: invalid byte count '%s'", v);
				return -1;
			}
			o->initrd_given = true;
		} else if (!strcmp(a, "--config")) {
			if (!(o->config_path = need_arg(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "--profile")) {
			if (!(o->profile_path = need_arg(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "--kernel-addr")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			o->x86_only_opt = a;
			if (cli_parse_u64(v, &d->kernel_addr) || !d->kernel_addr ||
			    (d->kernel_addr & 0x1fffff)) {
				cli_error("--kernel-addr: '%s' is not a 2 MiB-aligned physical address", v);
				return -1;
			}
		} else if (!strcmp(a, "--kaslr-seed")) {
			if (!(v = need_arg(argc, argv, &i)))
				return -1;
			o->x86_only_opt = a;
			if (cli_parse_u64(v, &d->kaslr_seed)) {
				cli_error("--kaslr-seed: '%s' is not a number", v);
				return -1;
			}
		} else if (!strcmp(a, "--kaslr-memory")) {
			o->x86_only_opt = a;
			if (!(v = need_arg(argc, argv, &i)) || parse_kaslr_memory(v, d))
				return -1;
		} else if (!strcmp(a, "--dump")) {
			if (!(o->dump_dir = need_arg(argc, argv, &i)))
				return -1;
		} else if (!strcmp(a, "--proc")) {
			if (!(v = need_arg(argc, argv, &i)) || add_proc_view(o, v))
				return -1;
		} else if (!strcmp(a, "--slub-demo")) {
			if (!(o->slub_demo = need_arg(argc, argv, &i)))
				return -1;
			if (!slub_demo_known(o->slub_demo)) {
				cli_error("--slub-demo: unknown kind '%s' (redzone, use-after-free, double-free, invalid-free, freepointer, all)",
					  o->slub_demo);
				return -1;
			}
		} else if ((r = see_parse_opt(argc, argv, &i, &o->see))) {
			if (r < 0)
				return -1;
		} else {
			cli_error("unknown option '%s' (see 'mmsim help')", a);
			return -1;
		}
	}
	if (see_check_opts(&o->see) || resolve_arch(o))
		return -1;
	return check_numa(d);
}

static char *data_path(const char *sub, const char *name)
{
	char *p = host_alloc(4096);

	snprintf(p, 4096, "%s/%s/%s", host_data_dir(), sub, name);
	return p;
}

/* Write the dmesg and every /proc view (proc_NAME, as the oracle names them). */
static int write_dump(struct machine *m, const char *dir)
{
	char path[4096];
	size_t len, i;
	char *text = log_format_dmesg(&m->log, &len);
	const char *name;
	struct machine *old = machine_enter(m);
	int ret;

	snprintf(path, sizeof(path), "%s/dmesg.log", dir);
	ret = host_write_file(path, text, len);
	host_free(text);
	for (i = 0; !ret && (name = proc_view_name(i)) != NULL; i++) {
		snprintf(path, sizeof(path), "%s/proc_%s", dir, name);
		ret = proc_render(name, &text);
		if (!ret)
			ret = host_write_file(path, text, strlen(text));
		host_free(text);
	}
	if (!ret) { /* /sys/kernel/slab/<cache>/ geometry (mm/slub_sysfs.c) */
		snprintf(path, sizeof(path), "%s/slab_attrs.tsv", dir);
		text = slab_attrs_render();
		ret = host_write_file(path, text, strlen(text));
		host_free(text);
	}
	machine_enter(old);
	if (ret)
		cli_error("--dump: cannot write '%s': %s", path, strerror(-ret));
	return ret;
}

/* --proc NAME...: each view to stdout, after the boot log. */
static void print_proc_views(struct machine *m, const struct boot_opts *o)
{
	struct machine *old = machine_enter(m);
	char *text;
	int i;

	for (i = 0; i < o->nr_proc; i++) {
		if (proc_render(o->proc_names[i], &text))
			continue; /* names were checked when parsed */
		fputs(text, stdout);
		host_free(text);
	}
	fflush(stdout);
	machine_enter(old);
}

/*
 * The device tree blob (--dtb, else the board's in data/), checked now so
 * that a bad blob or a machine QEMU would refuse is one error line.
 */
static int load_dtb(struct boot_opts *o)
{
	const struct arm_board *b = arm_board_find(o->desc.model);
	char err[512], *path;
	size_t size = 0;
	void *blob;

	if (arm_board_check(b, o->desc.ram_size, o->desc.smp_cpus, NULL, 0,
			    err, sizeof(err))) {
		cli_error("%s", err);
		return -1;
	}
	path = host_alloc(4096);
	if (o->dtb_path)
		snprintf(path, 4096, "%s", o->dtb_path);
	else
		snprintf(path, 4096, "%s/vexpress-v2p-ca9.dtb", host_data_dir());
	blob = host_read_file(path, &size);
	if (!blob) {
		cli_error("--dtb: cannot read '%s': %s", path, strerror(errno));
		host_free(path);
		return -1;
	}
	if (arm_board_check(b, o->desc.ram_size, o->desc.smp_cpus, blob, size,
			    err, sizeof(err))) {
		cli_error("--dtb %s: %s", path, err);
		host_free(blob);
		host_free(path);
		return -1;
	}
	host_free(path);
	o->desc.dtb = blob;
	o->desc.dtb_size = size;
	return 0;
}

static int cmd_boot(int argc, char **argv)
{
	struct boot_opts o;
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct machine *m;
	char err[512];
	char *path;
	int ret;

	if (parse_boot_opts(argc, argv, &o))
		return 2;
	if ((o.see.calls || o.see.inspect || o.see.html) &&
	    see_exec_calls(argc, argv))                /* build/mmsim-calls */
		return 2;
	if (o.dump_dir && check_dump_dir(o.dump_dir))
		return 2;
	if (o.e820_path) {
		o.desc.e820_text = host_read_file(o.e820_path, NULL);
		if (!o.desc.e820_text) {
			cli_error("--e820: cannot read '%s': %s", o.e820_path,
				  strerror(errno));
			return 2;
		}
		o.desc.e820_name = (char *)o.e820_path;
	}
	if (strlen(o.desc.cmdline) >= COMMAND_LINE_SIZE)
		fprintf(stderr,
			"mmsim: warning: command line is %zu bytes; the kernel keeps the first %d\n",
			strlen(o.desc.cmdline), COMMAND_LINE_SIZE - 1);

	if (o.desc.arch == MMSIM_ARCH_ARM && load_dtb(&o))
		return 2;
	path = o.config_path ? host_strdup(o.config_path) :
			       data_path("configs", o.desc.arch == MMSIM_ARCH_ARM ?
						    ARM_DEFAULT_CONFIG : DEFAULT_CONFIG);
	kc = kconfig_load(path, err, sizeof(err));
	host_free(path);
	if (!kc) {
		cli_error("--config: %s", err);
		return 2;
	}
	path = o.profile_path ? host_strdup(o.profile_path) :
				data_path("profiles", o.desc.arch == MMSIM_ARCH_ARM ?
						      ARM_DEFAULT_PROFILE : DEFAULT_PROFILE);
	prof = profile_load(path, err, sizeof(err));
	host_free(path);
	if (!prof) {
		kconfig_free(kc);
		cli_error("--profile: %s", err);
		return 2;
	}

	m = machine_create(&o.desc, kc, prof, err, sizeof(err));
	host_free(o.desc.e820_text);
	host_free(o.desc.dtb);
	if (!m) {
		cli_error("%s", err);
		return 2;
	}
	ret = see_boot(m, &o.see);             /* machine_boot(), traced if asked */
	fflush(stdout);
	if (ret)
		fprintf(stderr, "mmsim: the simulated kernel stopped: %s\n",
			strerror(-ret));
	if (!ret && o.slub_demo) { /* after boot: corrupt, let SLUB report */
		struct machine *old = machine_enter(m);

		slub_demo_run(o.slub_demo);
		fflush(stdout);
		machine_enter(old);
	}
	if (!ret)
		print_proc_views(m, &o);
	ret = see_after_boot(m, &o.see, ret); /* --calls, --inspect, --html */
	if (o.dump_dir && write_dump(m, o.dump_dir))
		ret = -EIO;
	machine_destroy(m);
	return ret ? 1 : 0;
}

static void usage(FILE *f)
{
	fputs("usage:\n"
	      "  mmsim boot [--arch x86_64|arm] [-M pc|q35|vexpress-a9] [-m SIZE]\n"
	      "             [-smp N[,sockets=S,cores=C,threads=T]]\n"
	      "             [-numa node,mem=SIZE,cpus=A[-B]]... [--e820 FILE] [--dtb FILE]\n"
	      "             [--append \"CMDLINE\"] [--initrd-size BYTES] [--config KCONFIG]\n"
	      "             [--profile FILE] [--kernel-addr ADDR] [--kaslr-seed N]\n"
	      "             [--kaslr-memory page_offset=A,vmalloc=B,vmemmap=C] [--dump DIR]\n"
	      "             [--proc NAME]...   (NAME: zoneinfo, buddyinfo, pagetypeinfo,\n"
	      "                                 meminfo, vmstat, iomem, slabinfo, cmdline)\n"
	      "             [--slub-demo KIND]  (corrupt an object after boot, see slub_debug's\n"
	      "                                 report: redzone, use-after-free, double-free,\n"
	      "                                 invalid-free, freepointer, all)\n"
	      "             [--calls [FUNC] [--depth N]]  (the call tree of the boot)\n"
	      "             [--inspect [FILE]] [--stop-at FUNC]  (a command prompt)\n"
	      "             [--html FILE]  (one page: memory map, free lists, slabs, ...)\n"
	      "  mmsim replay-memblock LOG\n"
	      "  mmsim help\n"
	      "\n"
	      "Defaults: -M pc -m 512M -smp 2 --append \"" MMSIM_DEFAULT_CMDLINE_X86 "\"\n"
	      "          --config data/configs/" DEFAULT_CONFIG "\n"
	      "  --arch arm: -M vexpress-a9 -m 1024M -smp 4 --append \""
	      MMSIM_DEFAULT_CMDLINE_ARM "\"\n"
	      "          --config data/configs/" ARM_DEFAULT_CONFIG "\n"
	      "          --profile data/profiles/" ARM_DEFAULT_PROFILE "\n"
	      "          --dtb data/vexpress-v2p-ca9.dtb (-m patches its memory node)\n"
	      "          --initrd-size 887105 (the oracle's initramfs; 0 = none)\n",
	      f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "boot"))
		return cmd_boot(argc - 2, argv + 2);
	if (!strcmp(argv[1], "replay-memblock"))
		return cmd_replay_memblock(argc - 2, argv + 2);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	cli_error("unknown command '%s' (see 'mmsim help')", argv[1]);
	return 2;
}
