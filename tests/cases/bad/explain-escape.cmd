# explain of an id that is not a rule echoed the argument raw: a terminal
# escape typed or pasted into it reached the terminal (ESC [31m)
"$PLANCHECK" explain "$(printf '\033[31mcommon.x')" 2>&1 | od -An -c | grep -c '033'
