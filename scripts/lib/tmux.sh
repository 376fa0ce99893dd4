# Reading and driving a parley that runs in tmux, for the end-to-end scripts. Set `socket`
# (the tmux server, -L), `session`, and `label` (what each ok / FAILED line begins with)
# before sourcing.
screen() { tmux -L "$socket" capture-pane -p -J -t "$session"; } # -J: a line the terminal wrapped is read whole
keys() { tmux -L "$socket" send-keys -t "$session" "$@"; }
fail() { echo "$label FAILED: $1" >&2; echo "--- screen:" >&2; screen >&2 || true; exit 1; }
wait_for() { # text, seconds, description
  local deadline=$((SECONDS + ${2:-10}))
  until screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || fail "${3:-waiting for '$1'}"
    sleep 0.1
  done
}
wait_gone() { # text, seconds, description: for a key whose effect is that something leaves the screen
  local deadline=$((SECONDS + ${2:-10}))
  while screen | grep -qF -- "$1"; do
    [ $SECONDS -lt $deadline ] || fail "${3:-waiting for '$1' to go}"
    sleep 0.1
  done
}
check() { echo "$label ok: $1"; }
