#!/usr/bin/env bash
# Replaces one section of docs/reliability.md, between `<!-- NAME:begin -->` and
# `<!-- NAME:end -->`, with standard input; appends the section when it is not there yet.
# Each reliability script writes its own section, so any of them can be rerun alone.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
doc=docs/reliability.md
mkdir -p docs
[ -f "$doc" ] || printf '# Reliability\n' > "$doc"
body=$(mktemp)
cat > "$body"
exec 9>"$doc.lock"
flock 9
if grep -qF "<!-- $name:begin -->" "$doc"; then
  awk -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" -v body="$body" '
    $0 == begin { print; while ((getline line < body) > 0) print line; skipping = 1; next }
    $0 == end { skipping = 0 }
    !skipping { print }
  ' "$doc" > "$doc.new"
  mv "$doc.new" "$doc"
else
  { printf '\n<!-- %s:begin -->\n' "$name"; cat "$body"; printf '<!-- %s:end -->\n' "$name"; } >> "$doc"
fi
rm -f "$body" "$doc.lock"
