# Manual pages: installed by make install, shipped in the tarball, linted by
# tests/cmd/man.sh.
dist_man_MANS = doc/keepalive.1 doc/libkeepalive.7

# The README's recipes, kept as files that tests/cmd/recipes.sh tries.
EXTRA_DIST += \
	doc/recipes/keepalive-environment.conf \
	doc/recipes/keepalive-command.conf \
	doc/recipes/Dockerfile \
	doc/recipes/pod.yaml \
	doc/recipes/start-server \
	doc/recipes/keepalive-cgroup.conf \
	doc/recipes/daemonset.yaml
