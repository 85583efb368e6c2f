# Manual pages: made from their .in files with the version from AC_INIT and
# the configured paths, installed by make install, linted by tests/cmd/man.sh.
man_MANS = doc/keepalive.1 doc/libkeepalive.7
EXTRA_DIST += doc/keepalive.1.in doc/libkeepalive.7.in
CLEANFILES += $(man_MANS)

# $(libdir) and $(bindir) are expanded by make, not configure, so that
# make prefix=... and distcheck's own prefix reach the pages.
doc/keepalive.1 doc/libkeepalive.7: Makefile
	$(AM_V_GEN)$(MKDIR_P) doc && \
	sed -e 's|@VERSION[@]|$(VERSION)|g' -e 's|@libdir[@]|$(libdir)|g' \
		-e 's|@bindir[@]|$(bindir)|g' \
		-e 's|@PACKAGE_BUGREPORT[@]|$(PACKAGE_BUGREPORT)|g' $(srcdir)/$@.in >$@.tmp && \
	mv $@.tmp $@
doc/keepalive.1: $(srcdir)/doc/keepalive.1.in
doc/libkeepalive.7: $(srcdir)/doc/libkeepalive.7.in

# The README's recipes, kept as files that tests/cmd/recipes.sh tries.
EXTRA_DIST += \
	doc/recipes/keepalive-environment.conf \
	doc/recipes/keepalive-command.conf \
	doc/recipes/Dockerfile \
	doc/recipes/pod.yaml \
	doc/recipes/start-server \
	doc/recipes/keepalive-cgroup.conf \
	doc/recipes/daemonset.yaml
