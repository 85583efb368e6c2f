/* libbpf's messages while keepalive --cgroup loads its programs: kept, so
 * that a refusal is told in one line, the point of it (the verifier's, or
 * libbpf's own), and printed only when asked for (-vv). Shared by cgroup.c
 * and the test that has the kernel refuse a program (tests/progs/karefused.c). */
#ifndef KA_BPFLOG_H
#define KA_BPFLOG_H

/* Installs the print callback: from now on libbpf's messages are kept, and
 * with verbose >= 2 also written to stderr as they come. */
void ka_bpflog_start(int verbose);

/* The point of a refusal to load, error being errno after the load: the
 * last line of the verifier's log that is not its statistics; without a
 * log, libbpf's first complaint; NULL when the refusal is a lack of
 * permission (EPERM or EACCES without a log: the verifier refuses with
 * EACCES too, and it ran, so permission was there). Points into the kept
 * messages, which it cuts into lines: to be called once. */
const char *ka_bpflog_refusal(int error);

#endif
