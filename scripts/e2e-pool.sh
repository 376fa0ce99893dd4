#!/usr/bin/env bash
# End-to-end check of a pool of Ollama hosts in the chat screen: three parley-sim instances
# pooled as `gpus`, the built parley in tmux. The sidebar shows the pool as one group with its
# members; an answer comes from a member that has the model; a member that stops is shown down
# and passed over; when it comes back it is shown healthy again. Every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
source scripts/lib/sim.sh
require_tools tmux curl
socket="parley-e2e-pool-$$"
tmux_sockets+=("$socket")

session=pool
label=e2e-pool
source scripts/lib/tmux.sh

start_sim box1 --model llama2:latest --tokens-per-second 40 --reply "Box one answers."
start_sim box2 --model llama3:latest --tokens-per-second 40 --reply "Box two answers the pool."
box2_pid=${pids[1]}
start_sim box3 --model llama3:latest --tokens-per-second 40 --reply "Box three answers the pool."
cat > "$work/.env" <<ENV
OLLAMA_ENABLED=false
OPENROUTER_ENABLED=false
PARLEY_PROVIDERS=box1=ollama@$(url_of box1),box2=ollama@$(url_of box2),box3=ollama@$(url_of box3)
PARLEY_POOLS=gpus=box1,box2,box3
PREFERRED_PROVIDER=gpus
BOX1_HEALTH_CHECK_INTERVAL=1
BOX2_HEALTH_CHECK_INTERVAL=1
BOX3_HEALTH_CHECK_INTERVAL=1
PARLEY_DATA_DIR=$work/data
ENV

tmux -L "$socket" new-session -d -s pool -x 120 -y 40 "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley' -m gpus:llama3; echo \"parley exited with \$?\"; sleep 60"
wait_for "● gpus *" 10 "the sidebar did not show the pool"
wait_for "● box3 ·" 10 "the sidebar did not show the pool's members"
check "start: the pool as one group with its three members"

keys -l "Who answers?"
keys Enter
wait_for "Box two answers the pool." 10 "no member answered"
wait_for "── box2:llama3 ·" 10 "the footer does not name the member"
check "chat: box2, the first member with llama3, answered, and the footer names it"

kill "$box2_pid"
wait_for "○ box2 · down" 10 "the sidebar did not mark box2 down"
keys -l "And now?"
keys Enter
wait_for "Box three answers the pool." 10 "box3 did not take over"
wait_for "── box3:llama3 ·" 10 "the footer does not name box3"
check "member down: shown down in the group, the next answer from box3"

"$BIN/parley-sim" --port "$(url_of box2 | sed 's/.*://')" --model llama3:latest --reply "Box two is back." > "$work/box2-again.out" 2>&1 &
pids+=($!)
wait_for "box2 is healthy (was down)" 10 "box2 coming back was not noticed"
screen | grep -qF "● box2 ·" || fail "the sidebar does not show box2 healthy again"
check "member back: the pool shows box2 healthy again"

keys C-c
wait_for "Quit Parley?" 5 "Ctrl-C did not ask to quit"
keys y
wait_for "parley exited with 0" 5 "parley did not exit cleanly"
