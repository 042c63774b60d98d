#!/bin/sh
# The npm tools make check runs on plancheck's outputs, at the versions
# tests/npm/package-lock.json pins: pdf.js (what it prints of the feedback
# PDF) and Microsoft's SARIF Multitool (a real SARIF consumer's validator).
# Installed into tests/npm/node_modules from the npm registry; nothing is
# run at install time (the multitool's only install script makes its
# binary executable, done here).  Prints the directory; exits 1 with the
# reason on stderr when npm is missing or the registry cannot be reached,
# so that a test can skip and count itself.
set -eu
cd "$(dirname "$0")/../tests/npm"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	echo "npm-tools: Node.js and npm are not installed" >&2
	exit 1
fi
# the lock file decides the versions; node_modules is rebuilt only when it
# is older than the lock; two tests asking at once install once
(
	flock 9
	if [ ! -d node_modules/pdfjs-dist ] || [ ! -d node_modules/@microsoft/sarif-multitool ] ||
		[ package-lock.json -nt node_modules/.package-lock.json ]; then
		if ! npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >npm-ci.log 2>&1; then
			echo "npm-tools: npm ci failed (is the npm registry reachable?):" >&2
			tail -n 5 npm-ci.log >&2
			exit 1
		fi
	fi
) 9>.lock
mt=node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
[ -f "$mt" ] && chmod u+x "$mt"
pwd
