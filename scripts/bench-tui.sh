#!/usr/bin/env bash
# The chat screen's figures, tmux-driven, release build, one run: time to first frame; time
# until the last of 20,000 unthrottled tokens is on screen against curl -N draining the same
# stream, and of three compared answers against curl -N draining three; CPU while streaming at
# 50 tok/s. Prints one line per figure.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/release}"
[ -x "$BIN/parley" ] && [ -x "$BIN/parley-sim" ] || { echo "bench: build parley and parley-sim in release mode first (make bench)" >&2; exit 1; }

work=$(mktemp -d)
socket="parley-bench-$$-0"
starts=0
pids=()
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_sim() { # name, args...
  local name=$1; shift
  "$BIN/parley-sim" --port 0 "$@" > "$work/$name.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do grep -q "listening on" "$work/$name.out" 2>/dev/null && return 0; sleep 0.02; done
  echo "bench: parley-sim did not start" >&2; exit 1
}
url_of() { grep -o 'http://127.0.0.1:[0-9]*' "$work/$1.out" | head -1; }
now_ms() { date +%s%3N; }
# Whether perf can count a process's threads here (installed, and allowed to).
perf_works() { command -v perf > /dev/null && perf stat -e task-clock -p "$1" -- true > /dev/null 2>&1; }
screen() { tmux -L "$socket" capture-pane -p -t bench 2>/dev/null; }
wait_for() { # text, seconds
  local deadline=$((SECONDS + $2))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || { echo "bench: timed out waiting for '$1'" >&2; screen >&2; exit 1; }
    sleep 0.002
  done
}
start_parley() { # base url; each start gets a tmux server of its own (restarting one races)
  printf 'PREFERRED_PROVIDER=ollama\nOLLAMA_BASE_URL=%s\nOPENROUTER_ENABLED=false\nPARLEY_DATA_DIR=%s/data\n' "$1" "$work" > "$work/.env"
  tmux -L "$socket" kill-server 2>/dev/null || true
  starts=$((starts + 1))
  socket="parley-bench-$$-$starts"
  tmux -L "$socket" new-session -d -s bench -x 120 -y 40 "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley'; echo parley exited \$?; sleep 600"
}

start_sim fast --tokens 20000
fast=$(url_of fast)

# 1. Time to first frame, over five starts.
firsts=()
for _ in 1 2 3 4 5; do
  start=$(now_ms)
  start_parley "$fast"
  wait_for "Conversation" 10
  firsts+=($(( $(now_ms) - start )))
done
sorted=($(printf '%s\n' "${firsts[@]}" | sort -n))
# The same measurement of a program that draws at once: what tmux and the polling cost.
bases=()
for _ in 1 2 3 4 5; do
  tmux -L "$socket" kill-server 2>/dev/null || true
  starts=$((starts + 1)); socket="parley-bench-$$-$starts"
  start=$(now_ms)
  tmux -L "$socket" new-session -d -s bench -x 120 -y 40 "printf 'Conversation'; sleep 600"
  wait_for "Conversation" 10
  bases+=($(( $(now_ms) - start )))
done
base=($(printf '%s\n' "${bases[@]}" | sort -n))
echo "tui first frame: median ${sorted[2]} ms over 5 starts; the same harness with a program that prints at once: ${base[2]} ms; parley's own: $(( sorted[2] - base[2] )) ms (goal < 50 ms)"

# 1b. Start-up with 1,000 saved conversations of 100 messages (parley --continue) against an
# empty store, through the same harness.
if [ -x "$BIN/parley-bench" ]; then
  "$BIN/parley-bench" store 3 "$work/store" > /dev/null
  continue_start() { # data dir; sets elapsed (not run in a subshell: it moves the socket on)
    printf 'PREFERRED_PROVIDER=ollama\nOLLAMA_BASE_URL=%s\nOPENROUTER_ENABLED=false\nPARLEY_DATA_DIR=%s\n' "$fast" "$1" > "$work/.env"
    tmux -L "$socket" kill-server 2>/dev/null || true
    starts=$((starts + 1)); socket="parley-bench-$$-$starts"
    local start=$(now_ms)
    tmux -L "$socket" new-session -d -s bench -x 120 -y 40 "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley' --continue; sleep 600"
    wait_for "Conversation" 10
    elapsed=$(( $(now_ms) - start ))
  }
  empty_starts=(); big_starts=()
  for _ in 1 2 3 4 5; do
    continue_start "$work/store/empty"; empty_starts+=("$elapsed")
    continue_start "$work/store/big"; big_starts+=("$elapsed")
  done
  e=$(printf '%s\n' "${empty_starts[@]}" | sort -n | sed -n 3p)
  b=$(printf '%s\n' "${big_starts[@]}" | sort -n | sed -n 3p)
  awk -v e="$e" -v b="$b" -v h="${base[2]}" 'BEGIN { printf "tui start-up with 1,000x100 saved messages: %d ms vs %d ms with an empty store = %.2fx (harness %d ms included in both; goal <= 1.2x)\n", b, e, b / e, h }'
