#!/usr/bin/env bash
# End-to-end check of comparing and branching, as a user would see it: the built parley in a
# tmux window against one parley-sim whose two models answer differently. Compare the two on
# one prompt, pick one, move between the answers, regenerate, edit the question, move back,
# quit, export every branch, and open the conversation again on the branch shown last. Every wait is bounded;
# everything started here is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-.build/debug}"
source scripts/lib/sim.sh
require_tools tmux
socket="parley-branches-$$"
tmux_sockets+=("$socket")
session=branches
label=e2e-branches
source scripts/lib/tmux.sh

cat > "$work/scenario.json" <<'JSON'
{"models": [{"name": "llama2:latest"}, {"name": "mistral:latest"}],
 "behaviors": {"llama2:latest": {"reply": "Llama says: Rayleigh scattering.", "tokensPerSecond": 6},
               "mistral:latest": {"reply": "Mistral says: short wavelengths scatter most.", "tokensPerSecond": 200}}}
JSON
start_sim ollama --scenario "$work/scenario.json"
cat > "$work/.env" <<ENV
PREFERRED_PROVIDER=ollama
OLLAMA_BASE_URL=$(url_of ollama)
OLLAMA_DEFAULT_MODEL=llama2
PARLEY_DATA_DIR=$work/data
ENV

command_line() { echo "cd '$work' && TERM=xterm-256color '$PWD/$BIN/parley' $*; echo \"parley exited with \$?\"; sleep 60"; }
tmux -L "$socket" new-session -d -s "$session" -x 120 -y 40 "$(command_line)"
wait_for "Conversation" 10 "the screen did not open"
keys -l "/compare ollama:llama2 ollama:mistral"
keys Enter
wait_for "side by side" 5 "/compare did not say what the next message does"
keys -l "Why is the sky blue?"
keys Enter
wait_for "waits for ollama:llama2" 5 "mistral, on the same host, was not said to wait for llama2"
wait_for "compared: pick one" 15 "the two answers did not both arrive"
screen | grep -F "Llama says" | grep -qF "Mistral says" || fail "the two answers are not side by side"
check "compare: both models answered side by side, the second after the first on one host"

keys Tab
keys 2
wait_for "going on with ollama:mistral" 5 "2 did not pick the second answer"
wait_for "‹2/2›" 5 "the picked answer has no branch marker"
screen | grep -qF "Llama says" && fail "the answer not picked is still on screen"
keys '<'
wait_for "Llama says: Rayleigh scattering." 5 "< did not bring the other compared answer"
wait_for "‹1/2›" 5 "the other answer is not marked 1/2"
keys '>'
wait_for "Mistral says" 5 "> did not go back to the picked answer"
check "pick: mistral's answer goes on, llama's is its sibling, < and > move between them"

keys r
wait_for "‹3/3›" 10 "r did not add a third answer"
wait_for "Llama says: Rayleigh scattering." 10 "the regenerated answer (the model in use, llama2) did not stream"
wait_for "── ollama:llama2 ·" 10 "the regenerated answer did not complete"
check "regenerate: a third answer from the model in use, marked 3/3"

keys Up
wait_for "e edit" 5 "the cursor on the question does not offer to edit it"
keys e
wait_for "Editing a message" 5 "e did not start an edit"
keys C-u C-k
keys -l "Why is the sea blue?"
keys Enter
# Until Enter is read, the screen shows the edit over the old branch, whose answer has the
# same footer as the new one will: wait for the old question to go before anything else.
wait_gone "Why is the sky blue?" 5 "the original question is still on screen beside its edit"
wait_gone "Editing a message" 5 "Enter did not end the edit"
wait_for "Why is the sea blue?" 5 "the edited question is not on screen"
wait_for "── ollama:llama2 ·" 10 "the edited question was not answered"
keys Tab
keys Up
wait_for "‹2/2›" 5 "the edited question has no branch marker"
keys '<'
wait_for "Why is the sky blue?" 5 "< did not bring the original question back"
wait_for "‹3/3›" 5 "the original question's branch did not come back as last shown"
check "edit: the new question is a sibling of the original, which comes back with its answers"

keys C-c
wait_for "Quit Parley?" 5 "Ctrl-C did not ask to quit"
keys y
wait_for "parley exited with 0" 10 "parley did not exit cleanly"

root=$PWD
export_text=$(cd "$work" && "$root/$BIN/parley" export last --all-branches)
for expected in "Why is the sky blue?" "Why is the sea blue?" "Llama says" "Mistral says" "# Other branch"; do
  grep -qF "$expected" <<< "$export_text" || { echo "$label FAILED: export --all-branches lacks '$expected'" >&2; echo "$export_text" >&2; exit 1; }
done
check "export --all-branches: both questions, both answers"

tmux -L "$socket" respawn-pane -k -t "$session" "$(command_line --continue)"
wait_for "Why is the sky blue?" 10 "--continue did not open the branch shown last"
wait_for "‹3/3›" 5 "--continue did not open the answer shown last"
check "continue: the branch shown last comes back"
