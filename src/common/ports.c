/* KEEPALIVE_PORTS: parsing the list of ports and ranges, and writing it back
 * (decide.c applies it). */
#include <config.h>

#include "messages.h"
#include "parse.h"
#include "ports.h"
#include "settings.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p)
{
	while (is_blank(*p))
		p++;
	return p;
}

/* One port at *p: digits only, KA_PORT_MIN..KA_PORT_MAX. */
static bool read_port(const char **p, int *port, enum ka_problem_kind *kind)
{
	long long value;

	*p = skip_blanks(*p);
	if (!ka_parse_digits(p, &value, kind))
		return false;
	if (value < KA_PORT_MIN || value > KA_PORT_MAX) {
		*kind = KA_PROBLEM_RANGE;
		return false;
	}
	*port = (int)value;
	*p = skip_blanks(*p);
	return true;
}

bool ka_parse_ports(const char *text, struct ka_port_range *ranges, int *n,
		    enum ka_problem_kind *kind)
{
	const char *p = text;

	*n = 0;
	for (;;) {
		struct ka_port_range r;

		if (!read_port(&p, &r.lo, kind))
			return false;
		r.hi = r.lo;
		if (*p == '-') {
			p++;
			if (!read_port(&p, &r.hi, kind))
				return false;
			if (r.hi < r.lo) {
				*kind = KA_PROBLEM_RANGE;
				return false;
			}
		}
		if (*n == KA_MAX_PORT_RANGES) {
			*kind = KA_PROBLEM_RANGE;
			return false;
		}
		ranges[(*n)++] = r;
		if (*p == '\0')
			return true;
		if (*p++ != ',') {
			*kind = KA_PROBLEM_FORM;
			return false;
		}
	}
}

/* Appends text at buf + *used, always terminated, never past len. */
static void append(char *buf, size_t len, size_t *used, const char *text)
{
	while (*text != '\0' && *used + 1 < len)
		buf[(*used)++] = *text++;
	buf[*used] = '\0';
}

static void append_port(char *buf, size_t len, size_t *used, int port)
{
	char digits[KA_DECIMAL_SIZE];

	append(buf, len, used, ka_decimal(digits, port));
}

void ka_ports_format(const struct ka_port_range *ranges, int n, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			append(buf, len, &used, ",");
		append_port(buf, len, &used, ranges[i].lo);
		if (ranges[i].hi != ranges[i].lo) {
			append(buf, len, &used, "-");
			append_port(buf, len, &used, ranges[i].hi);
		}
	}
}
