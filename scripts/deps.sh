#!/bin/sh
# Install the Debian packages plancheck needs to build and test, if missing.
# As root it runs apt-get itself; otherwise it prints the exact command and
# stops, so a user is never surprised by a sudo prompt in the middle of make.
set -eu

PKGS="make gcc pkg-config libyaml-dev libpcre2-dev libhunspell-dev \
hunspell-en-us jq libhpdf-dev libicu-dev libharfbuzz-dev fonts-ipaexfont \
poppler-utils qpdf python3 python3-jsonschema"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

echo "plancheck: missing Debian packages:$missing" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "plancheck: run this as root, then run make again:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
