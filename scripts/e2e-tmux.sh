#!/usr/bin/env bash
# End-to-end checks of the full-screen chat, as a user would see it: the built parley runs in
# a tmux window against two parley-sim instances on 127.0.0.1, and the screen is read back.
# Start, pick a model in the picker, send a prompt and read the streamed answer, pull a model
# from the picker and chat with it, stop the preferred provider and see the fallback note and
# the sidebar mark it down, resize during a stream, quit. Every wait is bounded; everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
source scripts/lib/sim.sh
require_tools tmux curl
socket="parley-e2e-$$"
tmux_sockets+=("$socket")

session=e2e
label=e2e
source scripts/lib/tmux.sh

key=sk-or-v1-e2e0123456789abcdef0123456789abcdef00
# Pulls take about four seconds: long enough to see their progress while an answer streams.
echo '{"pull":{"layers":3,"bytes":1600000000,"bytesPerSecond":400000000}}' > "$work/ollama-scenario.json"
start_sim ollama --scenario "$work/ollama-scenario.json" --model llama2:latest --model mistral:latest --tokens-per-second 40 \
  --reply "Mistral says hello from the simulated Ollama server, one token at a time."
ollama_pid=${pids[0]}
start_sim openrouter --api-key "$key" --model openai/gpt-4o --tokens-per-second 40 \
  --reply "OpenRouter answers instead, because the preferred provider went away."
ollama=$(url_of ollama)
openrouter=$(url_of openrouter)
cat > "$work/.env" <<ENV
PREFERRED_PROVIDER=ollama
OLLAMA_BASE_URL=$ollama
OLLAMA_HEALTH_CHECK_INTERVAL=1
OPENROUTER_BASE_URL=$openrouter/api/v1
OPENROUTER_API_KEY=$key
OPENROUTER_DEFAULT_MODEL=openai/gpt-4o
PARLEY_DATA_DIR=$work/data
ENV
chmod 600 "$work/.env" # it holds a key; a readable one earns a warning note

tmux -L "$socket" new-session -d -s e2e -x 120 -y 40 "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley'; echo \"parley exited with \$?\"; sleep 60"
wait_for "Conversation" 10 "the screen did not open"
wait_for "● ollama" 10 "the sidebar did not show ollama as healthy"
check "start: panes and provider health on screen"

keys C-p
wait_for "Models — type to filter" 5 "the model picker did not open"
keys -l "mistral"
wait_for "› mistral:latest" 5 "the filter did not select mistral"
keys Enter
wait_for "Model: ollama:mistral:latest" 5 "picking a model did not set it"
check "picker: filtered and picked ollama:mistral:latest"

keys -l "Say hello"
keys Enter
wait_for "one token at a time." 10 "the streamed answer did not appear"
wait_for "── ollama:mistral:latest ·" 10 "the answer's footer did not appear"
check "chat: streamed answer and footer on screen"

keys C-p
wait_for "Models — type to filter" 5 "the model picker did not open a second time"
keys -l "qwen3:0.6b"
wait_for "⤓ pull qwen3:0.6b into ollama" 5 "a model nobody has was not offered as a pull"
keys Enter
wait_for "Pulling qwen3:0.6b into ollama" 5 "the pull did not start"
keys -l "Talk while it pulls"
keys Enter
wait_for "pulling qwen3:0.6b ·" 5 "the status line does not show the pull's progress"
wait_for "qwen3:0.6b is now on ollama" 20 "the pull did not finish"
keys C-p
keys -l "qwen3"
wait_for "› qwen3:0.6b" 10 "the pulled model is not in the picker"
keys Enter
wait_for "Model: ollama:qwen3:0.6b" 5 "picking the pulled model did not set it"
keys -l "Hello, new model"
keys Enter
wait_for "── ollama:qwen3:0.6b ·" 15 "the pulled model did not answer"
check "pull: offered in the picker, progress in the status line while chatting, then picked and answering"

