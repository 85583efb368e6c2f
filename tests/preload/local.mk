dist_check_SCRIPTS += tests/preload/basic.sh
TESTS += tests/preload/basic.sh
