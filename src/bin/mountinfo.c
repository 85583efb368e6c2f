/* The mounts of one file system type, from /proc/self/mountinfo (proc(5)):
 * "ID PARENT MAJ:MIN ROOT POINT OPTIONS [OPTIONAL...] - TYPE SOURCE ...". */
#include <config.h>

#include <string.h>

#include "mountinfo.h"

/* mountinfo's octal escapes ("\\040" for a space), undone in place. */
static void unescape(char *s)
{
	char *out = s;

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

bool ka_mountinfo_next(FILE *f, const char *type, char *root, char *point)
{
	char line[4096];

	while (fgets(line, sizeof line, f) != NULL) {
		const char *dash = strstr(line, " - ");
		char found[64];

		if (dash == NULL || sscanf(line, "%*s %*s %*s %2047s %2047s", root, point) != 2 ||
		    sscanf(dash + 3, "%63s", found) != 1 || strcmp(found, type) != 0)
			continue;
		unescape(root);
		unescape(point);
		return true;
	}
	return false;
}
