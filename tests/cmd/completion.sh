#!/bin/sh
# The bash completion (src/bin/completion/keepalive), sourced in bash and
# asked what the words typed so far complete to.
. "$KA_SRCDIR/tests/cmd/common.sh"

command -v bash >/dev/null 2>&1 || skip "bash is not installed"
completion="$KA_SRCDIR/src/bin/completion/keepalive"

# completions WORD...: what bash would offer for the last word (the one being
# completed; "" for a new word), one a line, sorted. The words are split as
# bash splits them, so --role=s is given as --role = s.
completions() {
	bash -c '. "$1" || exit 1; shift
		complete -p keepalive >/dev/null || exit 1
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _keepalive
		printf "%s\n" "${COMPREPLY[@]}"' bash "$completion" "$KA_CMD" "$@" |
		sed '/^$/d' | sort
}

assert_eq "--id" "--idle" "$(completions --id)"
assert_eq "--no" "--no-inherit" "$(completions --no)"
assert_eq "--user" "--user-timeout" "$(completions --user)"
assert_eq "--mo after a value" "--mode" "$(completions --idle 30 --mo)"
assert_eq "-v twice, then --sh" "--show" "$(completions -vv --sh)"

# Every long option of --help is offered, and nothing else.
assert_eq "all long options" \
	"$("$KA_CMD" --help | grep -oE -- '^  (-[A-Za-z], |    )--[a-z-]*[a-z]' | sed 's/.*--/--/' | sort)" \
	"$(completions --)"

# Values: each word offered is one the command accepts.
assert_eq "--mode values" "$(printf 'force\nrespect')" "$(completions --mode '')"
assert_eq "-r s" "server" "$(completions -r s)"
assert_eq "--role=s" "server" "$(completions --role = s)"
for role in $(completions --role =); do
	assert_eq "keepalive --show --role $role" 0 "$(status "$KA_CMD" --show --role "$role")"
done
for mode in $(completions -m ''); do
	assert_eq "keepalive --show --mode $mode" 0 "$(status "$KA_CMD" --show --mode "$mode")"
done
assert_eq "a duration is not completed" "" "$(completions --idle '')"

# COMMAND: a program's name after the options or after --; after it, the
# words are COMMAND's own, not keepalive's options.
completions -- ech | grep -qx echo || fail "-- ech does not complete to echo"
completions --idle 30 ech | grep -qx echo || fail "--idle 30 ech does not complete to echo"
assert_eq "COMMAND's own --id" "" "$(completions --idle 30 ls --id)"
assert_eq "after --, -x is COMMAND" "" "$(completions -- --id)"
