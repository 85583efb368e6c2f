/* Test helper linked against libctor: its constructor runs before main. */
#include <stdio.h>

extern int libctor_keepalive;

int main(void)
{
	printf("main libctor_keepalive=%d\n", libctor_keepalive);
	return 0;
}