kill "$ollama_pid"
wait_for "○ ollama" 10 "the sidebar did not mark ollama down"
check "health: sidebar shows ollama down after it stopped"
keys -l "Anyone there?"
keys Enter
wait_for "falling back to openrouter:openai/gpt-4o" 10 "no fallback note"
wait_for "preferred provider went away." 10 "the fallback answer did not stream"
wait_for "answered by openrouter:openai/gpt-4o" 10 "the footer does not say who answered"
check "fallback: note inline, answer from openrouter, footer names both"

long_reply=$(printf 'The storm rages on while this answer streams. %.0s' $(seq 8))"Then it went away."
curl -s -X POST "$openrouter/_sim/behavior" -d "{\"behavior\":{\"reply\":\"$long_reply\",\"tokensPerSecond\":40}}" > /dev/null
keys -l "Once more, while the window changes size"
keys Enter
# A resize storm: 100 resizes, 1x1 to 300x100, while the answer streams (40 tokens/s).
sizes=("70 20" "35 9" "1 1" "300 100" "2 40" "200 3" "41 10" "39 9" "150 45" "90 30")
for i in $(seq 0 99); do
  set -- ${sizes[$((i % ${#sizes[@]}))]}
  tmux -L "$socket" resize-window -t e2e -x "$1" -y "$2"
  sleep 0.02
done
tmux -L "$socket" resize-window -t e2e -x 120 -y 40
wait_for "Then it went away." 10 "the answer did not survive the resizes"
sleep 0.3
if screen | grep -qF "Terminal too small"; then fail "the screen did not recover its size"; fi
if screen | grep -qF "parley exited"; then fail "parley ended during the resize storm"; fi
check "resize: a stream survives a storm of 100 resizes, 1x1 to 300x100, and the screen recovers"

printf 'first pasted line\nsecond pasted line' | tmux -L "$socket" load-buffer -
tmux -L "$socket" paste-buffer -p -t e2e
wait_for "second pasted line" 5 "the bracketed paste did not arrive"
wait_for "› first pasted line" 2 "the paste is not in the message box"
keys Escape
keys C-u C-k
check "paste: a two-line bracketed paste lands in the message box, unsent"

# A paste that arrives in pieces with pauses between them, as over ssh: still one paste, unsent.
clear_input() { for _ in 1 2 3 4 5 6; do keys C-u C-k BSpace; done; }
clear_input
keys -l $'\e[200~piece one\r'
sleep 0.5
keys -l $'piece two\r'
sleep 0.5
keys -l $'piece three\e[201~'
wait_for "piece three" 5 "the paste in pieces did not arrive"
screen | grep -qF "› piece one" || fail "the pieces are not one paste in the message box"
if screen | grep -qE "^│ you"; then screen | grep -A1 -F "│ you" | grep -qF "piece" && fail "a piece of the paste was sent"; fi
clear_input
check "paste: three pieces with half-second pauses are one paste in the message box, none sent"

# 10 MB of multi-line text in one paste: refused whole, with its size and the limit.
head -c 7864320 /dev/urandom | base64 > "$work/big-paste.txt"
tmux -L "$socket" load-buffer "$work/big-paste.txt"
tmux -L "$socket" paste-buffer -p -t e2e
wait_for "the message box takes at most 4.0 MiB" 120 "the 10 MB paste was not refused"
screen | grep -qF "That paste is 10." || fail "the refusal does not give the paste's size"
check "paste: 10 MB in one paste is refused whole, with its size and the limit"

keys C-c
wait_for "Quit Parley?" 5 "Ctrl-C did not ask to quit"
keys y
wait_for "parley exited with 0" 5 "parley did not exit cleanly"
check "quit: Ctrl-C, y, exit status 0, terminal given back"

# A parley killed by -9 leaves the tty as curses set it and the cursor anywhere: reset the tty and
# clear the screen first, so the status line cannot wrap out of the grep's reach. (The SIGTERM case
# below must not clear: it checks that parley itself gave the screen back.)
after_exit='code=$?; stty sane; clear; echo "parley ended with $code"; sleep 60'

# kill -9 in the middle of an answer, then --continue: the partial answer is there, marked.
tmux -L "$socket" respawn-pane -k -t e2e "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley'; $after_exit"
wait_for "Conversation" 10 "parley did not start again"
curl -s -X POST "$openrouter/_sim/behavior" -d '{"behavior":{"tokens":400,"tokensPerSecond":20}}' > /dev/null
keys C-p
keys -l "gpt-4o"
keys Enter
keys -l "A long story, please"
keys Enter
wait_for "The simulated model streams" 10 "the long answer did not start"
sleep 1.5
pkill -KILL -f "^$PWD/$BIN/parley\$"
wait_for "parley ended with 137" 5 "kill -9 did not end parley"
tmux -L "$socket" respawn-pane -k -t e2e "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley' --continue; sleep 60"
wait_for "Continuing “A long story, please”" 10 "--continue did not restore the conversation"
wait_for "── cut off: Parley stopped before this answer was complete" 5 "the partial answer is not marked"
screen | grep -qF "The simulated model streams" || fail "the partial answer was not restored"
check "kill -9: the conversation and its partial answer survive, marked cut off"

# In the restored conversation: a code block on its own background, the cursor on it copies it
# through OSC 52 (tmux keeps what an application copies as a buffer), /search finds the
# conversation, /export writes it as Markdown.
tmux -L "$socket" set-option -g set-clipboard on
curl -s -X POST "$openrouter/_sim/behavior" \
  -d '{"behavior":{"reply":"Try this:\n\n```sh\necho copied-from-parley\n```\n\nThat is the whole trick.","tokensPerSecond":200}}' > /dev/null
keys -l "Show me a command"
keys Enter
wait_for "That is the whole trick." 10 "the answer with a code block did not arrive"
code_line=$(tmux -L "$socket" capture-pane -p -e -t e2e | grep -F "copied" || true)
printf '%s' "$code_line" | grep -qF "48;5;235" \
  || fail "the code block is not on its own background: $(printf '%s' "$code_line" | cat -v)"
keys Tab
keys -l "["
wait_for "y copy · [ ] other blocks" 5 "the cursor did not land on the code block"
keys -l "y"
wait_for "Copied the code block under the cursor" 5 "y did not copy the block"
tmux -L "$socket" show-buffer | grep -qxF "echo copied-from-parley" || fail "the clipboard (tmux buffer) does not hold the code block"
check "code: the block on its own background, the cursor on it, y copies it through OSC 52"
keys -l "/new"
keys Enter
wait_for "New conversation." 5 "/new did not start a new conversation"
if screen | grep -qF "copied-from-parley"; then fail "/new kept the old conversation on screen"; fi
keys -l "/search long story"
keys Enter
wait_for "«story»" 5 "/search did not list the conversation"
keys Enter
wait_for "echo copied-from-parley" 5 "the search hit did not open the conversation"
keys -l "/export $work/story.md"
keys Enter
wait_for "Exported this conversation to" 5 "/export did not report"
grep -qF "A long story, please" "$work/story.md" && grep -qF "echo copied-from-parley" "$work/story.md" \
  || fail "the exported Markdown lacks the conversation"
check "search and export: /search finds it, Enter opens it, /export writes it as Markdown"

# SIGTERM from outside: parley leaves the alternate screen and exits on its own.
tmux -L "$socket" respawn-pane -k -t e2e "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley'; echo \"parley ended with \$?\"; sleep 60"
wait_for "Conversation" 10 "parley did not start again"
pkill -TERM -f "^$PWD/$BIN/parley\$" || pkill -TERM -x parley
wait_for "parley ended with" 5 "SIGTERM did not end parley"
if screen | grep -qF "┌ Conversation"; then fail "the chat screen is still shown after SIGTERM"; fi
check "SIGTERM: parley exits and the terminal is given back"
