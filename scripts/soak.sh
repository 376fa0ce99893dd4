#!/usr/bin/env bash
# Soak: EXCHANGES (default 10,000) prompts and answers in one full-screen parley process (in
# tmux) against the unthrottled simulator, with a fault every 25th exchange (5xx, a dropped
# connection, an error after 200, a malformed line, invalid UTF-8, a missing terminal
# record, in turn) and a new conversation every 100. Samples the process's RSS and open file
# descriptors as it goes, then quits and counts what the store holds: every prompt and every
# answer (complete, or partial and marked) must be there. Writes the figures to
# docs/reliability.md. Not part of `make test` (it takes a while); run it on demand.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
exchanges=${EXCHANGES:-10000}
source scripts/lib/sim.sh
require_tools tmux curl sqlite3
BIN=$(cd "$BIN" && pwd)

start_sim ollama --model llama2 --reply "Soak answer: short, complete, and saved every time."
ollama=$(url_of ollama)
cat > "$work/.env" <<ENV
PREFERRED_PROVIDER=ollama
ENABLE_FALLBACK=false
OLLAMA_BASE_URL=$ollama
OLLAMA_DEFAULT_MODEL=llama2
OLLAMA_MAX_RETRIES=0
OLLAMA_TIMEOUT=5
OLLAMA_AUTO_HEALTH_CHECK=false
OPENROUTER_ENABLED=false
PARLEY_DATA_DIR=$work/data
ENV
socket="parley-soak-$$"
tmux_sockets+=("$socket")
tmux -L "$socket" new-session -d -s soak -x 120 -y 40 \
  "cd '$work' && TERM=xterm-256color '$BIN/parley'; echo \"parley exited with \$?\"; sleep 60"
screen() { tmux -L "$socket" capture-pane -p -t soak; }
wait_for() { # text, seconds
  local deadline=$((SECONDS + $2))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "soak: '$1' did not appear" >&2; screen >&2; exit 1; }
    sleep 0.005
  done
}
wait_for "┌ Conversation" 15
pid=$(pgrep -f "^$BIN/parley\$" | head -1)
rss() { awk '/VmRSS/ { print $2 }' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }
faults=(500 drop-mid-stream error-after-200 malformed-line invalid-utf8 missing-terminal)

start_time=$SECONDS
first_rss=0; first_fds=0; peak_rss=0; max_fds=0; quarter_rss=0
samples=()
for i in $(seq 1 "$exchanges"); do
  if [ $((i % 100)) = 1 ] && [ "$i" -gt 1 ]; then
    tmux -L "$socket" send-keys -t soak -l "/new"; tmux -L "$socket" send-keys -t soak Enter
  fi
  if [ $((i % 25)) = 0 ]; then
    fault=${faults[$(( (i / 25) % ${#faults[@]} ))]}
    curl -sf -X POST "$ollama/_sim/behavior" \
      -d "{\"behavior\":{\"reply\":\"Soak answer: short, complete, and saved every time.\",\"fault\":\"$fault\",\"faultCount\":1}}" > /dev/null
  fi
  tmux -L "$socket" send-keys -t soak -l "soak prompt $i"
  tmux -L "$socket" send-keys -t soak Enter
  # Done when the prompt is in the conversation (not just typed in the message box) and the
  # status line is idle again.
  deadline=$((SECONDS + 20))
  until s=$(screen) && grep -v '^│›' <<< "$s" | grep -qF "soak prompt $i" && tail -1 <<< "$s" | grep -qF " idle "; do
    [ $SECONDS -lt $deadline ] || { echo "soak: exchange $i did not finish" >&2; screen >&2; exit 1; }
    sleep 0.005
  done
  if [ "$i" = 1 ]; then first_rss=$(rss); first_fds=$(fds); fi
  if [ "$i" = $((exchanges / 4)) ]; then quarter_rss=$(rss); fi
  if [ $((i % 250)) = 0 ] || [ "$i" = "$exchanges" ]; then
    r=$(rss); f=$(fds)
    [ "$r" -gt "$peak_rss" ] && peak_rss=$r
    [ "$f" -gt "$max_fds" ] && max_fds=$f
    samples+=("$i:$((r / 1024))")
    echo "soak: $i exchanges, RSS $((r / 1024)) MB, $f fds, $((SECONDS - start_time)) s" >&2
  fi
done
end_rss=$(rss); end_fds=$(fds)
elapsed=$((SECONDS - start_time))
tmux -L "$socket" send-keys -t soak C-c
wait_for "Quit Parley?" 5
tmux -L "$socket" send-keys -t soak y
wait_for "parley exited with 0" 10

db="$work/data/conversations.sqlite"
prompts=$(sqlite3 "$db" "select count(*) from message where kind = 'user' and text like 'soak prompt %'")
answers=$(sqlite3 "$db" "select count(*) from message where kind = 'assistant'")
complete=$(sqlite3 "$db" "select count(*) from message where kind = 'assistant' and status = 'complete'")
marked=$(sqlite3 "$db" "select count(*) from message where kind = 'assistant' and status != 'complete'")
conversations=$(sqlite3 "$db" "select count(*) from conversation")
verdict=ok
[ "$prompts" = "$exchanges" ] || verdict="**FAILED**: $prompts of $exchanges prompts saved"
[ "$answers" = "$exchanges" ] || verdict="**FAILED**: $answers of $exchanges answers saved"
[ "$end_fds" -le "$((first_fds + 2))" ] || verdict="**FAILED**: file descriptors grew from $first_fds to $end_fds"
# Bounded: after the first quarter (caches warm, conversations of 100 exchanges rotating), the
# last three quarters may add at most a quarter more and 10 MB.
[ "$end_rss" -le $((quarter_rss * 5 / 4 + 10240)) ] || verdict="**FAILED**: RSS grew from $((quarter_rss / 1024)) MB at exchange $((exchanges / 4)) to $((end_rss / 1024)) MB"

{
  echo "## Soak"
  echo
  echo "\`scripts/soak.sh\` ($(date -u +%Y-%m-%d), EXCHANGES=$exchanges, debug build): one chat process in tmux,"
  echo "the unthrottled simulator, a fault every 25th exchange (500, dropped connection, error after 200,"
  echo "malformed line, invalid UTF-8, missing terminal record, in turn), \`/new\` every 100 exchanges."
  echo
  echo "| figure | value |"
  echo "|---|---|"
  echo "| exchanges | $exchanges in $elapsed s |"
  echo "| RSS after the first / after a quarter / peak / at the end | $((first_rss / 1024)) / $((quarter_rss / 1024)) / $((peak_rss / 1024)) / $((end_rss / 1024)) MB |"
  echo "| RSS every 250 exchanges (exchange:MB) | ${samples[*]} |"
  echo "| open file descriptors after the first / most / at the end | $first_fds / $max_fds / $end_fds |"
  echo "| saved: conversations, prompts, answers (complete + partial, marked) | $conversations, $prompts, $answers ($complete + $marked) |"
  echo "| result | $verdict |"
  echo
} | scripts/doc-section.sh soak
echo "soak: $verdict" >&2
[ "$verdict" = ok ]
