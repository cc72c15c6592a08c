package main

// Fyne's locale lookup logs three lines of "Error parsing user locale C"
// at package init when the environment says LANG=C.UTF-8 (the default on
// Debian containers and CI), which would break the CLI's promise of one
// error line. Go reads the environment before any Go code runs, so this C
// constructor, which runs before the Go runtime starts, trims "C.<charset>"
// and "POSIX.<charset>" to "C" and "POSIX" in place: the same locale, which
// Fyne then reads as "no locale set".

/*
#include <string.h>

__attribute__((constructor)) static void rushcut_plain_c_locale(int argc, char **argv, char **envp) {
	static const char *vars[] = {"LC_ALL=", "LC_MESSAGES=", "LANG=", 0};
	for (char **e = envp; e && *e; e++) {
		for (int i = 0; vars[i]; i++) {
			size_t n = strlen(vars[i]);
			if (strncmp(*e, vars[i], n) != 0) continue;
			char *v = *e + n;
			if (strncmp(v, "C.", 2) == 0) v[1] = 0;
			else if (strncmp(v, "POSIX.", 6) == 0) v[5] = 0;
		}
	}
}
*/
import "C"
