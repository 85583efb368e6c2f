/* Programs the preload library cannot reach, told before they run. */
#ifndef KA_REACH_H
#define KA_REACH_H

/* Finds COMMAND as execvp() would and, when the library cannot reach its
 * sockets (statically linked, a Go program, setuid or setgid to another
 * user), prints one line saying so and what reaches it instead. */
void ka_reach_warn(const char *command);

#endif
