/* The settings: what the environment asks for, parsed without side effects.
 *
 * ka_config_load() takes a lookup function instead of reading the environment
 * itself, does no allocation, no I/O and no system calls, so the same code
 * serves the preload library (possibly inside a signal handler, before our
 * constructor ran), the keepalive command and the unit tests. Problems are
 * recorded as data; ka_problem_format() turns them into text later. */
#ifndef KA_SETTINGS_H
#define KA_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

enum ka_setting {
	KA_ENABLE,       /* KEEPALIVE */
	KA_IDLE,         /* KEEPALIVE_IDLE, seconds */
	KA_INTVL,        /* KEEPALIVE_INTVL, seconds */
	KA_CNT,          /* KEEPALIVE_CNT, probes */
	KA_USER_TIMEOUT, /* KEEPALIVE_USER_TIMEOUT, milliseconds */
	KA_DEBUG,        /* KEEPALIVE_DEBUG, 0..2 */
	KA_MODE,         /* KEEPALIVE_MODE, respect (0) or force (1) */
	KA_DETECT,       /* KEEPALIVE_DETECT, seconds; 0 when unset */
	KA_ROLE,         /* KEEPALIVE_ROLE, enum ka_role */
	KA_PORTS,        /* KEEPALIVE_PORTS, a list of ports and ranges */
	KA_INHERIT,      /* KEEPALIVE_INHERIT, yes (1) or no (0) */
	KA_SETTING_COUNT
};

enum ka_role {
	KA_ROLE_ALL,
	KA_ROLE_CLIENT, /* sockets that connect */
	KA_ROLE_SERVER, /* listeners and the connections they accept */
};

enum ka_problem_kind {
	KA_PROBLEM_FORM,       /* not of the accepted form */
	KA_PROBLEM_RANGE,      /* well formed, outside the accepted range */
	KA_PROBLEM_FRACTION,   /* a duration that is not whole seconds */
	KA_PROBLEM_UT_SHORT,   /* user timeout at most idle + intvl * (cnt - 1) */
	KA_PROBLEM_UT_LONG,    /* user timeout above idle + intvl * cnt */
	KA_PROBLEM_OVER_DETECT, /* explicit settings detect later than KEEPALIVE_DETECT */
};

/* The kernel's ranges (tcp(7)); setsockopt fails with EINVAL outside them. */
#define KA_SECONDS_MIN 1              /* TCP_KEEPIDLE, TCP_KEEPINTVL */
#define KA_SECONDS_MAX 32767          /* MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL */
#define KA_CNT_MIN 1
#define KA_CNT_MAX 127                /* MAX_TCP_KEEPCNT */
#define KA_USER_TIMEOUT_MAX_MS 2147483647LL /* INT_MAX */
#define KA_DEBUG_MAX 2
#define KA_DETECT_MIN_S 2             /* one second of idle, one probe */
#define KA_DETECT_MAX_S 2147483       /* the user timeout's INT_MAX ms */
#define KA_PORT_MIN 1
#define KA_PORT_MAX 65535
#define KA_MAX_PORT_RANGES 32
#define KA_DURATION_MAX_MS (1000LL * 1000 * 1000 * 1000 * 1000) /* no overflow below this */

#define KA_VALUE_SHOWN 40  /* bytes of a bad value kept for the message */
#define KA_VALUE_SHOWN_SIZE (KA_VALUE_SHOWN + 4) /* and room for "..." (messages.h) */
#define KA_MAX_PROBLEMS (KA_SETTING_COUNT + 2) /* one a setting, two checks */

struct ka_problem {
	enum ka_setting setting;
	const char *variable; /* the variable that held the value */
	enum ka_problem_kind kind;
	char value[KA_VALUE_SHOWN_SIZE]; /* the bad text as shown (ka_value_shown) */
};

struct ka_port_range {
	int lo, hi;
};

