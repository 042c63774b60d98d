# check on a FIFO, a socket's kind of file or a device is refused at once
# with what it is (on a FIFO with no writer it waited forever)
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT && cd "$t" || exit 9
mkfifo pipe.md
timeout 60 "$PLANCHECK" check pipe.md; echo "fifo: $?"
timeout 60 "$PLANCHECK" check /dev/null; echo "device: $?"
timeout 60 "$PLANCHECK" report pipe.md -o out.pdf; echo "report: $?"
timeout 60 "$PLANCHECK" fix pipe.md
