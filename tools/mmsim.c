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
 *   mmsim run [boot options] [--exec ELF] [--swap SIZE] [--guest-kernel SIZE]
 *             [--guest-shmem SIZE] [--guest-anon SIZE] [--log] SCRIPT
 *   mmsim replay-kmem [boot options] [--samples N] [--log] [--json FILE] TRACE
 *   mmsim replay-memblock LOG
 */
#include "linux/kernel.h"
#include "linux/printk.h"
#include "mmsim/host.h"
#include "mmsim/machine.h"
#include "mmsim/firmware_arm.h"
#include "mmsim/cli.h"
#include "mmsim/mmsim.h"
#include "mmsim/json.h"
#include "mmsim/json_views.h"
#include "mmsim/replay_kmem.h"
#include "linux/proc_fs.h"
#include "linux/slab.h"
#include "tools/see.h"

#include <ctype.h>
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
	const char *ram_arg;          /* -m as given */
	size_t cmdline_len;           /* --append's length (may be overlong) */
	const char *json_path;        /* --json FILE (docs/json.md) */
	const char *samples;          /* replay-kmem --samples N */
	bool log;                     /* --log: the kernel log on stderr */
	bool quiet;                   /* boot --quiet: no kernel log */
	bool verbose;                 /* boot --verbose: host facts on stderr */
	const char *exec_path;        /* run --exec ELF */
	u64 swap_size;                /* run --swap SIZE */
	struct mmsim_guest guest;     /* run --guest-kernel/-shmem/-anon SIZE */
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
	const char *num_end;
	char *end;
	double v;
	u64 mult;

	if (!s || !*s || *s == '-' || *s == '+')
		return -1;
	/* QEMU's digits[.digits]: no exponent, hex or infinity for strtod */
	num_end = s + strspn(s, "0123456789");
	if (num_end == s || (*num_end == '.' && !isdigit((unsigned char)num_end[1])))
		return -1;
	if (*num_end == '.')
		num_end += 1 + strspn(num_end + 1, "0123456789");
	errno = 0;
	v = strtod(s, &end);
	if (errno || end != num_end || v <= 0)
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

/* Why an x86_64-only option means nothing on 32-bit ARM. */
static const char *x86_only_reason(const char *opt)
{
	if (!strncmp(opt, "--kaslr", 7))
		return "32-bit ARM has no KASLR in Linux 6.1 (no RANDOMIZE_BASE, no memory randomisation)";
	if (!strcmp(opt, "--kernel-addr"))
		return "the ARM kernel runs where the board's boot loader places its zImage";
	return "ARM machines take their memory from the device tree";
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
		cli_error("%s: an x86_64 option; %s", o->x86_only_opt,
			  x86_only_reason(o->x86_only_opt));
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

/*
 * QEMU 7.2 refuses more CPUs than the machine type takes (its class's
 * max_cpus): 255 for pc (pc-i440fx-7.2), 288 for q35 (pc-q35-7.2).  ARM
 * boards are checked against their device tree (arm_board_check).
 */
static int check_smp_max_cpus(const struct machine_desc *d)
{
	bool q35 = !strcmp(d->model, "q35");
	unsigned int max = q35 ? 288 : 255;

	if (d->arch != MMSIM_ARCH_X86_64 || d->max_cpus <= max)
		return 0;
	cli_error("-smp: Invalid SMP CPUs %u. The max CPUs supported by machine '%s' is %u",
		  d->max_cpus, q35 ? "pc-q35-7.2" : "pc-i440fx-7.2", max);
	return -1;
}

/* Parse the options of `mmsim boot`; 0, or -1 after reporting the error. */
/* The options of each subcommand: tools/options.def. */
enum cli_cmd { CMD_BOOT = 1, CMD_RUN = 2, CMD_KMEM = 4 };
#define CMD_MACHINE (CMD_BOOT | CMD_RUN | CMD_KMEM)

enum cli_opt_id {
#define OPT(id, cmds, name, alias, arg, help) OPT_##id,
#include "tools/options.def"
#undef OPT
};

struct cli_opt {
	enum cli_opt_id id;
	unsigned int cmds;
	const char *name, *alias, *arg, *help;
};

static const struct cli_opt cli_opts[] = {
#define OPT(id, cmds, name, alias, arg, help) { OPT_##id, cmds, name, alias, arg, help },
#include "tools/options.def"
#undef OPT
};

static const char *cmd_name(enum cli_cmd cmd)
{
	return cmd == CMD_BOOT ? "boot" : cmd == CMD_RUN ? "run" : "replay-kmem";
}

static const struct cli_opt *opt_find(const char *a)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cli_opts); i++)
		if (!strcmp(a, cli_opts[i].name) ||
		    (cli_opts[i].alias && !strcmp(a, cli_opts[i].alias)))
			return &cli_opts[i];
	return NULL;
}

