# The compatibility matrix: real programs from Debian's packages with a dead
# peer, in private network namespaces (root only; each skipped where its
# program is not installed). scripts/compat-table makes the README's table
# from their logs.
PROGRAMS_TESTS = \
	tests/programs/nginx.sh \
	tests/programs/redis-server.sh \
	tests/programs/redis-cli.sh \
	tests/programs/curl.sh \
	tests/programs/python3.sh \
	tests/programs/node.sh \
	tests/programs/memcached.sh \
	tests/programs/haproxy.sh \
	tests/programs/java.sh \
	tests/programs/openssl.sh \
	tests/programs/telnet.sh
dist_check_SCRIPTS += $(PROGRAMS_TESTS)
TESTS += $(PROGRAMS_TESTS)
EXTRA_DIST += tests/programs/programs.sh