fi

# 2. 20,000 unthrottled tokens on screen, against curl -N draining the same stream, both
# timed through the same tmux harness: from the key press until the end shows on screen.
body='{"model":"llama2","stream":true,"messages":[{"role":"user","content":"go"}]}'
# Sets curl_ms: the median of three runs of a shell command line (curl draining streams) in a
# pane of the harness, from the key press until it says it is done.
time_drain() { # command line
  local times=()
  for _ in 1 2 3; do
    tmux -L "$socket" kill-server 2>/dev/null || true
    starts=$((starts + 1)); socket="parley-bench-$$-$starts"
    tmux -L "$socket" new-session -d -s bench -x 120 -y 40 "bash --norc"
    sleep 0.3
    tmux -L "$socket" send-keys -t bench -l "$1; echo DRAINED-\$((6*7))"
    local start=$(now_ms)
    tmux -L "$socket" send-keys -t bench Enter
    wait_for "DRAINED-42" 60
    times+=($(( $(now_ms) - start )))
  done
  curl_ms=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
}
time_drain "curl -N -s -o /dev/null -d '$body' $fast/api/chat"
# Adds to screen_times how long parley takes from "go" and Enter until `$1` is on screen.
time_answer() { # text that says the answers are complete
  tmux -L "$socket" send-keys -t bench -l "go"
  local start=$(now_ms)
  tmux -L "$socket" send-keys -t bench Enter
  wait_for "$1" 120
  screen_times+=($(( $(now_ms) - start )))
}
screen_times=()
for _ in 1 2 3; do
  start_parley "$fast"
  wait_for "● ollama" 10
  time_answer "── ollama:llama2 ·"
done
screen_ms=$(printf '%s\n' "${screen_times[@]}" | sort -n | sed -n 2p)
awk -v c="$curl_ms" -v s="$screen_ms" 'BEGIN { printf "tui 20,000 unthrottled tokens: last token on screen after %.3f s vs curl -N draining it %.3f s = %.2fx (median of 3, same tmux harness; goal <= 2x)\n", s / 1000, c / 1000, s / c }'

# 2b. Three models compared at once, each on a host of its own streaming 5,000 unthrottled
# tokens: until all three are complete on screen, against curl -N draining the three streams
# side by side, through the same harness.
for n in 1 2 3; do start_sim "col$n" --tokens 5000; done
drains=""
for n in 1 2 3; do drains+="curl -N -s -o /dev/null -d '$body' $(url_of "col$n")/api/chat & "; done
time_drain "${drains}wait"
screen_times=()
for _ in 1 2 3; do
  tmux -L "$socket" kill-server 2>/dev/null || true
  starts=$((starts + 1)); socket="parley-bench-$$-$starts"
  printf 'PREFERRED_PROVIDER=col1\nOLLAMA_ENABLED=false\nOPENROUTER_ENABLED=false\nPARLEY_PROVIDERS=col1=ollama@%s,col2=ollama@%s,col3=ollama@%s\nPARLEY_DATA_DIR=%s/data\n' \
    "$(url_of col1)" "$(url_of col2)" "$(url_of col3)" "$work" > "$work/.env"
  tmux -L "$socket" new-session -d -s bench -x 120 -y 40 "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley'; sleep 600"
  wait_for "● col3" 10
  tmux -L "$socket" send-keys -t bench -l "/compare col1:llama2 col2:llama2 col3:llama2"
  tmux -L "$socket" send-keys -t bench Enter
  wait_for "side by side" 5
  time_answer "compared: pick one"
done
screen_ms=$(printf '%s\n' "${screen_times[@]}" | sort -n | sed -n 2p)
awk -v c="$curl_ms" -v s="$screen_ms" 'BEGIN { printf "tui 3 models compared, 5,000 unthrottled tokens each: all complete on screen after %.3f s vs curl -N draining the three at once %.3f s = %.2fx (median of 3, same tmux harness; goal <= 2x)\n", s / 1000, c / 1000, s / c }'

