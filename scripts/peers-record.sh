#!/usr/bin/env bash
# Re-record the golden files from the real reference servers.
#
#   bash scripts/peers-record.sh                 # IMAP (Dovecot) and IMSP
#   bash scripts/peers-record.sh imap            # every tests/transcripts/imap/*.txt
#   bash scripts/peers-record.sh imap 19-status  # one transcript (name with or without .txt)
#   bash scripts/peers-record.sh imsp [NAME]     # delegates to scripts/peers-record-imsp.sh
#   bash scripts/peers-record.sh pop3 [NAME]     # tests/transcripts/pop3 against Dovecot's POP3
#   npm run peers:record -- imap                 # same thing through npm
#
# IMAP: starts the lab Dovecot (../shared/peers/start-dovecot.sh, idempotent),
# then for each transcript restores the pristine fixture store
# (reset-dovecot.sh) and records the server's raw bytes with run-transcript
# into tests/golden/imap/NAME.out (extra connections opened with "@open X"
# land in NAME.X.out). Files are stored raw; the tests normalise them.
#
# A transcript that is supposed to end with the server closing the connection
# says so with a line "# expect: disconnect" (run-transcript exit status 3 is
# then accepted). Any other non-zero status (a timeout, a connection error,
# an unexpected disconnect) fails the run.
#
# Environment: PEERS_DIR (default <project>/../shared/peers), DOVECOT_PORT
# (default 10143), RECORD_TIMEOUT (per-command timeout in ms, default 10000),
# RECORD_LOGS=DIR writes a readable C:/S: log per transcript into DIR. POP3: DOVECOT_POP3_PORT
# (default 10110), RECORD_TIMEOUT_POP3 (default 30000: Dovecot waits ~10 s on a held lock).
# Needs root (start-dovecot.sh chowns the mail store to nobody).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$(dirname "$ROOT")/shared/peers}"
DOVECOT_PORT="${DOVECOT_PORT:-10143}"
RECORD_TIMEOUT="${RECORD_TIMEOUT:-10000}"
[ "${1:-}" = pop3 ] && RECORD_TIMEOUT="${RECORD_TIMEOUT_POP3:-30000}"  # Dovecot waits ~10 s on a held POP3 lock
WHAT="${1:-all}"
ONLY="${2:-}"

die() { echo "peers-record: $*" >&2; exit 1; }

case "$WHAT" in
  all|imap|imsp|pop3) ;;
  -h|--help) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown target '$WHAT' (expected imap, imsp or nothing)" ;;
esac
if [ -n "$ONLY" ] && [ "$WHAT" = all ]; then die "a single transcript needs a target: imap NAME or imsp NAME"; fi

