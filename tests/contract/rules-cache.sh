# The rule files' parsed trees kept beside them (rules --write-cache,
# DIR/.plancheck-parsed): a check reads them instead of the YAML and says
# exactly what it says without them; a file edited since is read again
# (its new words, its errors at their lines); a cache that is damaged,
# another build's, or cut short is ignored; a rules directory with an
# error gets no cache.  And the cache is really read: a tree planted under
# a file's hash is what the check uses.
set -eu
R=$TMP/rules
cp -R rules "$R"
rm -f "$R/.plancheck-parsed"
P=examples/tsugaru-foods.md
run() { "$PLANCHECK" check --no-config --rules "$R" "$@" 2>&1 || true; }
run "$P" >"$TMP/plain.txt"
run --format json "$P" >"$TMP/plain.json"
"$PLANCHECK" rules --no-config --rules "$R" --format json >"$TMP/plain-rules.json"

"$PLANCHECK" rules --write-cache --no-config --rules "$R" 2>"$TMP/w.err"
test -s "$R/.plancheck-parsed"
grep -q '.plancheck-parsed に [0-9]* ファイル' "$TMP/w.err"
run "$P" | cmp - "$TMP/plain.txt"
run --format json "$P" | cmp - "$TMP/plain.json"
"$PLANCHECK" rules --no-config --rules "$R" --format json | cmp - "$TMP/plain-rules.json"
"$PLANCHECK" rules --no-config --rules "$R" --test >/dev/null

# an edited file is read again: its new message is the one shown
F=$R/saikouchiku/numbers.yml
cp "$F" "$TMP/numbers.orig"
sed 's/message: 経費明細の合計 {expenses_sum} が/message: 【書き換え】経費明細の合計 {expenses_sum} が/' "$TMP/numbers.orig" >"$F"
run "$P" | grep -q '【書き換え】経費明細の合計'
# and a YAML error in it is an error at its line, as without a cache
# (a line the forgiving reader leaves out of a rule file is still an
# error: it was once dropped in silence, exit 1)
printf 'oops: [1, 2\n' >>"$F"
st=0
"$PLANCHECK" check --no-config --rules "$R" "$P" >"$TMP/e.txt" 2>&1 || st=$?
[ $st = 2 ] || { cat "$TMP/e.txt"; exit 1; }
grep -q "numbers.yml:$(wc -l <"$F"):" "$TMP/e.txt" || { cat "$TMP/e.txt"; exit 1; }
# write-cache on rules with an error: exit 2, the old cache left as it was
cp "$R/.plancheck-parsed" "$TMP/cache.good"
st=0
"$PLANCHECK" rules --write-cache --no-config --rules "$R" >/dev/null 2>&1 || st=$?
[ $st = 2 ]
cmp "$R/.plancheck-parsed" "$TMP/cache.good"
cp "$TMP/numbers.orig" "$F"

# damaged caches are ignored: cut short, garbage after the header, another
# format, bytes changed inside a tree (each tree has its own hash)
for how in cut garbage format flip; do
	case $how in
	cut) head -c 20000 "$TMP/cache.good" >"$R/.plancheck-parsed" ;;
	garbage) { head -n 1 "$TMP/cache.good"; head -c 5000 /dev/urandom; } >"$R/.plancheck-parsed" ;;
	format) sed '1s/^plancheck ytree-[0-9]*/plancheck ytree-999/' "$TMP/cache.good" >"$R/.plancheck-parsed" ;;
	flip) python3 - "$TMP/cache.good" "$R/.plancheck-parsed" <<'PY' ;;
import sys
d = bytearray(open(sys.argv[1], "rb").read())
# a message's text inside numbers.yml's tree: 一致しません -> 一致しないＸ
i = d.index("一致しません（差".encode())
d[i:i + len("一致しません".encode())] = "一致しないＸ".encode()
open(sys.argv[2], "wb").write(bytes(d))
PY
	esac
	run "$P" | cmp - "$TMP/plain.txt" || { echo "cache $how: other output"; exit 1; }
done

# the cache is what is read: numbers.yml's tree from a cache written with
# one message, the file then changed to another message of the same length
# and the cache given the new file's length and hash - the old message shows
sed 's/一致しません（差/一致しないＸ（差/' "$TMP/numbers.orig" >"$F"
"$PLANCHECK" rules --write-cache --no-config --rules "$R" 2>/dev/null
cp "$TMP/numbers.orig" "$F"
python3 - "$R/.plancheck-parsed" "$F" <<'PY'
import struct, sys
cache, f = sys.argv[1], sys.argv[2]
data = bytearray(open(cache, "rb").read())
text = open(f, "rb").read()
M = 0xFFFFFFFFFFFFFFFF
def hash64(b):   # pc_hash64 (src/text.c)
    h = 0x9E3779B97F4A7C15 ^ len(b)
    i = 0
    while i + 8 <= len(b):
        h = ((h ^ int.from_bytes(b[i:i + 8], "little")) * 0xFF51AFD7ED558CCD) & M
        h ^= h >> 32
        i += 8
    h = ((h ^ int.from_bytes(b[i:] + bytes(8 - (len(b) - i)), "little")) * 0xC4CEB9FE1A85EC53) & M
    return h ^ (h >> 29)
h = hash64(text)
p = data.index(b"\n") + 1
while p < len(data):
    (nl,) = struct.unpack_from("<Q", data, p)
    name = bytes(data[p + 8:p + 8 + nl])
    q = p + 8 + nl
    size, _, tl, _ = struct.unpack_from("<QQQQ", data, q)
    if name == b"saikouchiku/numbers.yml":
        assert size == len(text), (size, len(text))
        struct.pack_into("<Q", data, q + 8, h)
        break
    p = q + 32 + tl
else:
    sys.exit("numbers.yml not in the cache")
open(cache, "wb").write(bytes(data))
PY
run "$P" | grep -q '一致しないＸ（差' || { echo "the planted tree was not read"; run "$P" | grep expense-sum; exit 1; }
