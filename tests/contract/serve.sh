# `plancheck serve` (issue 17): /api/check answers what `check --format
# json` prints, /api/report is a PDF, /api/fix what `fix` writes,
# /api/import what `import` writes; a check past --time-limit is a 503; a
# foreign Host, a cross-site Origin, a form post and a 64 MB body are
# refused with JSON in Japanese; 50 concurrent checks all succeed; every
# answer carries the security headers; no named file of a draft is left;
# SIGTERM exits 0.
set -eu
ROOT=$(pwd)
# no request may wait for ever: a server that stops answering is a failure
# at the request, not a suite that never ends
curl() { command curl --max-time 300 "$@"; }
# ends_by SIG: stop the server and have its exit status in $st, within 120 s
ends_by() {
	kill -"$1" "$pid"
	n=0
	while kill -0 "$pid" 2>/dev/null && [ $n -lt 1200 ]; do sleep 0.1; n=$((n + 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		echo "the server did not end 120 s after SIG$1"
		kill -KILL "$pid"
	fi
	st=0
	wait "$pid" || st=$?
}
mkdir -p "$TMP/srvtmp"
TMPDIR=$TMP/srvtmp "$PLANCHECK" serve --listen 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null || true; }
trap stop EXIT
url=""
for _ in $(seq 1 100); do
	url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$TMP/out" 2>/dev/null | head -n 1 || true)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { echo "no URL printed"; cat "$TMP/err"; exit 1; }
port=${url#http://127.0.0.1:}
port=${port%/}
post() { # post PATH FILE [curl options] -> body in $TMP/body, status printed
	p=$1 f=$2
	shift 2
	curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H 'Content-Type: application/octet-stream' \
		--data-binary @"$f" "$@" "$url$p"
}

# the same JSON as the command line, byte for byte
(cd examples && "$PLANCHECK" check --format json tsugaru-foods.md) >"$TMP/cli.json" || true
[ "$(post 'api/check?name=tsugaru-foods.md' examples/tsugaru-foods.md)" = 200 ]
cmp "$TMP/body" "$TMP/cli.json"
# a draft that is not even text is a 200 with its findings, as in the CLI
printf '%%PDF-1.4\n\001\002\003' >"$TMP/x.pdf"
[ "$(post 'api/check?name=x.pdf' "$TMP/x.pdf")" = 200 ]
jq -e '.files[0].summary.error >= 1' "$TMP/body" >/dev/null
# a CP932 draft reads as it does from a file
iconv -f UTF-8 -t CP932 examples/tsugaru-foods.md >"$TMP/sj.md"
(cd "$TMP" && "$PLANCHECK" check --format json sj.md) >"$TMP/sj.json" || true
[ "$(post 'api/check?name=sj.md' "$TMP/sj.md")" = 200 ]
cmp "$TMP/body" "$TMP/sj.json"

# the annotated PDF, and the fixed text
[ "$(post 'api/report?name=tsugaru-foods.md' examples/tsugaru-foods.md)" = 200 ]
head -c 5 "$TMP/body" | grep -q '%PDF-'
pdfinfo "$TMP/body" | grep -q '^Pages: *[1-9]'
pdftotext "$TMP/body" - | grep -q '要修正'
cat >"$TMP/f.md" <<'MD'
---
program: saikouchiku
round: 6
---
# 1. 取組内容

新工場で量産が出来る。全ての工程を記録する。
MD
"$PLANCHECK" fix "$TMP/f.md" >"$TMP/fixed.md" 2>/dev/null
[ "$(post 'api/fix?name=f.md' "$TMP/f.md")" = 200 ]
cmp "$TMP/body" "$TMP/fixed.md"
[ "$(post 'api/fix?name=sj.md' "$TMP/sj.md")" = 200 ]
"$PLANCHECK" fix "$TMP/sj.md" 2>/dev/null | cmp - "$TMP/body"

# import: the .md `plancheck import` writes, for a Word draft and for CP932
FX=tests/fixtures/docx
"$PLANCHECK" import "$FX/python-docx.docx" >"$TMP/imp.md" 2>/dev/null
[ "$(post 'api/import?name=python-docx.docx' "$FX/python-docx.docx" -D "$TMP/h")" = 200 ]
cmp "$TMP/body" "$TMP/imp.md"
head -n 1 "$TMP/body" | grep -qx -- '---'
grep -qi "^Content-Disposition: attachment;.*filename\*=UTF-8''python-docx\.md" "$TMP/h"
grep -qi '^Content-Type: text/markdown; charset=utf-8' "$TMP/h"
(cd "$TMP" && "$PLANCHECK" import sj.md) >"$TMP/imp2.md" 2>/dev/null
[ "$(post 'api/import?name=sj.md' "$TMP/sj.md")" = 200 ]
cmp "$TMP/body" "$TMP/imp2.md"
grep -q '株式会社' "$TMP/body"   # UTF-8 now
[ "$(post 'api/import?name=x.pdf' "$TMP/x.pdf")" = 422 ]
jq -e '.status == 422 and (.error | length > 0)' "$TMP/body" >/dev/null

# rules and templates
curl -s "${url}api/rules" >"$TMP/rules.json"
"$PLANCHECK" rules --format json | cmp - "$TMP/rules.json"
curl -s "${url}api/template?topup=aomori" >"$TMP/t.md"
"$PLANCHECK" new --topup aomori | cmp - "$TMP/t.md"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/template?topup=../../../etc/passwd")" = 404 ]
curl -s "${url}api/template?round=11&frame=%E6%88%90%E9%95%B7%E6%9E%A0" >"$TMP/t.md"
"$PLANCHECK" new --round 11 --frame 成長枠 | cmp - "$TMP/t.md"
grep -q '^round: 11$' "$TMP/t.md"
grep -q '^frame: 成長枠$' "$TMP/t.md"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/template?frame=a%3A%20b")" = 400 ]
curl -s "${url}api/templates" | jq -e 'length >= 1 and all(.[]; .title | length > 0)' >/dev/null