/* `mmsim CMD --help`, from the table. */
static void cmd_help(enum cli_cmd cmd, FILE *f)
{
	static const char *const synopsis[] = {
		[CMD_BOOT] = "mmsim boot [OPTION]...",
		[CMD_RUN] = "mmsim run [OPTION]... SCRIPT|-",
		[CMD_KMEM] = "mmsim replay-kmem [OPTION]... TRACE",
	};
	char left[96];
	size_t i;

	fprintf(f, "usage: %s\n\noptions:\n", synopsis[cmd]);
	for (i = 0; i < ARRAY_SIZE(cli_opts); i++) {
		const struct cli_opt *o = &cli_opts[i];

		if (!(o->cmds & cmd))
			continue;
		snprintf(left, sizeof(left), "%s%s%s%s%s", o->name, o->alias ? ", " : "",
			 o->alias ? o->alias : "", o->arg ? " " : "", o->arg ? o->arg : "");
		if (strlen(left) > 28)
			fprintf(f, "  %s\n  %-28s %s\n", left, "", o->help);
		else
			fprintf(f, "  %-28s %s\n", left, o->help);
	}
}

/*
 * --e820 boots a real machine's map as its loader handed it over: the map
 * gives the RAM, and no QEMU firmware tables (ACPI, MP table) describe a
 * board, CPUs or nodes, so the kernel finds one CPU.  -m, -smp, -numa and
 * -M, which would describe what the map replaces, are refused rather than
 * silently ignored.
 */
static int check_e820_conflicts(const struct boot_opts *o)
{
	const char *opt = o->ram_given ? "-m" : o->smp_given ? "-smp" :
			  o->desc.nr_nodes ? "-numa" : o->model_given ? "-M" : NULL;

	if (!o->e820_path || !opt)
		return 0;
	cli_error("--e820 %s: a real machine's map, without QEMU's tables: %s cannot be used with it",
		  o->e820_path, opt);
	return -1;
}

/* The field of @g that --guest-kernel, --guest-shmem or --guest-anon sets. */
static u64 *guest_part(struct mmsim_guest *g, enum cli_opt_id id)
{
	return id == OPT_GUEST_SHMEM ? &g->shmem_bytes :
	       id == OPT_GUEST_ANON ? &g->anon_bytes : &g->kernel_bytes;
}

/* Apply option @opt, spelled @a, with its value @v (NULL for a flag). */
static int parse_one(const struct cli_opt *opt, const char *a, const char *v,
		     struct boot_opts *o)
{
	struct machine_desc *d = &o->desc;

