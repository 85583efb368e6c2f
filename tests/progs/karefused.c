/* Test helper for keepalive --cgroup: loads tests/progs/refused.bpf.c, a
 * program the kernel's verifier refuses, through its generated skeleton as
 * src/bin/cgroup.c loads its own, and tells the refusal with the same code
 * (src/bin/bpflog.c) in the same words: one line on stderr.
 *
 *   karefused [-v]   -v: libbpf's messages too, as they come (as -vv does)
 *
 * Exits 1 on the refusal, 77 without permission to load BPF programs, and
 * 0 if the kernel loads the program after all. */
#include <config.h>

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "bpflog.h"
#include "refused.skel.h"

int main(int argc, char **argv)
{
	struct refused_bpf *skel;
	const char *point;
	int error;

	ka_bpflog_start(argc > 1 && strcmp(argv[1], "-v") == 0 ? 2 : 0);
	skel = refused_bpf__open();
	if (skel == NULL) {
		fprintf(stderr, "karefused: cannot open the BPF program: %s\n", strerror(errno));
		return 1;
	}
	if (refused_bpf__load(skel) == 0) {
		refused_bpf__destroy(skel);
		fprintf(stderr, "karefused: the kernel loaded the program it should refuse\n");
		return 0;
	}
	error = errno;
	point = ka_bpflog_refusal(error);
	refused_bpf__destroy(skel);
	if (point == NULL) {
		fprintf(stderr, "karefused: no permission to load BPF programs: %s\n", strerror(error));
		return 77;
	}
	fprintf(stderr, "karefused: the BPF programs cannot be loaded: %s\n", point);
	return 1;
}