# refusals: JSON with a Japanese message and the right status
[ "$(curl -s -o "$TMP/body" -w '%{http_code}' -H "Host: evil.example:$port" "${url}api/rules")" = 403 ]
jq -e '.status == 403 and (.error | test("Host"))' "$TMP/body" >/dev/null
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: localhost:$port" "${url}api/rules")" = 200 ]
[ "$(post api/check examples/tsugaru-foods.md -H 'Origin: http://evil.example')" = 403 ]
jq -e '.status == 403' "$TMP/body" >/dev/null
[ "$(post api/check examples/tsugaru-foods.md -H 'Origin: null')" = 403 ]
[ "$(post api/check examples/tsugaru-foods.md -H 'Sec-Fetch-Site: cross-site')" = 403 ]
[ "$(post api/check examples/tsugaru-foods.md -H "Origin: http://127.0.0.1:$port")" = 200 ]
[ "$(curl -s -o "$TMP/body" -w '%{http_code}' -X POST --data-binary @examples/tsugaru-foods.md "${url}api/check")" = 415 ]
head -c 67108864 /dev/zero >"$TMP/big"
[ "$(post api/check "$TMP/big")" = 413 ]
jq -e '.status == 413' "$TMP/body" >/dev/null
# without a length (chunked) the limit holds too
[ "$(curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H 'Content-Type: application/octet-stream' \
	-H 'Transfer-Encoding: chunked' --data-binary @"$TMP/big" "${url}api/check")" = 413 ]
rm -f "$TMP/big"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/nothing")" = 404 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/check")" = 405 ]
printf 'x' >"$TMP/one"
[ "$(post 'api/check?name=a%0Ab.md' "$TMP/one")" = 400 ]