	switch (opt->id) {
	case OPT_ARCH:
		if (!strcmp(v, "x86_64") || !strcmp(v, "x86-64"))
			d->arch = MMSIM_ARCH_X86_64;
		else if (!strcmp(v, "arm"))
			d->arch = MMSIM_ARCH_ARM;
		else {
			cli_error("--arch: unknown architecture '%s' (known: x86_64, arm)", v);
			return -1;
		}
		o->arch_given = true;
		break;
	case OPT_MACHINE:
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
		break;
	case OPT_DTB:
		o->dtb_path = v;
		break;
	case OPT_RAM:
		if (cli_parse_size(v, &d->ram_size, 'M')) {
			cli_error("-m: invalid memory size '%s' (expected a number with an optional fraction and suffix B, K, M, G or T, as 512M or 1.5G; none means MiB)",
				  v);
			return -1;
		}
		if (d->ram_size < (2ULL << 20) || d->ram_size > (1ULL << 40)) {
			cli_error("-m: %s is %llu bytes, outside what mmsim simulates (2M .. 1T)",
				  v, (unsigned long long)d->ram_size);
			return -1;
		}
		o->ram_given = true;
		o->ram_arg = v;
		break;
	case OPT_SMP:
		if (parse_smp(v, d))
			return -1;
		o->smp_given = true;
		break;
	case OPT_NUMA:
		if (parse_numa(v, d))
			return -1;
		o->x86_only_opt = a;
		break;
	case OPT_E820:
		o->e820_path = v;
		o->x86_only_opt = a;
		break;
	case OPT_APPEND:
		/*
		 * QEMU's loader hands the whole line over; the kernel reads
		 * COMMAND_LINE_SIZE bytes of it (the warning in
		 * create_machine), so what is kept here is all it can see.
		 */
		snprintf(d->cmdline, sizeof(d->cmdline), "%s", v);
		o->cmdline_len = strlen(v);
		o->cmdline_given = true;
		break;
	case OPT_INITRD_SIZE:
		if (cli_parse_u64(v, &d->initrd_size)) {
			cli_error("--initrd-size: invalid byte count '%s'", v);
			return -1;
		}
		o->initrd_given = true;
		break;
	case OPT_CONFIG:
		o->config_path = v;
		break;
	case OPT_PROFILE:
		o->profile_path = v;
		break;
	case OPT_KERNEL_ADDR:
		o->x86_only_opt = a;
		if (cli_parse_u64(v, &d->kernel_addr) || !d->kernel_addr ||
		    (d->kernel_addr & 0x1fffff)) {
			cli_error("--kernel-addr: '%s' is not a 2 MiB-aligned physical address", v);
			return -1;
		}
		break;
	case OPT_KASLR_SEED:
		o->x86_only_opt = a;
		if (cli_parse_u64(v, &d->kaslr_seed)) {
			cli_error("--kaslr-seed: '%s' is not a number", v);
			return -1;
		}
		break;
	case OPT_KASLR_MEMORY:
		o->x86_only_opt = a;
		return parse_kaslr_memory(v, d);
	case OPT_MEMMAP:
		if (!strcmp(v, "auto"))
			d->memmap = MMSIM_MEMMAP_AUTO;
		else if (!strcmp(v, "eager"))
			d->memmap = MMSIM_MEMMAP_EAGER;
		else if (!strcmp(v, "lazy"))
			d->memmap = MMSIM_MEMMAP_LAZY;
		else {
			cli_error("--memmap: unknown mode '%s' (auto, eager, lazy)", v);
			return -1;
		}
		break;
	case OPT_PIN_CPUS:
		d->pin_cpus = true;
		break;
	case OPT_DUMP:
		o->dump_dir = v;
		break;
	case OPT_PROC:
		return add_proc_view(o, v);
	case OPT_SLUB_DEMO:
		o->slub_demo = v;
		if (!slub_demo_known(v)) {
			cli_error("--slub-demo: unknown kind '%s' (redzone, use-after-free, double-free, invalid-free, freepointer, all)",
				  v);
			return -1;
		}
		break;
	case OPT_QUIET:
		o->quiet = true;
		break;
	case OPT_VERBOSE:
		o->verbose = true;
		break;
	case OPT_LOG:
		o->log = true;
		break;
	case OPT_JSON:
		o->json_path = v;
		break;
	case OPT_SAMPLES:
		o->samples = v;
		break;
	case OPT_EXEC:
		o->exec_path = v;
		break;
	case OPT_SWAP:
		if (cli_parse_size(v, &o->swap_size, 'B')) {
			cli_error("--swap: invalid size '%s'", v);
			return -1;
		}
		break;
	case OPT_GUEST_KERNEL:
	case OPT_GUEST_SHMEM:
	case OPT_GUEST_ANON:
		if (cli_parse_size(v, guest_part(&o->guest, opt->id), 'B')) {
			cli_error("%s: invalid size '%s'", opt->name, v);
			return -1;
		}
		break;
	case OPT_HELP:
		break;   /* taken before: main() */
	case OPT_CALLS:
	case OPT_DEPTH:
	case OPT_INSPECT:
	case OPT_STOP_AT:
	case OPT_HTML:
		break;   /* taken before: tools/see.c */
	}
	return 0;
}

