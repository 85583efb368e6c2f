/* Test helper: a preload library that does nothing. It stands for another
 * entry in LD_PRELOAD, which the library must keep when it removes itself. */
int ka_noop_loaded = 1;