# headers on the page and on results
curl -s -D "$TMP/h" -o /dev/null "$url"
grep -qi "^Content-Security-Policy: default-src 'self'" "$TMP/h"
grep -qi '^X-Content-Type-Options: nosniff' "$TMP/h"
curl -s -D "$TMP/h" -o /dev/null -X POST -H 'Content-Type: application/octet-stream' \
	--data-binary @examples/tsugaru-foods.md "${url}api/check"
grep -qi '^Cache-Control: no-store' "$TMP/h"
grep -qi "^Content-Security-Policy: default-src 'self'" "$TMP/h"

# 50 at once, every one answered in full
(cd examples && "$PLANCHECK" check --format json hakkoda-seiko.md) >"$TMP/ok.json"
for i in $(seq 1 50); do
	curl -s -o "$TMP/c$i" -w '%{http_code}\n' -X POST -H 'Content-Type: application/octet-stream' \
		--data-binary @examples/hakkoda-seiko.md "${url}api/check?name=hakkoda-seiko.md" >"$TMP/s$i" &
done
wait_n=0
for i in $(seq 1 50); do
	while [ ! -s "$TMP/s$i" ] && [ $wait_n -lt 600 ]; do sleep 0.1; wait_n=$((wait_n + 1)); done
done
sleep 0.2
for i in $(seq 1 50); do
	[ "$(cat "$TMP/s$i")" = 200 ] || { echo "request $i: $(cat "$TMP/s$i")"; exit 1; }
	cmp -s "$TMP/c$i" "$TMP/ok.json" || { echo "request $i: other answer"; exit 1; }
done
# requests no client should send: the server answers or drops each, and
# stays up
python3 - "$port" <<'PY'
import socket, sys
port = int(sys.argv[1])
bad = [b"GARBAGE\r\n\r\n", b"\x00\xff\xfe" * 1000, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X: " + b"a" * 200000 + b"\r\n\r\n",
       b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 100000\r\n\r\nonly a little" % port,
       b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" % port,
       b"GET /api/template?round=%%ff%%00&frame=%%0a HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port,
       b"GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port]
for b in bad:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(b)
        s.shutdown(socket.SHUT_WR)
        s.recv(65536)
    except OSError:
        pass
    s.close()
PY
# the server is still there after all that
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/rules")" = 200 ]
# no file of a draft was left in TMPDIR (PDFs go into memory)
[ -z "$(ls -A "$TMP/srvtmp")" ] || { echo "files in TMPDIR: $(ls -A "$TMP/srvtmp")"; exit 1; }

# SIGTERM: exit 0, the private folder gone
trap - EXIT
ends_by TERM
[ "$st" = 0 ] || { echo "exit $st"; cat "$TMP/err"; exit 1; }

# a draft whose check outlasts --time-limit: a 503 with a Japanese message
# in time, and the server goes on answering (the late check is stopped
# between rules).  The draft is the public plan's body repeated to 4 MB,
# doubled while its whole check takes under 3 s here (up to 16 MB, the
# body limit); on a machine that checks even that in under 3 s the part
# is skipped and counted.
mb=4
while :; do
	python3 - examples/hakkoda-seiko.md "$TMP/long.md" "$mb" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
