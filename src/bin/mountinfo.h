/* The mounts of one file system type, from /proc/self/mountinfo (mountinfo.c). */
#ifndef KA_MOUNTINFO_H
#define KA_MOUNTINFO_H

#include <stdbool.h>
#include <stdio.h>

/* Room for a mount's root or mount point. */
#define KA_MOUNTINFO_PATH 2048

/* The next mount of file system type in f (/proc/self/mountinfo, opened by
 * the caller): root, the directory of the file system it shows, and point,
 * where it is mounted, each KA_MOUNTINFO_PATH bytes, with mountinfo's
 * escapes ("\040" for a space) undone. False at the end. */
bool ka_mountinfo_next(FILE *f, const char *type, char *root, char *point);

#endif
