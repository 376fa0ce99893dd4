#!/usr/bin/env bash
# The fault matrix: every fault parley-sim can play, against `parley ask` and the full-screen
# chat (in tmux), with fallback on and off. The faulty provider is Ollama (NDJSON); OpenRouter
# (SSE) is the healthy one to fall back to. Each cell checks the message or screen, the exit
# status, that nothing crashed or hung past its bound, and that the conversation survived (the
# partial answer on stdout for ask; the saved conversation, exported after a clean quit, for the
# chat). Writes the table to docs/reliability.md; exits 1 when a cell fails.
#
#   scripts/fault-matrix.sh [FAULT... pull-FAULT...]     (BIN=.build/debug by default)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
source scripts/lib/sim.sh
require_tools tmux curl
BIN=$(cd "$BIN" && pwd)

timeout_s=2   # OLLAMA_TIMEOUT: connect and idle; the first byte may take 10x
reply="Alpha bravo charlie delta echo foxtrot golf hotel india juliet."
fallback_reply="Fallback answer from the healthy provider."
key=sk-or-v1-matrix0123456789abcdef0123456789abcdef
password=hunter2hunter2   # in Ollama's URL: sent as Basic authentication, never shown or saved
start_sim ollama --model llama2 --reply "$reply"
ollama_pid=${pids[-1]}
start_sim openrouter --api-key "$key" --model openai/gpt-4o --reply "$fallback_reply"
ollama=$(url_of ollama)
openrouter=$(url_of openrouter)

all_faults=(refused 500 429 401 stall-before-headers stall-mid-stream drop-mid-stream error-after-200
  malformed-line invalid-utf8 huge-line slow-drip missing-terminal model-loading
  huge-retry-after absurd-stats endless-event escape-sequences escape-error echo-credentials)
all_pull_faults=(none missing-completed drop-mid-pull error-mid-pull disk-full unknown-model)
faults=()
pull_faults=()
for fault in "$@"; do case $fault in pull-*) pull_faults+=("${fault#pull-}") ;; *) faults+=("$fault") ;; esac; done
if [ $# -eq 0 ]; then faults=("${all_faults[@]}"); pull_faults=("${all_pull_faults[@]}"); fi

# What each fault must lead to. Before the first token a failure is retried (5xx, 429) and then,
# with fallback, answered by OpenRouter; after it, the partial answer is kept and marked, never
# silently restarted. Columns: exit status without fallback, with fallback; a phrase the user
# must see without fallback (stderr for ask, screen for the chat).
expect() { # fault -> "exit_off exit_on phrase"
  case $1 in
    refused) echo "1 0 ollama serve" ;;
    500) echo "1 0 (500)" ;;
    429) echo "1 0 (429)" ;;
    401) echo "1 0 (401)" ;;
    stall-before-headers) echo "1 0 no response from" ;;
    stall-mid-stream) echo "1 1 stalled" ;;
    drop-mid-stream) echo "1 1 connection" ;;
    error-after-200) echo "1 1 simulated failure after the stream started" ;;
    malformed-line) echo "1 1 not valid JSON" ;;
    invalid-utf8) echo "0 0 bad�" ;;
    huge-line) echo "1 1 longer than 16 MiB" ;;
    slow-drip) echo "0 0 juliet." ;;
    missing-terminal) echo "1 1 ended before" ;;
    model-loading) echo "0 0 juliet." ;;
    huge-retry-after) echo "1 0 (503)" ;;
    absurd-stats) echo "0 0 juliet." ;;
    endless-event) echo "1 1 longer than 16 MiB" ;;
    escape-sequences) echo "0 0 juliet." ;;
    escape-error) echo "1 0 the model crashed" ;;
    echo-credentials) echo "1 0 refused the credentials 'Basic …'" ;;
  esac
}

behavior() { # fault -> the JSON behaviour for the Ollama simulator
  local base="\"reply\":\"$reply\",\"stallSeconds\":30,\"retryAfter\":0.5,\"dripMilliseconds\":4"
  case $1 in
    refused) echo "{$base}" ;;
    500|429|401) echo "{$base,\"fault\":\"$1\"}" ;;
    model-loading) echo "{$base,\"headerDelay\":$((timeout_s * 3))}" ;;
    *) echo "{$base,\"fault\":\"$1\"}" ;;
  esac
}

