#!/bin/sh
# Install the Debian packages plancheck needs to build and test, if missing.
# As root it runs apt-get itself; as a user with sudo it says what it will
# install and why before sudo asks for the password; with neither it prints
# the exact command and stops.
set -eu

PKGS="make gcc pkg-config libyaml-dev libpcre2-dev libhunspell-dev \
hunspell-en-us jq libhpdf-dev libicu-dev libharfbuzz-dev fonts-ipaexfont \
poppler-utils qpdf python3 python3-jsonschema libmicrohttpd-dev curl wrk \
libmecab-dev mecab mecab-ipadic-utf8 \
libzip-dev libxml2-dev libdeflate-dev python3-docx python3-yaml"

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
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		echo "plancheck: installing them with sudo apt-get (sudo may ask for your password)" >&2
		SUDO=sudo
	else
		echo "plancheck: run this as root, then run make again:" >&2
		echo "  apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
