# The kernel side of keepalive --cgroup: compiled by clang -target bpf at
# build time, and embedded in the command through the skeleton that bpftool
# generates from the object (no prebuilt object in the tree).
EXTRA_DIST += src/bpf/keepalive.bpf.c
if HAVE_BPF
BPF_CFLAGS = -O2 -g -target bpf -Wall $(BPF_CPPFLAGS) $(LIBBPF_CFLAGS) -I$(srcdir)/src/common
src/bpf/keepalive.bpf.o: src/bpf/keepalive.bpf.c src/common/bpfsettings.h src/common/bpfrule.h
	@$(MKDIR_P) src/bpf
	$(AM_V_GEN)$(BPF_CLANG) $(BPF_CFLAGS) -c $(srcdir)/src/bpf/keepalive.bpf.c -o $@
src/bpf/keepalive.skel.h: src/bpf/keepalive.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton src/bpf/keepalive.bpf.o name keepalive_bpf >$@.tmp && \
		mv $@.tmp $@
BUILT_SOURCES += src/bpf/keepalive.skel.h
CLEANFILES += src/bpf/keepalive.bpf.o src/bpf/keepalive.skel.h src/bpf/keepalive.skel.h.tmp
endif
