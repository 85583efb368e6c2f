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

#include "detect.h"
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

static bool timer_ok(long long seconds)
{
	return seconds >= KA_SECONDS_MIN && seconds <= KA_SECONDS_MAX;
}

/* Fits the timers not set explicitly around those that are, so that
 * idle + intvl x cnt is still exactly the detection time (see above for
 * why exactly). Probe counts are tried from five down, then upwards. Returns
 * false when the explicit ones leave no exact fit. */
static bool fit_timers(int detect, const bool fixed[3], int timers[3])
{
	for (int n = 0; n < KA_CNT_MAX; n++) {
		long long cnt = fixed[2] ? timers[2] : n < 5 ? 5 - n : n + 1;
		long long idle = timers[0], intvl = timers[1];

		if (cnt > KA_CNT_MAX)
			break;
		if (!fixed[0] && !fixed[1]) {
			intvl = (detect / 2) / cnt > 0 ? (detect / 2) / cnt : 1;
			idle = detect - intvl * cnt;
		} else if (!fixed[1]) {
			if ((detect - idle) % cnt != 0)
				continue;
			intvl = (detect - idle) / cnt;
		} else if (!fixed[0]) {
			idle = detect - intvl * cnt;
		}
		if (timer_ok(idle) && timer_ok(intvl) && idle + intvl * cnt == detect) {
			timers[0] = (int)idle;
			timers[1] = (int)intvl;
			timers[2] = (int)cnt;
			return true;
		}
		if (fixed[2])
			break;
	}
	return false;
}

void ka_detect_apply(struct ka_config *cfg)
{
	int *values[3] = { &cfg->idle_s, &cfg->intvl_s, &cfg->cnt };
	const enum ka_setting which[3] = { KA_IDLE, KA_INTVL, KA_CNT };
	bool fixed[3];
	int timers[3];

	ka_detect_split(cfg->detect_s, &timers[0], &timers[1], &timers[2]);
	for (int i = 0; i < 3; i++) {
		fixed[i] = cfg->source[which[i]] != NULL;
		if (fixed[i])
			timers[i] = *values[i];
	}
	if ((fixed[0] || fixed[1] || fixed[2]) && !fit_timers(cfg->detect_s, fixed, timers))
		ka_detect_split(cfg->detect_s, &timers[0], &timers[1], &timers[2]);
	for (int i = 0; i < 3; i++) {
		if (!fixed[i]) {
			*values[i] = timers[i];
			cfg->from_detect[which[i]] = true;
		}
	}
}
