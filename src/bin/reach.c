/* Programs the preload library cannot reach, told before they run.
 *
 * ld.so loads LD_PRELOAD only into a dynamically linked program (one with a
 * PT_INTERP program header), and ignores it for a program whose set-user-ID
 * or set-group-ID bit changes its credentials (AT_SECURE). Go programs make
 * their own system calls, so no hook sees their sockets even when they are
 * linked dynamically; their executables carry a .go.buildinfo section. */
#include <config.h>

#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reach.h"

#define KA_ELSEWHERE "keepalive --pid PID --apply reaches it once it runs, keepalive --cgroup " \
		     "reaches every program of a service"

/* The file execvp() would run, in path (PATH_MAX bytes). */
static bool find_command(const char *command, char *path)
{
	const char *dirs = getenv("PATH");

	if (strchr(command, '/') != NULL)
		return snprintf(path, PATH_MAX, "%s", command) < PATH_MAX;
	if (dirs == NULL)
		dirs = "/bin:/usr/bin";
	while (*dirs != '\0') {
		size_t n = strcspn(dirs, ":");

		if (snprintf(path, PATH_MAX, "%.*s%s%s", (int)n, dirs, n ? "/" : "", command) <
			    PATH_MAX &&
		    access(path, X_OK) == 0)
			return true;
		dirs += n + (dirs[n] == ':');
	}
	return false;
}

static bool read_at(int fd, off_t offset, void *buf, size_t len)
{
	return pread(fd, buf, len, offset) == (ssize_t)len;
}

/* The ELF facts that matter, for a file of this machine's class and byte
 * order (the only ones this library could be preloaded into). */
struct elf_facts {
	bool elf, interpreter, go;
};

static struct elf_facts elf_facts(int fd)
{
	struct elf_facts f = { false, false, false };
	ElfW(Ehdr) eh;
	ElfW(Shdr) names;

	if (!read_at(fd, 0, &eh, sizeof eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 : ELFCLASS32) ||
	    eh.e_phentsize != sizeof(ElfW(Phdr)))
		return f;
	f.elf = true;
	for (unsigned i = 0; i < eh.e_phnum && !f.interpreter; i++) {
		ElfW(Phdr) ph;

		f.interpreter = read_at(fd, (off_t)(eh.e_phoff + i * sizeof ph), &ph, sizeof ph) &&
				ph.p_type == PT_INTERP;
	}
	if (eh.e_shentsize != sizeof names || eh.e_shstrndx >= eh.e_shnum ||
	    !read_at(fd, (off_t)(eh.e_shoff + eh.e_shstrndx * sizeof names), &names, sizeof names))
		return f;
	for (unsigned i = 0; i < eh.e_shnum && !f.go; i++) {
		ElfW(Shdr) sh;
		char name[16] = "";

		f.go = read_at(fd, (off_t)(eh.e_shoff + i * sizeof sh), &sh, sizeof sh) &&
		       read_at(fd, (off_t)(names.sh_offset + sh.sh_name), name, sizeof name - 1) &&
		       strcmp(name, ".go.buildinfo") == 0;
	}
	return f;
}

void ka_reach_warn(const char *command)
{
	char path[PATH_MAX];
	struct elf_facts f;
	struct stat st;
	const char *why = NULL;
	int fd;

	if (!find_command(command, path) || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return; /* execvp() will say what is wrong */
	f = elf_facts(fd);
	if (fstat(fd, &st) == 0 && ((st.st_mode & S_ISUID && st.st_uid != geteuid()) ||
				    (st.st_mode & S_ISGID && st.st_gid != getegid())))
		why = "is set-user-ID or set-group-ID: the loader ignores LD_PRELOAD for it";
	else if (f.elf && f.go)
		why = "is a Go program: it makes its own system calls, which no preloaded "
		      "library sees";
	else if (f.elf && !f.interpreter)
		why = "is statically linked: no library is preloaded into it";
	close(fd);
	if (why != NULL)
		fprintf(stderr, "keepalive: %s %s; %s\n", path, why, KA_ELSEWHERE);
}
