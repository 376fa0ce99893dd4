#!/usr/bin/env bash
# Several Parleys on one store, as people run them: two chat screens in tmux stream answers from
# parley-sim into one PARLEY_DATA_DIR at the same time, while a third process runs `parley search`
# and `parley export` in a loop and an sqlite3 shell takes the write lock for a few seconds.
# Afterwards every prompt and every answer of both windows is in the store, complete, every
# headless command succeeded, and no file was moved aside. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
source scripts/lib/sim.sh
require_tools tmux curl sqlite3
socket="parley-shared-$$"
tmux_sockets+=("$socket")

screen() { tmux -L "$socket" capture-pane -p -J -t "$1"; }
keys() { local window=$1; shift; tmux -L "$socket" send-keys -t "$window" "$@"; }
fail() { echo "shared-store FAILED: $1" >&2; for w in alpha bravo; do echo "--- $w:" >&2; screen "$w" >&2 || true; done; exit 1; }
wait_for() { # window, text, seconds, description
  local deadline=$((SECONDS + $3))
  until screen "$1" | grep -qF -- "$2"; do
    [ $SECONDS -lt $deadline ] || fail "$4"
    sleep 0.1
  done
}
check() { echo "shared-store ok: $1"; }

reply="$(printf 'Both windows write this answer into one store, token by token. %.0s' 1 2 3 4 5 6 7 8)While the other one does the same."
start_sim ollama --model llama2:latest --tokens-per-second 30 --reply "$reply"
cat > "$work/.env" <<ENV
PREFERRED_PROVIDER=ollama
OLLAMA_BASE_URL=$(url_of ollama)
PARLEY_DATA_DIR=$work/data
ENV
store="$work/data/conversations.sqlite"
parley="$PWD/$BIN/parley"

tmux -L "$socket" new-session -d -s alpha -x 100 -y 30 "cd '$work' && TERM=xterm-256color '$parley'; echo \"parley exited with \$?\"; sleep 60"
tmux -L "$socket" new-session -d -s bravo -x 100 -y 30 "cd '$work' && TERM=xterm-256color '$parley'; echo \"parley exited with \$?\"; sleep 60"
wait_for alpha "Conversation" 10 "the alpha window did not open"
wait_for bravo "Conversation" 10 "the bravo window did not open"

for round in 1 2 3; do
  keys alpha -l "alpha prompt $round"
  keys alpha Enter
  keys bravo -l "bravo prompt $round"
  keys bravo Enter
  if [ "$round" = 2 ]; then
    # Another program holds the write lock for three seconds while both answers stream.
    sqlite3 "$store" ".timeout 5000" "BEGIN EXCLUSIVE;" ".system sleep 3" "COMMIT;" &
    pids+=($!)
  fi
  if [ "$round" = 1 ]; then
    # The third Parley, once there is something to find: search and export in a loop for as
    # long as the windows chat.
    deadline=$((SECONDS + 10))
    until [ "$(sqlite3 "$store" "SELECT COUNT(*) FROM message WHERE kind = 'user'" 2>/dev/null || echo 0)" -ge 2 ]; do
      [ $SECONDS -lt $deadline ] || fail "the first prompts did not reach the store"
      sleep 0.1
    done
    (
      cd "$work"
      failures=0 runs=0
      while [ ! -e "$work/stop-loop" ]; do
        "$parley" search prompt > /dev/null 2>> "$work/loop.err" || failures=$((failures + 1))
        "$parley" export last --format md -o "$work/last.md" > /dev/null 2>> "$work/loop.err" || failures=$((failures + 1))
        runs=$((runs + 2))
      done
      echo "$runs $failures" > "$work/loop.result"
    ) &
    pids+=($!)
  fi
  for window in alpha bravo; do
    deadline=$((SECONDS + 20))
    until screen "$window" | sed -n "/$window prompt $round/,\$p" | grep -qF -- "── ollama:llama2"; do
      [ $SECONDS -lt $deadline ] || fail "the $window answer $round did not finish (no footer)"
      sleep 0.1
    done
  done
  check "round $round: both windows streamed an answer into one store"
done
echo "--- the alpha window:"; screen alpha | sed -n '1,28p'
echo "--- the bravo window:"; screen bravo | sed -n '1,28p'

for window in alpha bravo; do
  keys "$window" C-c
  wait_for "$window" "Quit Parley?" 5 "Ctrl-C did not ask to quit in the $window window"
  keys "$window" y
  wait_for "$window" "parley exited with 0" 15 "the $window parley did not exit cleanly"
done
touch "$work/stop-loop"
for _ in $(seq 100); do [ -e "$work/loop.result" ] && break; sleep 0.1; done
read -r runs failures < "$work/loop.result" || fail "the search/export loop did not finish"
[ "$failures" = 0 ] || fail "$failures of $runs headless commands failed: $(head -5 "$work/loop.err")"
check "headless: $runs search and export runs beside the chats, none failed"

q() { sqlite3 "$store" "$1"; }
for side in alpha bravo; do
  for round in 1 2 3; do
    [ "$(q "SELECT COUNT(*) FROM message WHERE kind = 'user' AND text = '$side prompt $round'")" = 1 ] \
      || fail "the prompt '$side prompt $round' is not in the store"
    answer=$(q "SELECT a.text || '|' || a.status FROM message u JOIN message a ON a.conversationID = u.conversationID AND a.position > u.position AND a.kind = 'assistant'
                WHERE u.text = '$side prompt $round' ORDER BY a.position LIMIT 1")
    [ "$answer" = "$reply|complete" ] || fail "the answer to '$side prompt $round' is stored as: $answer"
  done
done
[ "$(q "SELECT COUNT(*) FROM message WHERE status != 'complete'")" = 0 ] || fail "some messages are not complete"
[ "$(q "SELECT COUNT(*) FROM message_part")" = 0 ] || fail "parts of streamed answers were alpha behind"
check "store: all 6 prompts and 6 answers of both windows, complete"
aside=$(ls "$work/data" | grep -c damaged || true)
[ "$aside" = 0 ] || fail "a store was moved aside: $(ls "$work/data")"
check "nothing was moved aside"

# A command started while another program holds the write lock waits for it, then works.
sqlite3 "$store" ".timeout 5000" "BEGIN EXCLUSIVE;" ".system sleep 2" "COMMIT;" &
pids+=($!)
sleep 0.3
found=$(cd "$work" && "$parley" search prompt) || fail "search under a held lock failed"
grep -qF "alpha prompt" <<< "$found" || fail "search under a held lock did not find the prompts"
check "a lock held for 2 s: parley search waited for it and then answered"
