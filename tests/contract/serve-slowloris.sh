# `plancheck serve` reachable from other machines (issue 16, third round):
# one client that opens more connections than --max-connections and
# keeps each alive with a header line now and then (slowloris) took every
# slot, and nobody else was answered.  Now one address gets an eighth of
# them: another client is still answered.  Needs an address of this
# machine other than loopback (the "other machine"), and python3.
set -eu
py=/usr/bin/python3
[ -x $py ] || py=python3
addr=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -n 1 || true)
if [ -z "$addr" ] || ! command -v $py >/dev/null; then
	echo "serve under slowloris (no IPv4 address but loopback, or no python3)" >>"$SKIPS"
	exit 77
fi
"$PLANCHECK" serve --no-config --listen 0.0.0.0:0 --token t0ken --max-connections 16 >"$TMP/out" 2>"$TMP/err" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
	port=$(grep -o ':[0-9][0-9]*/' "$TMP/out" 2>/dev/null | head -n 1 | tr -d ':/' || true)
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "no URL printed"; cat "$TMP/err"; exit 1; }
cat >"$TMP/slow.py" <<'EOF'
import socket, subprocess, sys, time
port, src = int(sys.argv[1]), sys.argv[2]
held = []
for i in range(40):   # more than --max-connections, all from src
    s = socket.socket()
    s.settimeout(3)
    s.bind((src, 0))
    try:
        s.connect((src, port))
        s.sendall(b'GET /api/rules HTTP/1.1\r\nHost: x\r\n')
        held.append(s)
    except OSError:
        s.close()
for _ in range(2):
    time.sleep(1)
    for s in held:
        try:
            s.sendall(b'X-Slow: 1\r\n')
        except OSError:
            pass
# another client (from 127.0.0.1) must still be answered
r = subprocess.run(['curl', '-s', '--max-time', '10', '--interface', '127.0.0.1', '-o', '/dev/null',
                    '-w', '%{http_code}', '-H', 'X-Plancheck-Token: t0ken',
                    'http://127.0.0.1:%d/api/rules' % port], capture_output=True, text=True)
print(r.stdout)
EOF
code=$($py "$TMP/slow.py" "$port" "$addr")
[ "$code" = 200 ] || { echo "another client got '$code' while one held every connection"; exit 1; }
