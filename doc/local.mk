# Manual pages: installed by make install, shipped in the tarball, linted by
# tests/cmd/man.sh.
dist_man_MANS = doc/keepalive.1 doc/libkeepalive.7