record_imap() {
  local tdir="$ROOT/tests/transcripts/imap" gdir="$ROOT/tests/golden/imap"
  [ -d "$PEERS_DIR" ] || die "peers lab not found at $PEERS_DIR (set PEERS_DIR)"
  [ -x "$PEERS_DIR/run-transcript" ] || die "$PEERS_DIR/run-transcript missing"
  command -v dovecot >/dev/null 2>&1 \
    || die "Dovecot is not installed. As root: apt-get install -y --no-install-recommends dovecot-core dovecot-imapd"
  [ -x /usr/lib/dovecot/imap ] || [ -x /usr/libexec/dovecot/imap ] \
    || die "Dovecot's imap binary is missing (is dovecot-imapd installed? installing cyrus-imapd removes it)"
  command -v node >/dev/null 2>&1 || die "node is required to run run-transcript"
  [ "$(id -u)" = 0 ] || die "start-dovecot.sh must run as root"
  [ -d "$tdir" ] || die "no transcripts in $tdir"
  mkdir -p "$gdir"

  local files=()
  if [ -n "$ONLY" ]; then
    local f="$tdir/${ONLY%.txt}.txt"
    [ -f "$f" ] || die "no such transcript: $f"
    files=("$f")
  else
    shopt -s nullglob
    files=("$tdir"/*.txt)
    shopt -u nullglob
    [ "${#files[@]}" -gt 0 ] || die "no transcripts in $tdir"
  fi

  DOVECOT_PORT="$DOVECOT_PORT" "$PEERS_DIR/start-dovecot.sh" >/dev/null \
    || die "could not start Dovecot (see /tmp/peers-lab/dovecot/log/dovecot.log)"
  local master_pid
  master_pid="$(cat "${PEERS_RUN:-/tmp/peers-lab}/dovecot/base/master.pid" 2>/dev/null || true)"

  # The store may only be swapped while no session is open: wait (bounded)
  # for the imap processes of the previous transcript to exit.
  wait_sessions_gone() {
    [ -n "$master_pid" ] || { sleep 0.3; return 0; }
    local _i
    for _i in $(seq 1 50); do
      pgrep -P "$master_pid" -x imap >/dev/null 2>&1 || return 0
      sleep 0.1
    done
  }

  local logdir="" failed=0 n=0
  if [ -n "${RECORD_LOGS:-}" ]; then logdir="$RECORD_LOGS"; mkdir -p "$logdir"; fi

  local errfile
  errfile="$(mktemp /tmp/peers-record.XXXXXX)"

  for f in "${files[@]}"; do
    local name out rc expect_close attempt logargs=()
    name="$(basename "$f" .txt)"
    out="$gdir/$name.out"
    expect_close=0
    grep -qiE '^# *expect: *disconnect' "$f" && expect_close=1
    [ -n "$logdir" ] && logargs=(--log "$logdir/$name.log")

    # Dovecot's IDLE keepalive ("* OK Still here") fires on a fixed
    # 2-minute clock grid, so a short IDLE occasionally catches one. It is
    # not part of what the transcripts check: record such a run again.
    for attempt in 1 2 3; do
      wait_sessions_gone
      "$PEERS_DIR/reset-dovecot.sh" || die "reset-dovecot.sh failed"
      rm -f "$gdir/$name.out" "$gdir/$name".*.out
      set +e
      node "$PEERS_DIR/run-transcript" --timeout "$RECORD_TIMEOUT" "${logargs[@]}" \
        -o "$out" "127.0.0.1:$DOVECOT_PORT" "$f" 2>"$errfile"
      rc=$?
      set -e
      grep -qa '^\* OK Still here' "$gdir/$name.out" "$gdir/$name".*.out 2>/dev/null || break
      echo "      $name: IDLE keepalive caught (attempt $attempt), recording again" >&2
    done
    n=$((n + 1))
    if [ "$rc" = 0 ] || { [ "$rc" = 3 ] && [ "$expect_close" = 1 ]; }; then
      printf 'ok    %s\n' "$name"
    else
      failed=$((failed + 1))
      printf 'FAIL  %s (run-transcript exit %s)\n' "$name" "$rc"
      sed 's/^/        /' "$errfile"
    fi
  done

  rm -f "$errfile"

  # Leave the shared instance in its pristine state for the next user.
  wait_sessions_gone
  "$PEERS_DIR/reset-dovecot.sh" || true

  echo "imap: recorded $n transcript(s), $failed failed"
  [ "$failed" = 0 ]
}

record_imsp() {
  if [ -f "$ROOT/scripts/peers-record-imsp.sh" ]; then
    bash "$ROOT/scripts/peers-record-imsp.sh" ${ONLY:+"$ONLY"}
  else
    echo "imsp: scripts/peers-record-imsp.sh not present, skipped"
  fi
}

# POP3: the same lab Dovecot (dovecot-pop3d installed: it then also listens on
# DOVECOT_POP3_PORT, default 10110). run-transcript waits for IMAP tags, so POP3 is
# replayed by scripts/pop3-transcript.mjs, which knows POP3's +OK/-ERR and "." framing.
record_pop3() {
  local tdir="$ROOT/tests/transcripts/pop3" gdir="$ROOT/tests/golden/pop3"
  local pop3_port="${DOVECOT_POP3_PORT:-10110}"
  [ -x /usr/lib/dovecot/pop3 ] || die "Dovecot's pop3 binary is missing: apt-get install -y --no-install-recommends dovecot-pop3d"
  [ "$(id -u)" = 0 ] || die "start-dovecot.sh must run as root"
  mkdir -p "$gdir"
  local files=()
  if [ -n "$ONLY" ]; then files=("$tdir/${ONLY%.txt}.txt"); else files=("$tdir"/*.txt); fi
  DOVECOT_PORT="$DOVECOT_PORT" "$PEERS_DIR/start-dovecot.sh" >/dev/null || die "could not start Dovecot"
  local master_pid failed=0 n=0 f name rc _i
  master_pid="$(cat "${PEERS_RUN:-/tmp/peers-lab}/dovecot/base/master.pid" 2>/dev/null || true)"
  for f in "${files[@]}"; do
    name="$(basename "$f" .txt)"
    # The store is swapped only once the previous transcript's pop3 processes are gone.
    for _i in $(seq 1 50); do pgrep -P "$master_pid" -x pop3 >/dev/null 2>&1 || break; sleep 0.1; done
    "$PEERS_DIR/reset-dovecot.sh" || die "reset-dovecot.sh failed"
    rm -f "$gdir/$name.out" "$gdir/$name".*.out
    set +e
    node "$ROOT/scripts/pop3-transcript.mjs" --timeout "$RECORD_TIMEOUT" -o "$gdir/$name.out" "127.0.0.1:$pop3_port" "$f"
    rc=$?
    set -e
    n=$((n + 1))
    if [ "$rc" = 0 ]; then printf 'ok    %s\n' "$name"; else failed=$((failed + 1)); printf 'FAIL  %s (exit %s)\n' "$name" "$rc"; fi
  done
  sleep 0.5
  "$PEERS_DIR/reset-dovecot.sh" || true
  echo "pop3: recorded $n transcript(s), $failed failed"
  [ "$failed" = 0 ]
}

status=0
if [ "$WHAT" = all ] || [ "$WHAT" = imap ]; then record_imap || status=1; fi
if [ "$WHAT" = all ] || [ "$WHAT" = imsp ]; then record_imsp || status=1; fi
if [ "$WHAT" = all ] || [ "$WHAT" = pop3 ]; then record_pop3 || status=1; fi
exit "$status"
