/* SPDX-License-Identifier: MIT */
/*
 * include/linux/string.h — string helpers and the command-line walkers.
 *
 * Kernel counterparts: include/linux/string.h, include/linux/moduleparam.h
 * (parse_args, parameq), include/linux/init.h (parse_early_param).
 */
#ifndef _MMSIM_LINUX_STRING_H
#define _MMSIM_LINUX_STRING_H

#include "linux/types.h"
#include <string.h>

bool parameq(const char *a, const char *b);
bool parameqn(const char *a, const char *b, size_t n);
char *parse_args(const char *doing, char *args,
		 int (*unknown)(char *param, char *val, const char *doing,
				void *arg),
		 void *arg);
void parse_early_options(char *cmdline);
void parse_early_param(void);
bool obsolete_checksetup(char *line);

#endif /* _MMSIM_LINUX_STRING_H */
