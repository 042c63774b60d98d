# make install PREFIX=… DESTDIR=… puts the binary, the data and the man
# page in place, and the installed binary finds its rules under
# PREFIX/share/plancheck.
set -eu
make --no-print-directory -s install PREFIX=/opt/pc DESTDIR="$TMP/dest" >/dev/null
test -x "$TMP/dest/opt/pc/bin/plancheck"
test -f "$TMP/dest/opt/pc/share/man/man1/plancheck.1"
test -d "$TMP/dest/opt/pc/share/plancheck/rules/saikouchiku"
test -d "$TMP/dest/opt/pc/share/plancheck/templates"
test -f "$TMP/dest/opt/pc/share/plancheck/web/index.html"   # serve's page
# the installed binary finds ../share/plancheck beside itself, so a staged
# (DESTDIR) or relocated install works without PLANCHECK_DATA
(
	unset PLANCHECK_DATA
	"$TMP/dest/opt/pc/bin/plancheck" check "$PUB/hakkoda-seiko.md" >/dev/null
	"$TMP/dest/opt/pc/bin/plancheck" --help | grep -q "$TMP/dest/opt/pc/bin/../share/plancheck/rules"
)
