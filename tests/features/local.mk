# The optional features (KEEPALIVE_MODE, _DETECT, _ROLE, _PORTS, _INHERIT,
# the older shims' variables, socket activation) under the preload on
# loopback, and what they cost when off.
features_tests = \
	tests/features/force.sh \
	tests/features/scope.sh \
	tests/features/inherit.sh \
	tests/features/compat.sh \
	tests/features/activation.sh \
	tests/features/cost.sh \
	tests/features/filter-program-wins.sh
dist_check_SCRIPTS += $(features_tests)
TESTS += $(features_tests)