/* The options of subcommand @cmd (tools/options.def) into @o. */
static int parse_boot_opts(enum cli_cmd cmd, int argc, char **argv,
			   struct boot_opts *o)
{
	struct machine_desc *d = &o->desc;
	const struct cli_opt *opt;
	const char *v;
	int i, r;

	memset(o, 0, sizeof(*o));
	machine_desc_default(d, MMSIM_ARCH_X86_64);

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (cmd == CMD_BOOT && (r = see_parse_opt(argc, argv, &i, &o->see))) {
			if (r < 0)  /* --calls, --inspect, --html: tools/see.c */
				return -1;
			continue;
		}
		opt = opt_find(a);
		if (!opt || !(opt->cmds & cmd)) {
			cli_error("unknown option '%s' for 'mmsim %s' (see 'mmsim %s --help')", a,
				  cmd_name(cmd), cmd_name(cmd));
			return -1;
		}
		v = NULL;
		if (opt->arg && !(v = need_arg(argc, argv, &i)))
			return -1;
		if (parse_one(opt, a, v, o))
			return -1;
	}
	if (o->quiet && o->log) {
		cli_error("--quiet and --log: choose one");
		return -1;
	}
	if (see_check_opts(&o->see) || resolve_arch(o) || check_smp_max_cpus(d) ||
	    check_e820_conflicts(o))
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

/*
 * The machine could not be made with the RAM -m gave: if more RAM would
 * boot it, say the smallest size that does (tools/boot_probe.c).
 */
static void report_min_ram(const struct boot_opts *o, const char *config,
			   const char *profile, const char *err)
{
	u64 min = boot_probe_min_ram(&o->desc, config, profile);

	if (min > o->desc.ram_size)
		cli_error("-m %s: too small for this machine; the smallest size that boots is %lluM (%s)",
			  o->ram_arg, (unsigned long long)(min >> 20), err);
	else
		cli_error("%s", err);
}

/*
 * The machine of parsed options @o: the e820 file, the DTB, the .config and
 * profile read, the machine created (not booted).  NULL after one error line.
 */
static struct machine *create_machine(struct boot_opts *o)
{
	struct kconfig *kc;
	struct kernel_profile *prof;
	struct machine *m = NULL;
	char err[512];
	char *path = NULL, *ppath = NULL;

	if (o->e820_path) {
		o->desc.e820_text = host_read_file(o->e820_path, NULL);
		if (!o->desc.e820_text) {
			cli_error("--e820: cannot read '%s': %s", o->e820_path,
				  strerror(errno));
			return NULL;
		}
		o->desc.e820_name = (char *)o->e820_path;
	}
	if (o->cmdline_len >= (size_t)arch_command_line_size(o->desc.arch))
		fprintf(stderr,
			"mmsim: warning: command line is %zu bytes; the kernel keeps the first %d\n",
			o->cmdline_len, arch_command_line_size(o->desc.arch) - 1);

	if (o->desc.arch == MMSIM_ARCH_ARM && load_dtb(o))
		goto out_free;
	path = o->config_path ? host_strdup(o->config_path) :
				data_path("configs", o->desc.arch == MMSIM_ARCH_ARM ?
						     ARM_DEFAULT_CONFIG : DEFAULT_CONFIG);
	kc = kconfig_load(path, err, sizeof(err));
	if (!kc) {
		cli_error("--config: %s", err);
		goto out_free;
	}
	ppath = o->profile_path ? host_strdup(o->profile_path) :
				  data_path("profiles", o->desc.arch == MMSIM_ARCH_ARM ?
							ARM_DEFAULT_PROFILE : DEFAULT_PROFILE);
	prof = profile_load(ppath, err, sizeof(err));
	if (!prof) {
		kconfig_free(kc);
		cli_error("--profile: %s", err);
		goto out_free;
	}
	m = machine_create(&o->desc, kc, prof, err, sizeof(err));
	if (!m && o->ram_arg) /* too small? name the size that boots */
		report_min_ram(o, path, ppath, err);
	else if (!m)
		cli_error("%s", err);
out_free:
	host_free(path);
	host_free(ppath);
	host_free(o->desc.e820_text);
	host_free(o->desc.dtb);
	return m;
}