end = src.index("\n---", 3) + 4
body = src[end:]
open(sys.argv[2], "w", encoding="utf-8").write(src[:end] + body * (int(sys.argv[3]) * 1000000 // len(body.encode())))
PY
	t0=$(date +%s%N)
	"$PLANCHECK" check "$TMP/long.md" >/dev/null 2>&1 || true
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ "$ms" -lt 3000 ] && [ "$mb" -lt 16 ] || break
	mb=$((mb * 2))
done
if [ "$ms" -lt 3000 ]; then
	echo "serve.sh: --time-limit: a ${mb} MB draft checks in ${ms} ms here (< 3 s), nothing to cut short" >>"${SKIPS:-/dev/null}"
else
	TMPDIR=$TMP/srvtmp "$PLANCHECK" serve --listen 127.0.0.1:0 --time-limit 1 >"$TMP/out3" 2>"$TMP/err3" &
	pid=$!
	trap stop EXIT
	url=""
	for _ in $(seq 1 100); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$TMP/out3" 2>/dev/null | head -n 1 || true)
		[ -n "$url" ] && break
		sleep 0.1
	done
	[ "$(post 'api/check?name=long.md' "$TMP/long.md")" = 503 ]
	jq -e '.status == 503 and (.error | test("制限時間"))' "$TMP/body" >/dev/null
	[ "$(post 'api/report?name=long.md' "$TMP/long.md")" = 503 ]
	# still up, and an ordinary draft is answered in full - once the two
	# cut-short checks have stopped at their next rule: till then a new
	# draft is turned away 503 as busy (under valgrind that takes a while)
	if [ "${PLANCHECK_TIMING:-on}" = off ]; then
		# under valgrind even the ordinary draft outlasts the 1 s limit
		echo "serve.sh: --time-limit: an ordinary draft after the cut-short ones (timing is off: valgrind)" >>"${SKIPS:-/dev/null}"
	else
		n=0
		while st=$(post 'api/check?name=hakkoda-seiko.md' examples/hakkoda-seiko.md) && [ "$st" = 503 ] &&
			jq -e '.error | test("混み合")' "$TMP/body" >/dev/null && [ $n -lt 600 ]; do
			sleep 0.5
			n=$((n + 1))
		done
		[ "$st" = 200 ] || { echo "an ordinary draft after the cut-short ones: $st"; cat "$TMP/body"; exit 1; }
		cmp "$TMP/body" "$TMP/ok.json"
	fi
	trap - EXIT
	ends_by TERM
	[ "$st" = 0 ] || { echo "exit $st after a cut-short check"; cat "$TMP/err3"; exit 1; }
fi

# off loopback it will not start without a token, and says why
st=0
"$PLANCHECK" serve --listen 0.0.0.0:0 >/dev/null 2>"$TMP/err2" || st=$?
[ "$st" = 2 ]
grep -q -- '--token' "$TMP/err2"
# with a token, /api/ asks for it (the page itself loads without)
# (started in a folder with a .plancheck.yml: uploads get that configuration)
mkdir -p "$TMP/desk"
printf 'rules:\n  common.comma-count: off\n' >"$TMP/desk/.plancheck.yml"
(cd "$TMP/desk" && exec "$PLANCHECK" serve --listen 0.0.0.0:0 --token s3cret) >"$TMP/out2" 2>/dev/null &
pid=$!
trap stop EXIT
url2=""
for _ in $(seq 1 100); do
	port2=$(grep -o ':[0-9][0-9]*/' "$TMP/out2" 2>/dev/null | head -n 1 | tr -d :/ || true)
	[ -n "$port2" ] && break
	sleep 0.1
done
url=http://127.0.0.1:$port2/
grep -q 'token' "$TMP/out2"
[ "$(curl -s -o /dev/null -w '%{http_code}' "${url}api/rules")" = 401 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Plancheck-Token: wrong!' "${url}api/rules")" = 401 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Plancheck-Token: s3cret' "${url}api/rules")" = 200 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer s3cret' "${url}api/rules")" = 200 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = 200 ]
grep -q '設定 .*\.plancheck\.yml' "$TMP/out2"
curl -s -X POST -H 'X-Plancheck-Token: s3cret' -H 'Content-Type: application/octet-stream' \
	--data-binary @examples/tsugaru-foods.md "${url}api/check" >"$TMP/desk.json"
jq -e '[.files[0].findings[].rule] | (index("common.comma-count") == null) and (index("common.spelling") != null)' \
	"$TMP/desk.json" >/dev/null
trap - EXIT
ends_by INT
[ "$st" = 0 ]
