# Shared by the scripts that run parley against parley-sim: a work directory and process list
# cleaned up on exit, and starting simulators on free ports of 127.0.0.1.
# Source it after setting BIN (where parley and parley-sim are built).
work=$(mktemp -d)
pids=()
tmux_sockets=()
cleanup() {
  for socket in "${tmux_sockets[@]}"; do tmux -L "$socket" kill-server 2>/dev/null || true; done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

require_tools() { # tool...
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (make test installs it)" >&2; exit 1; }
  done
  [ -x "$BIN/parley" ] && [ -x "$BIN/parley-sim" ] || { echo "$0: build parley and parley-sim first" >&2; exit 1; }
}

start_sim() { # name, args...: runs in this shell, so its pid is kept for cleanup
  local name=$1; shift
  "$BIN/parley-sim" --port 0 "$@" > "$work/$name.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    grep -q "listening on" "$work/$name.out" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "$0: parley-sim $name did not start" >&2
  exit 1
}

url_of() { grep -o 'http://127.0.0.1:[0-9]*' "$work/$1.out" | head -1; }
