#!/usr/bin/env bash
# Re-record the IMSP golden files from the real cyrus-imspd 1.8.
#
#   scripts/peers-record-imsp.sh            # every tests/transcripts/imsp/*.txt
#   scripts/peers-record-imsp.sh 07         # one transcript, by number,
#   scripts/peers-record-imsp.sh 07-get-exact   # by name (with or without .txt)
#
# For each transcript: reset the server to the pristine fixture state, replay
# the transcript with the shared run-transcript tool and store the server's raw
# bytes in tests/golden/imsp/NAME.out (extra "@open X" connections go to
# NAME.X.out). The server is started (idempotently) with the shared peers'
# start-imspd.sh; the shared directory is ../shared relative to the project
# root. Exit status: 0 if every recording finished cleanly, 1 otherwise.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
PEERS="$(cd "$ROOT/.." && pwd)/shared/peers"
TRANSCRIPTS="$ROOT/tests/transcripts/imsp"
GOLDEN="$ROOT/tests/golden/imsp"

die() { echo "peers-record-imsp: $*" >&2; exit 1; }

[ -x /usr/sbin/cyrus-imspd ] || command -v cyrus-imspd >/dev/null 2>&1 \
  || die "cyrus-imspd is not installed (apt-get install cyrus-imspd sasl2-bin gcc; see $PEERS/README.md)"
command -v saslpasswd2 >/dev/null 2>&1 || die "saslpasswd2 is not installed (apt-get install sasl2-bin)"
command -v node >/dev/null 2>&1 || die "node is required by run-transcript"
[ -d "$PEERS" ] || die "shared peers directory not found: $PEERS"
for f in start-imspd.sh reset-imspd.sh run-transcript; do
  [ -x "$PEERS/$f" ] || die "missing $PEERS/$f"
done
[ -d "$TRANSCRIPTS" ] || die "no transcript directory: $TRANSCRIPTS"

# Select the transcripts.
shopt -s nullglob
if [ $# -ge 1 ]; then
  arg="$(basename "$1")"; arg="${arg%.txt}"
  if [ -f "$TRANSCRIPTS/$arg.txt" ]; then
    files=("$TRANSCRIPTS/$arg.txt")
  else
    files=("$TRANSCRIPTS/$arg"-*.txt)
  fi
  [ ${#files[@]} -eq 1 ] || die "no single transcript matches '$1' in $TRANSCRIPTS"
else
  files=("$TRANSCRIPTS"/*.txt)
  [ ${#files[@]} -gt 0 ] || die "no transcripts in $TRANSCRIPTS"
fi

PORT="$("$PEERS/start-imspd.sh")" || die "could not start cyrus-imspd"
PORT="$(printf '%s\n' "$PORT" | tail -n1)"
mkdir -p "$GOLDEN"

failed=0
for t in "${files[@]}"; do
  name="$(basename "$t" .txt)"
  out="$GOLDEN/$name.out"
  rm -f "$out" "$GOLDEN/$name".*.out
  "$PEERS/reset-imspd.sh"
  rc=0
  "$PEERS/run-transcript" -o "$out" "127.0.0.1:$PORT" "$t" 2> "$GOLDEN/.$name.err" || rc=$?
  if [ "$rc" -eq 0 ]; then
    printf 'ok    %s\n' "$name"
    rm -f "$GOLDEN/.$name.err"
  else
    failed=1
    case "$rc" in
      2) why="a command timed out" ;;
      3) why="the server closed the connection early" ;;
      *) why="exit status $rc" ;;
    esac
    printf 'FAIL  %s (%s)\n' "$name" "$why" >&2
    sed 's/^/      /' "$GOLDEN/.$name.err" >&2
    rm -f "$GOLDEN/.$name.err"
  fi
done
# Leave the server in the pristine state for whoever comes next.
"$PEERS/reset-imspd.sh"
exit "$failed"