/* --json FILE: open it; NULL after an error line. */
static FILE *open_json(const char *path)
{
	FILE *f = !strcmp(path, "-") ? stdout : fopen(path, "w");

	if (!f)
		cli_error("--json: cannot write '%s': %s", path, strerror(errno));
	return f;
}

static int close_json(FILE *f, const char *path)
{
	if (f == stdout)
		return fflush(f) ? -EIO : 0;
	if (fclose(f)) {
		cli_error("--json: cannot write '%s': %s", path, strerror(errno));
		return -EIO;
	}
	return 0;
}

static int write_boot_json(struct machine *m, const char *path)
{
	struct json_out j;
	FILE *f = open_json(path);

	if (!f)
		return -EIO;
	json_init(&j, f);
	json_begin_object(&j, NULL);
	json_machine_views(&j, m);
	json_end(&j);
	return close_json(f, path);
}


/* `mmsim run`'s machine: the boot options, nothing that writes views. */
struct machine *cli_build_machine(int argc, char **argv, struct cli_run_opts *r)
{
	struct boot_opts o;

	if (parse_boot_opts(CMD_RUN, argc, argv, &o))
		return NULL;
	r->exec_path = o.exec_path;
	r->swap_size = o.swap_size;
	r->guest = o.guest;
	r->log = o.log;
	r->json_path = o.json_path;
	if (!o.cmdline_given)
		snprintf(o.desc.cmdline, sizeof(o.desc.cmdline), "%s",
			 o.desc.arch == MMSIM_ARCH_ARM ? r->cmdline_arm : r->cmdline_x86);
	return create_machine(&o);
}

static void log_to_stderr(const char *text, size_t len, void *opaque)
{
	fwrite(text, 1, len, stderr);
}

/* --quiet: no kernel log; --log: on stderr, apart from --proc's output. */
static void set_console(struct machine *m, const struct boot_opts *o, bool dflt)
{
	m->log.console_enabled = o->log || (dflt && !o->quiet);
	if (o->log)
		m->log.console = log_to_stderr;
}

/* --verbose: how the host holds the simulated RAM, on stderr. */
static void print_host_facts(const struct machine *m)
{
	char line[256];

	fflush(stdout);
	fprintf(stderr, "mmsim: %s\n",
		host_ram_huge_pages(&m->ram, line, sizeof(line)));
	fprintf(stderr, "mmsim: %s\n", memmap_lazy_describe(m, line, sizeof(line)));
	fprintf(stderr, "mmsim: simulated RAM resident on the host: %llu MiB of %llu MiB mapped\n",
		(unsigned long long)(host_ram_resident_bytes(&m->ram) >> 20),
		(unsigned long long)(m->ram.span >> 20));
	if (m->host_deferred_init_cpus)
		fprintf(stderr, "mmsim: deferred struct pages initialised in %.1f ms of host "
			"time on %u simulated CPUs\n",
			(double)m->host_deferred_init_ns / 1e6, m->host_deferred_init_cpus);
	else
		fprintf(stderr, "mmsim: deferred struct pages: none\n");
}

static int cmd_boot(int argc, char **argv)
{
	struct boot_opts o;
	struct machine *m;
	int ret;

	if (parse_boot_opts(CMD_BOOT, argc, argv, &o))
		return 2;
	if ((o.see.calls || o.see.inspect || o.see.html) &&
	    see_exec_calls(argc, argv))                /* build/mmsim-calls */
		return 2;
	if (o.dump_dir && check_dump_dir(o.dump_dir))
		return 2;
	m = create_machine(&o);
	if (!m)
		return 2;
	set_console(m, &o, true);
	ret = see_boot(m, &o.see);             /* machine_boot(), traced if asked */
	fflush(stdout);
	if (ret && m->panicked)
		fprintf(stderr, "mmsim: the simulated kernel panicked (its panic ends the log above)\n");
	else if (ret)
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
	if (o.verbose)
		print_host_facts(m);
	ret = see_after_boot(m, &o.see, ret); /* --calls, --inspect, --html */
	if (o.dump_dir && write_dump(m, o.dump_dir))
		ret = -EIO;
	if (!ret && o.json_path && write_boot_json(m, o.json_path))
		ret = -EIO;
	machine_destroy(m);
	return ret ? 1 : 0;
}