struct ka_config {
	bool enabled;
	int idle_s;
	int intvl_s;
	int cnt;
	int user_timeout_ms;       /* 0: leave the kernel's behaviour */
	bool user_timeout_derived; /* computed from idle + intvl * cnt */
	int debug;
	bool force;                /* KEEPALIVE_MODE=force: our settings win */
	int detect_s;              /* KEEPALIVE_DETECT; 0 when unset */
	enum ka_role role;
	int nports;                /* 0: every port */
	struct ka_port_range ports[KA_MAX_PORT_RANGES];
	bool inherit;              /* false: only this process, not its children */
	long long owner_pid;       /* KEEPALIVE_PID, set for KEEPALIVE_INHERIT=no */
	bool checked;              /* KEEPALIVE_CHECKED matches the variables: the
				    * keepalive command has said what there was to say */
	/* The variable that supplied each value; NULL where the default stands
	 * (or a value derived from KEEPALIVE_DETECT, marked in from_detect[]). */
	const char *source[KA_SETTING_COUNT];
	bool from_detect[KA_SETTING_COUNT];
	int nproblems;
	struct ka_problem problems[KA_MAX_PROBLEMS];
};

/* The variable that marks the process KEEPALIVE_INHERIT=no applies to. */
#define KA_OWNER_PID_VARIABLE "KEEPALIVE_PID"

/* The variable in which the keepalive command leaves the fingerprint of the
 * variables it checked, so that the library does not repeat its warnings. */
#define KA_CHECKED_VARIABLE "KEEPALIVE_CHECKED"
#define KA_FINGERPRINT_LEN 16

/* How the library's file names its version ("libkeepalive 1.0.0"), for
 * keepalive --show to find. */
#define KA_VERSION_MARKER "libkeepalive "

/* Returns the value of an environment variable, or NULL when it is unset. */
typedef const char *ka_lookup_fn(const char *name, void *ctx);

void ka_config_load(struct ka_config *cfg, ka_lookup_fn *lookup, void *ctx);

/* A digest of every variable the settings are read from, as hex digits
 * (KA_FINGERPRINT_LEN and a NUL): equal when the variables are. */
void ka_config_fingerprint(ka_lookup_fn *lookup, void *ctx, char out[KA_FINGERPRINT_LEN + 1]);

/* How a setting's value is written. */
enum ka_value_form {
	KA_FORM_SWITCH,        /* on/off words: words[] names the two values */
	KA_FORM_WORD,          /* one of words[]: the value is its index */
	KA_FORM_COUNT,         /* a whole number, min..max */
	KA_FORM_WHOLE_SECONDS, /* a duration of whole seconds, min..max s */
	KA_FORM_DURATION_MS,   /* a duration, min..max ms */
	KA_FORM_PORTS,         /* a list of ports and ranges */
};

/* Everything about one setting: one row for each, read by the parser, the
 * messages, keepalive --show and keepalive --help. */
struct ka_setting_info {
	/* Variables in order of precedence: ours, libkeepalive 0.3's,
	 * libdontdie's; NULL-terminated. */
	const char *names[4];
	enum ka_value_form form;
	long long min, max;         /* numbers, in the setting's unit */
	const char *const *words;   /* SWITCH: off then on; WORD: every word, NULL-terminated */
	const char *accepted;       /* the accepted form, for messages */
	long long fallback;         /* the default, in the setting's unit */
	const char *fallback_text;  /* the default, as users read it */
	const char *label;          /* its name in keepalive --show */
	const char *help;           /* what it does, for keepalive --help */
};

const struct ka_setting_info *ka_setting_info(enum ka_setting setting);

/* The words every switch takes, in pairs of off and on: "0" "1" "off" "on"... */
extern const char *const ka_switch_words[];

/* The variable name and the accepted form of a setting, for messages. */
const char *ka_setting_variable(enum ka_setting setting);
/* Older shims' variables read when the KEEPALIVE_ one is unset, in order of
 * precedence: libkeepalive 0.3, then libdontdie; NULL-terminated. */
const char *const *ka_setting_compat_variables(enum ka_setting setting);
const char *ka_setting_accepted(enum ka_setting setting);

/* The word for a value of a SWITCH or WORD setting ("force", "yes"). */
const char *ka_setting_word(enum ka_setting setting, long long value);

/* When the kernel notices an idle dead peer with these settings, in ms. */
long long ka_config_idle_detection_ms(const struct ka_config *cfg);

#endif
