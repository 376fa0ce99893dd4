#!/usr/bin/env bash
# Installs the system packages Parley builds against, when they are missing:
# libcurl (HTTP), ncursesw (the screen), SQLite (saved conversations), pkg-config (finds ncursesw's flags), and tmux and
# curl, which the end-to-end tests and benchmarks drive, and the sqlite3 shell the soak script counts with.
# Uses apt-get, through sudo when not root; elsewhere it says what to install.
set -euo pipefail

packages=(libcurl4-openssl-dev libncurses-dev libsqlite3-dev pkg-config tmux curl sqlite3)

if ! command -v swift >/dev/null 2>&1; then
  echo "parley: the Swift 6 toolchain is not on PATH; install it from https://www.swift.org/install/linux/" >&2
  exit 1
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
elif command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcurl ncursesw sqlite3 && command -v tmux >/dev/null && command -v curl >/dev/null; then
  exit 0
else
  missing=("${packages[@]}")
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "parley: missing system packages: ${missing[*]}" >&2
  echo "parley: apt-get is not available here; install the equivalents of libcurl (dev), ncursesw (dev), sqlite3 (dev), pkg-config, tmux and curl with your package manager, then retry." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "parley: missing system packages: ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  sudo="sudo"
fi

echo "parley: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine's package lists may be empty or stale: update once and retry.
if ! $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $sudo apt-get update -qq
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