write_env() { # dir, fallback
  mkdir -p "$1"
  cat > "$1/.env" <<ENV
PREFERRED_PROVIDER=ollama
ENABLE_FALLBACK=$2
OLLAMA_BASE_URL=${ollama/http:\/\//http://matrix:$password@}
OLLAMA_DEFAULT_MODEL=llama2
OLLAMA_TIMEOUT=$timeout_s
OLLAMA_MAX_RETRIES=2
OLLAMA_AUTO_HEALTH_CHECK=false
OPENROUTER_BASE_URL=$openrouter/api/v1
OPENROUTER_API_KEY=$key
OPENROUTER_DEFAULT_MODEL=openai/gpt-4o
OPENROUTER_AUTO_HEALTH_CHECK=false
PARLEY_DATA_DIR=$1/data
ENV
  chmod 600 "$1/.env"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# One `parley ask` cell; writes "outcome|seconds|verdict" to $dir/result.
ask_cell() { # fault, fallback, dir
  set +e # a cell records what went wrong; it never stops at it
  local fault=$1 fallback=$2 dir=$3
  write_env "$dir" "$fallback"
  read -r exit_off exit_on phrase <<< "$(expect "$fault")"
  local want=$exit_off; [ "$fallback" = true ] && want=$exit_on
  local start code=0
  start=$(now)
  (cd "$dir" && timeout 60 "$BIN/parley" ask "Fault check" > out.txt 2> err.txt) || code=$?
  local seconds; seconds=$(elapsed "$start")
  local problems=()
  [ "$code" = "$want" ] || problems+=("exit $code, expected $want")
  [ "$code" != 124 ] || problems+=("hung: killed after 60 s")
  [ "$code" -lt 128 ] || problems+=("crashed (signal $((code - 128)))")
  if [ "$fallback" = true ] && [ "$exit_on" = 0 ] && [ "$exit_off" != 0 ]; then
    grep -qF "$fallback_reply" "$dir/out.txt" || problems+=("no fallback answer on stdout")
    grep -qF "falling back to openrouter" "$dir/err.txt" || grep -qF "skipping ollama" "$dir/err.txt" || problems+=("the fallback was not reported")
  else
    grep -qF -- "$phrase" "$dir/out.txt" "$dir/err.txt" || problems+=("'$phrase' not shown")
  fi
  case $fault in # a partial answer must be kept
    stall-mid-stream|drop-mid-stream|error-after-200|malformed-line|huge-line|missing-terminal|endless-event)
      grep -qF "Alpha bravo" "$dir/out.txt" || problems+=("the partial answer is lost") ;;
  esac
  grep -qF "$key" "$dir/out.txt" "$dir/err.txt" && problems+=("the API key was printed")
  grep -qF "$password" "$dir/out.txt" "$dir/err.txt" "$dir/data/parley.log" 2>/dev/null && problems+=("the URL's password was printed or logged")
  grep -qF $'\e]0;pwned' "$dir/err.txt" && problems+=("an escape sequence reached stderr raw")
  local outcome
  outcome="exit $code: $(grep -v '^$' "$dir/err.txt" | tail -1 | cut -c1-110)"
  [ -s "$dir/err.txt" ] || outcome="exit $code: $(tr '\n' ' ' < "$dir/out.txt" | cut -c1-80)"
  verdict "$dir" "$outcome" "$seconds" "${problems[@]}"
}

verdict() { # dir, outcome, seconds, problem...
  local dir=$1 outcome=$2 seconds=$3; shift 3
  outcome=${outcome//|/\\|}
  if [ $# -eq 0 ]; then echo "$outcome|$seconds|ok" > "$dir/result"
  else local IFS=';'; echo "$outcome|$seconds|**FAILED**: $*" > "$dir/result"; fi
}

# One full-screen chat cell in its own tmux server.
tui_cell() { # fault, fallback, dir
  set +e
  local fault=$1 fallback=$2 dir=$3
  write_env "$dir" "$fallback"
  read -r exit_off exit_on phrase <<< "$(expect "$fault")"
  local socket="parley-fm-$$-$(basename "$dir")"
  echo "$socket" > "$dir/socket"
  local screen="tmux -L $socket capture-pane -p -J -t fm"
  tmux -L "$socket" new-session -d -s fm -x 120 -y 40 \
    "cd '$dir' && TERM=xterm-256color '$BIN/parley'; echo \"parley exited with \$?\"; sleep 120"
  local problems=() start seconds
  wait_screen() { # text, seconds
    local deadline; deadline=$(awk -v a="$(now)" -v b="$2" 'BEGIN { printf "%.3f", a + b }')
    until $screen 2>/dev/null | grep -qF -- "$1"; do
      awk -v a="$(now)" -v b="$deadline" 'BEGIN { exit !(a > b) }' && return 1
      sleep 0.1
    done
  }
  # The conversation pane's rows (the part of each line before the sidebar), joined as read.
  conversation() { $screen 2>/dev/null | sed -n 's/^│\([^│]*\)│.*/\1/p' | tr '\n' ' ' | tr -s ' '; }
  wait_phrase() { # text, seconds: on a row of the screen, or across the conversation's rows
    local deadline; deadline=$(awk -v a="$(now)" -v b="$2" 'BEGIN { printf "%.3f", a + b }')
    until $screen 2>/dev/null | grep -qF -- "$1" || conversation | grep -qF -- "$1"; do
      awk -v a="$(now)" -v b="$deadline" 'BEGIN { exit !(a > b) }' && return 1
      sleep 0.1
    done
  }
  if ! wait_screen "┌ Conversation" 15; then
    verdict "$dir" "did not start" 0 "the chat screen did not open"; $screen > "$dir/screen.txt"; return
  fi
  tmux -L "$socket" send-keys -t fm -l "Fault check"
  tmux -L "$socket" send-keys -t fm Enter
  start=$(now)
  local want # the mark in the conversation that the outcome has arrived
  if [ "$exit_off" = 0 ]; then want="── ollama:llama2 ·"
  elif [ "$exit_on" != 0 ]; then want="✖ The answer broke off"
  elif [ "$fallback" = true ]; then want="answered by openrouter"
  else want="✖ No answer"; fi
  wait_screen "$want" 60 || problems+=("'$want' not on screen within 60 s")
  seconds=$(elapsed "$start")
  # The phrase may be wrapped across the conversation's rows, and a note about the provider's
  # health can follow the outcome by a moment: read the rows joined, and wait a little for it.
  [ "$want" = "answered by openrouter" ] || wait_phrase "$phrase" 10 || problems+=("'$phrase' not on screen")
  $screen > "$dir/screen.txt"
  grep -qF "parley exited" "$dir/screen.txt" && problems+=("parley ended by itself")
  grep -qF "┌ Conversation" "$dir/screen.txt" || problems+=("the screen was cleared or lost its panes")
  tmux -L "$socket" display -p -t fm '#{pane_title}' | grep -qF "pwned" && problems+=("the model set the window title")
  grep -qF "$key" "$dir/screen.txt" && problems+=("the API key is on screen")
  grep -qF "$password" "$dir/screen.txt" && problems+=("the URL's password is on screen")
  local outcome
  # The conversation pane's part of the line only, not the sidebar's.
  outcome=$(grep -F -- "$want" "$dir/screen.txt" | head -1 | sed 's/^│\([^│]*\)│.*/\1/; s/^ *//; s/  */ /g' | cut -c1-110)
  # The conversation survives: quit cleanly, then the saved conversation holds the exchange.
  tmux -L "$socket" send-keys -t fm C-c
  wait_screen "Quit Parley?" 5 || problems+=("Ctrl-C did not offer to quit")
  tmux -L "$socket" send-keys -t fm y
  wait_screen "parley exited with 0" 10 || problems+=("no clean exit")
  (cd "$dir" && "$BIN/parley" export last --format md > export.md 2>&1) || problems+=("export failed")
  grep -qF "Fault check" "$dir/export.md" || problems+=("the prompt was not saved")
  case $fault in
    refused|500|429|401|stall-before-headers|huge-retry-after|escape-error|echo-credentials) [ "$fallback" = false ] || grep -qF "$fallback_reply" "$dir/export.md" || problems+=("the fallback answer was not saved") ;;
    *) grep -qF "Alpha bravo" "$dir/export.md" || problems+=("the answer was not saved") ;;
  esac
  grep -qF "$key" "$dir/export.md" && problems+=("the API key was saved")
  grep -qaF "$password" "$dir/data/conversations.sqlite" "$dir/data/conversations.sqlite-wal" "$dir/data/parley.log" 2>/dev/null \
    && problems+=("the URL's password was saved or logged")
  tmux -L "$socket" kill-server 2>/dev/null || true
  verdict "$dir" "$outcome" "$seconds" "${problems[@]}"
}

set_fault() { # fault
  curl -sf -X POST "$ollama/_sim/behavior" -d "{\"behavior\":$(behavior "$1")}" > /dev/null
  if [ "$1" = refused ]; then
    curl -sf -X POST "$ollama/_sim/down" -d '{"seconds":3600}' > /dev/null
    # The simulator stops listening just after its reply: wait until it refuses (curl exit 7).
    local code=0
    for _ in $(seq 50); do
      code=0; curl -s -o /dev/null --max-time 1 "$ollama/api/tags" || code=$?
      [ "$code" = 7 ] && return 0
      sleep 0.05
    done
    echo "fault-matrix: the Ollama simulator did not go down" >&2
    exit 1
  fi
}

restore() { # a new Ollama simulator after "refused" (the old one no longer listens at all)
  kill "$ollama_pid"
  start_sim ollama --model llama2 --reply "$reply"
  ollama_pid=${pids[-1]}
  ollama=$(url_of ollama)
}

rows=()
failed=0
for fault in "${faults[@]}"; do
  set_fault "$fault"
  cells=()
  cell_pids=()
  for surface in ask tui; do
    for fallback in false true; do
      dir="$work/$fault-$surface-$fallback"
      mkdir -p "$dir"
      tmux_sockets+=("parley-fm-$$-$fault-$surface-$fallback")
      "${surface}_cell" "$fault" "$fallback" "$dir" &
      cell_pids+=($!)
      cells+=("$dir")
    done
  done
  wait "${cell_pids[@]}" || true # not a bare wait: the simulators run in this shell too
  for dir in "${cells[@]}"; do
    name=$(basename "$dir")
    surface=$(echo "$name" | awk -F- '{ print $(NF-1) }')
    fallback=$(echo "$name" | awk -F- '{ print $NF }')
    [ -f "$dir/result" ] || echo "no result|0|**FAILED**: the cell did not finish" > "$dir/result"
    IFS='|' read -r outcome seconds verdict < "$dir/result"
    label=$([ "$surface" = ask ] && echo "parley ask" || echo "chat (tmux)")
    rows+=("| $fault | $label | $([ "$fallback" = true ] && echo on || echo off) | $outcome | $seconds s | $verdict |")
    echo "fault-matrix: $fault / $label / fallback $fallback: $verdict ($seconds s)" >&2
    if [ "$verdict" != ok ] || [ -n "${FAULT_MATRIX_VERBOSE:-}" ]; then
      [ "$verdict" = ok ] || failed=1
      { echo "--- $name"; cat "$dir/err.txt" "$dir/screen.txt" 2>/dev/null | grep -v '^│ *│' | head -40 || true; } >&2
    fi
  done
  [ "$fault" != refused ] || restore
done

# Pulls: each way /api/pull can go wrong, against `parley pull` in a pipe (one line per phase).
# A failed pull must say why and what to do, exit 1, and leave the next pull free to finish;
# a pull that finishes must put the model in the list.
expect_pull() { # fault -> "exit phrase"
  case $1 in
    none) echo "0 done: qwen3:0.6b is on ollama" ;;
    missing-completed) echo "0 done: qwen3:0.6b is on ollama" ;;
    drop-mid-pull) echo "1 was cut off" ;;
    error-mid-pull) echo "1 i/o timeout" ;;
    disk-full) echo "1 disk is full" ;;
    unknown-model) echo "1 has no model 'qwen3:0.6b'" ;;
  esac
}
pull_scenario() { # fault -> the scenario JSON for the pull simulator
  local pull='{"layers":4,"bytes":523000000}' pullable=null
  case $1 in
    none) ;;
    unknown-model) pullable='["llama3.2:1b"]' ;;
    *) pull="{\"layers\":4,\"bytes\":523000000,\"fault\":\"$1\"}" ;;
  esac
  echo "{\"models\":[{\"name\":\"llama2:latest\"}],\"pullable\":$pullable,\"pull\":$pull}"
}
pull_rows=()
if [ ${#pull_faults[@]} -gt 0 ]; then
  start_sim pull-ollama --model llama2
  pull_ollama=$(url_of pull-ollama)
fi
for fault in "${pull_faults[@]}"; do
  dir="$work/pull-$fault"
  write_env "$dir" false
  sed -i "s|^OLLAMA_BASE_URL=.*|OLLAMA_BASE_URL=${pull_ollama/http:\/\//http://matrix:$password@}|" "$dir/.env"
  curl -sf -X PUT "$pull_ollama/_sim/scenario" -d "$(pull_scenario "$fault")" > /dev/null
  read -r want phrase <<< "$(expect_pull "$fault")"
  problems=()
  start=$(now)
  code=0
  (cd "$dir" && timeout 60 "$BIN/parley" pull qwen3:0.6b > out.txt 2> err.txt) || code=$?
  seconds=$(elapsed "$start")
  [ "$code" = "$want" ] || problems+=("exit $code, expected $want")
  [ "$code" != 124 ] || problems+=("hung: killed after 60 s")
  grep -qF -- "$phrase" "$dir/out.txt" "$dir/err.txt" || problems+=("'$phrase' not shown")
  grep -qF "pulling the manifest of qwen3:0.6b" "$dir/out.txt" || problems+=("the first phase was not shown")
  if [ "$want" = 1 ]; then
    grep -qF " — " "$dir/err.txt" || problems+=("the failure does not say what to do")
    if [ "$fault" != unknown-model ]; then # going on: the next pull, without the fault, finishes
      curl -sf -X PUT "$pull_ollama/_sim/scenario" -d "$(pull_scenario none)" > /dev/null
      (cd "$dir" && timeout 60 "$BIN/parley" pull qwen3:0.6b > again.txt 2>&1) || problems+=("pulling again after the failure did not finish")
    fi
  fi
  if [ "$want" = 0 ] || [ "$fault" != unknown-model ]; then
    (cd "$dir" && "$BIN/parley" models --provider ollama 2>&1 | grep -qF "qwen3:0.6b") || problems+=("the pulled model is not listed")
  fi
  grep -qF "$password" "$dir"/*.txt "$dir/data/parley.log" 2>/dev/null && problems+=("the URL's password was printed or logged")
  last=$(grep -v '^$' "$dir/err.txt" | tail -1 || true)
  [ -n "$last" ] || last=$(grep -v '^$' "$dir/out.txt" | tail -1 || true)
  outcome="exit $code: $(echo "$last" | cut -c1-110)"
  verdict "$dir" "$outcome" "$seconds" "${problems[@]}"
  IFS='|' read -r outcome seconds verdict < "$dir/result"
  pull_rows+=("| $fault | $outcome | $seconds s | $verdict |")
  echo "fault-matrix: pull $fault: $verdict ($seconds s)" >&2
  if [ "$verdict" != ok ]; then failed=1; cat "$dir/out.txt" "$dir/err.txt" >&2; fi
  curl -sf -X DELETE "$pull_ollama/api/delete" -d '{"model":"qwen3:0.6b"}' > /dev/null 2>&1 || true
done

{
  echo "## Fault matrix"
  echo
  echo "\`scripts/fault-matrix.sh\` (run by \`make test\`), $(date -u +%Y-%m-%d). Ollama (NDJSON) plays the fault;"
  echo "OpenRouter (SSE) is the healthy provider to fall back to. \`OLLAMA_TIMEOUT=$timeout_s\` (connect and idle;"
  echo "the first byte may take 10x while a model loads), \`OLLAMA_MAX_RETRIES=2\`, Retry-After 0.5 s, stalls"
  echo "30 s. Time is from sending the prompt to the outcome on stdout/stderr or on screen. A chat cell"
  echo "also quits with Ctrl-C, y and exports the saved conversation, which must hold the prompt and the"
  echo "(partial or fallback) answer; no cell may print, log or save the API key or the password in Ollama's URL."
  echo
  echo "| fault | surface | fallback | outcome | time | result |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Pulls: \`parley pull qwen3:0.6b\` in a pipe against a simulated Ollama whose \`/api/pull\` plays the fault"
  echo "(4 layers, 523 MB). A failed pull must say why and what to do and exit 1; then the same pull"
  echo "without the fault must finish and the model be listed."
  echo
  echo "| pull fault | outcome | time | result |"
  echo "|---|---|---|---|"
  printf '%s\n' "${pull_rows[@]}"
  echo
} | scripts/doc-section.sh fault-matrix
exit $failed