# 3. CPU while streaming at 50 tok/s, over 10 s.
start_sim paced --tokens 1000 --tokens-per-second 50
start_parley "$(url_of paced)"
wait_for "● ollama" 10
pane=$(tmux -L "$socket" list-panes -t bench -F '#{pane_pid}')
pid=$(ps --ppid "$pane" -o pid= | tr -d ' ' | head -1)
[ -n "$pid" ] || { echo "bench: parley's process not found" >&2; exit 1; }
tmux -L "$socket" send-keys -t bench -l "go"
tmux -L "$socket" send-keys -t bench Enter
sleep 2
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)
# What parley writes to the terminal meanwhile, copied by tmux as it arrives.
tmux -L "$socket" pipe-pane -t bench -o "cat >> '$work/screen.bytes'"
before=$(ticks); t0=$(now_ms)
# Where the time goes, thread by thread (perf counts each thread's own): the screen's loop,
# libcurl's thread (which also runs the chat's task: decoding and routing), the input watcher,
# and dispatch's threads (saves, health checks).
split=""
if perf_works "$pid"; then
  perf stat --per-thread -x, -e task-clock -p "$pid" -o "$work/threads.csv" -- sleep 10
  split=$(awk -F, '/task-clock/ { name = $1; sub(/-[0-9]+$/, "", name); if (name !~ /^parley-/) name = "dispatch threads"; ms[name] += $2 }
    END { for (n in ms) printf "%s%s %.2f%%", (sep++ ? ", " : ""), n, ms[n] / 100 }' "$work/threads.csv")
  # perf counts each thread's time to the nanosecond: the figure is their sum over the 10 s.
  cpu=$(awk -F, '/task-clock/ { ms += $2 } END { printf "%.2f%% of a core over 10.0 s (perf stat)", ms / 100 }' "$work/threads.csv")
else
  sleep 10
fi
after=$(ticks); t1=$(now_ms)
tmux -L "$socket" pipe-pane -t bench
# Without perf, the process's tick counts (10 ms steps, so +-0.1% over 10 s) stand in.
[ -n "$split" ] || cpu=$(awk -v b="$before" -v a="$after" -v hz="$hz" -v ms="$(( t1 - t0 ))" 'BEGIN { printf "%.2f%% of a core over %.1f s (process ticks)", (a - b) / hz * 100000 / ms, ms / 1000 }')
echo "tui CPU while streaming 50 tok/s: $cpu${split:+; by thread: $split} (goal < 2%)"
# The reference: curl -N reading the same kind of stream (a simulator of its own) for 10 s.
start_sim curl_paced --tokens 1000 --tokens-per-second 50
if perf_works $$; then
  perf stat -x, -e task-clock -o "$work/curl.csv" -- timeout 10 curl -N -s -o /dev/null -d "$body" "$(url_of curl_paced)/api/chat" || true
  awk -F, '/task-clock/ { printf "tui CPU reference: curl -N reading the same 50 tok/s stream: %.2f%% of a core over 10 s (perf stat)\n", $1 / 100 }' "$work/curl.csv"
fi
# The simulator's tokens average 125 / 23 = 5.4 bytes (its vocabulary of 23).
awk -v bytes="$(stat -c %s "$work/screen.bytes" 2>/dev/null || echo 0)" -v ms="$(( t1 - t0 ))" 'BEGIN { printf "tui bytes written to the terminal per streamed token at 50 tok/s: %.1f (a token is 5.4 bytes of text; goal: near that)\n", bytes / (50 * ms / 1000) }'

# 4. At rest: the same parley, its answer done, nothing typed, for 20 s: CPU, wake-ups and
# memory. perf counts every thread's time and context switches when it is installed; without
# it, the process's own tick counts (10 ms steps) stand in.
wait_for "── ollama:llama2 ·" 120
sleep 1
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
if perf_works "$pid"; then
  perf stat -x, -e task-clock,context-switches -p "$pid" -o "$work/rest.csv" -- sleep 20
  awk -F, '/task-clock/ { ms = $1 } /context-switches/ { n = $1 } END { printf "tui at rest: %.3f%% of a core, %.1f wake-ups a second over 20 s (perf stat; goal 0.0%%)\n", ms / 200, n / 20 }' "$work/rest.csv"
else
  before=$(ticks); sleep 20; after=$(ticks)
  awk -v b="$before" -v a="$after" -v hz="$hz" 'BEGIN { printf "tui at rest: %.2f%% of a core over 20 s (process ticks; goal 0.0%%)\n", (a - b) / hz * 100 / 20 }'
fi
# What the resident set is made of: pages of files (code and data of the program and its
# libraries, shared with every process that maps them) and anonymous memory (its own heap and
# stacks); PSS divides each shared page among the processes that map it.
anon=$(awk '/RssAnon/ { print $2 }' "/proc/$pid/status")
file=$(awk '/RssFile/ { print $2 }' "/proc/$pid/status")
pss=$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
awk -v kb="$rss" -v anon="$anon" -v file="$file" -v pss="$pss" 'BEGIN { printf "tui RSS at rest after one answer: %.0f MB = %.0f MB mapped from files + %.0f MB its own; PSS %.0f MB (goal < 20 MB)\n", kb / 1024, file / 1024, anon / 1024, pss / 1024 }'
