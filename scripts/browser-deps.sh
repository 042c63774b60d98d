#!/bin/sh
# What `make check-browser` needs beyond scripts/deps.sh: Debian's chromium
# (the browser comes from Debian, never from npm), Node.js with npm,
# python3-docx (the .docx fixture), and
# puppeteer-core at the version tests/browser/package-lock.json pins
# (puppeteer-core downloads no browser).  Like deps.sh: apt-get as root,
# sudo when there is one, else the command to run.
set -eu
cd "$(dirname "$0")/.."

PKGS="chromium nodejs npm poppler-utils python3-docx python3-yaml"
missing=""
for p in $PKGS; do
	# a Node.js installed outside Debian (with its own npm) will do
	case $p in nodejs | npm) command -v "${p%js}" >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && continue ;; esac
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
if [ -n "$missing" ]; then
	echo "plancheck: missing Debian packages for the browser tests:$missing" >&2
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null 2>&1; then
			SUDO=sudo
		else
			echo "plancheck: run as root: apt-get update && apt-get install -y$missing" >&2
			exit 1
		fi
	fi
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# the lock file decides the versions; node_modules is rebuilt only when it
# is older than the lock
cd tests/browser
if [ ! -d node_modules/puppeteer-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