/*
 * mmsim replay-kmem [boot options] [--samples N] [--log] [--json FILE] TRACE:
 * boot (quietly unless --log), replay the trace, print the report.
 */
static int cmd_replay_kmem(int argc, char **argv)
{
	struct kmem_replay *r;
	struct boot_opts o;
	struct machine *m;
	const char *trace;
	char err[512], *text;
	u64 samples = 9;
	int ret = 0;

	if (argc < 1 || argv[argc - 1][0] == '-') {
		cli_error("replay-kmem: no TRACE file (mmsim replay-kmem [options] TRACE)");
		return 2;
	}
	trace = argv[argc - 1];
	if (parse_boot_opts(CMD_KMEM, argc - 1, argv, &o))
		return 2;
	if (o.samples && (cli_parse_u64(o.samples, &samples) || samples < 2 || samples > 64)) {
		cli_error("--samples: expected 2..64, got '%s'", o.samples);
		return 2;
	}
	text = host_read_file(trace, NULL);
	if (!text) {
		cli_error("replay-kmem: cannot read '%s': %s", trace, strerror(errno));
		return 2;
	}
	m = create_machine(&o);
	if (!m) {
		host_free(text);
		return 2;
	}
	set_console(m, &o, false);
	ret = machine_boot(m);
	fflush(stdout);
	if (ret && m->panicked) {
		fprintf(stderr, "mmsim: the simulated kernel panicked (the panic is the last line of its log)\n");
		goto out;
	} else if (ret) {
		fprintf(stderr, "mmsim: the simulated kernel stopped: %s\n", strerror(-ret));
		goto out;
	}
	r = kmem_replay_run(m, text, (int)samples, err, sizeof(err));
	if (!r) {
		cli_error("replay-kmem: %s: %s", trace, err);
		ret = -EINVAL;
		goto out;
	}
	if (o.json_path) {
		struct json_out j;
		FILE *f = open_json(o.json_path);

		if (f) {
			json_init(&j, f);
			json_begin_object(&j, NULL);
			json_str(&j, "trace", trace);
			kmem_replay_json(r, m, &j);
			json_machine_views(&j, m);
			json_end(&j);
		}
		if (!f || close_json(f, o.json_path))
			ret = -EIO;
	}
	kmem_replay_report(r, m, stdout);
	kmem_replay_release(r, m);
	kmem_replay_free(r);
out:
	host_free(text);
	machine_destroy(m);
	return ret == -EINVAL ? 2 : ret ? 1 : 0;
}

static void usage(FILE *f)
{
	fputs("usage:\n"
	      "  mmsim boot [OPTION]...                  boot a machine, print its log and views\n"
	      "  mmsim run [OPTION]... SCRIPT|-          boot, then run a workload script (docs/WORKLOAD.md)\n"
	      "  mmsim replay-kmem [OPTION]... TRACE     boot, then replay a kernel's kmem trace (docs/replay-kmem.md)\n"
	      "  mmsim replay-memblock LOG               replay a memblock=debug boot log (docs/replay-memblock.md)\n"
	      "  mmsim --version\n"
	      "  mmsim help\n"
	      "\n"
	      "'mmsim CMD --help' lists the options of CMD.\n", f);
}

/* `mmsim boot|run|replay-kmem ... --help ...` */
static bool wants_help(int argc, char **argv)
{
	int i;

	if (strcmp(argv[1], "boot") && strcmp(argv[1], "run") &&
	    strcmp(argv[1], "replay-kmem"))
		return false;
	for (i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (wants_help(argc, argv)) {
		cmd_help(!strcmp(argv[1], "boot") ? CMD_BOOT :
			 !strcmp(argv[1], "run") ? CMD_RUN : CMD_KMEM, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "boot"))
		return cmd_boot(argc - 2, argv + 2);
	if (!strcmp(argv[1], "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(argv[1], "replay-kmem"))
		return cmd_replay_kmem(argc - 2, argv + 2);
	if (!strcmp(argv[1], "replay-memblock"))
		return cmd_replay_memblock(argc - 2, argv + 2);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("mmsim %s (Linux 6.1 memory manager simulator; data: %s)\n",
		       mmsim_version(), host_data_dir());
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	cli_error("unknown command '%s' (see 'mmsim help')", argv[1]);
	return 2;
}
