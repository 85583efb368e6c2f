/* An empty preload library: the cost of loading any shared object, the
 * floor of the start-up row in make bench. */
void ka_bench_empty(void);

void ka_bench_empty(void)
{
}
