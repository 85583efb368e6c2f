/* KEEPALIVE_DETECT: one duration split into the kernel's three timers.
 *
 * The rule: about half of the time idle, the rest split over up to five
 * probes, rounded so that idle + intvl * cnt is exactly the detection time.
 * Exactness matters because the user timeout is set to the same time, and
 * with a user timeout the kernel only drops an idle connection at a probe
 * timer that fires once the user timeout has passed: timers that added up to
 * less would push detection to the next probe interval.
 *
 *   detect   idle  intvl  cnt
 *   2s       1     1      1
 *   3s       1     1      2
 *   10s      5     1      5
 *   90s      45    9      5
 *   2h       3600  720    5
 *   24d      32715 32395  63   (idle and intvl at most 32767)
 */
#include <config.h>

#include "settings.h"

#define KA_DETECT_PROBES 5

void ka_detect_split(int detect_s, int *idle_s, int *intvl_s, int *cnt)
{
	int idle = detect_s / 2, rest, probes, interval;

	if (idle < KA_SECONDS_MIN)
		idle = KA_SECONDS_MIN;
	if (idle > KA_SECONDS_MAX)
		idle = KA_SECONDS_MAX;
	rest = detect_s - idle;
	if (rest < 1) { /* below KA_DETECT_MIN_S: the smallest timers */
		*idle_s = *intvl_s = *cnt = 1;
		return;
	}
	probes = rest < KA_DETECT_PROBES ? rest : KA_DETECT_PROBES;
	if ((rest + probes - 1) / probes > KA_SECONDS_MAX)
		probes = (rest + KA_SECONDS_MAX - 1) / KA_SECONDS_MAX;
	interval = (rest + probes - 1) / probes;
	/* Rounding the interval up took at most probes - 1 seconds from idle. */
	*idle_s = detect_s - probes * interval;
	*intvl_s = interval;
	*cnt = probes;
}
