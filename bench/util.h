/* Small helpers shared by the benchmark programs. */
#ifndef KA_BENCH_UTIL_H
#define KA_BENCH_UTIL_H

#include <stdint.h>

/* Monotonic clock in nanoseconds. */
uint64_t bench_now_ns(void);

/* A whole number from lo to hi, or exit(2) with a message naming what. */
long bench_parse_long(const char *text, long lo, long hi, const char *what);

/* Prints a message with strerror(errno) and exits with status 1. */
void bench_die(const char *what) __attribute__((noreturn));

#endif
