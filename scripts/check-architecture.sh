#!/usr/bin/env bash
# Checks every `import` under Sources/ against the table in docs/architecture.md, and that
# every target has a row there. Prints each violation; exits 1 if there is any.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/architecture.md

table=$(sed -n '/<!-- imports -->/,/<!-- \/imports -->/p' "$doc" | grep '^| ' | grep -v '^| Target\|^|---' || true)
if [[ -z "$table" ]]; then
    echo "check-architecture: no import table in $doc" >&2
    exit 1
fi

declare -A allowed
while IFS='|' read -r _ target modules _; do
    target=$(echo "$target" | xargs)
    allowed[$target]=" $(echo "$modules" | tr ',' ' ' | xargs) "
done <<< "$table"

status=0
for dir in Sources/*/; do
    target=$(basename "$dir")
    # C targets import nothing in Swift.
    if ! find "$dir" -name '*.swift' | grep -q .; then continue; fi
    if [[ -z "${allowed[$target]+set}" ]]; then
        echo "check-architecture: $target has no row in $doc" >&2
        status=1
        continue
    fi
    while IFS=: read -r file line text; do
        module=$(echo "$text" | sed -E 's/^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*import[[:space:]]+(class |struct |enum |func |protocol |var |let )?([A-Za-z_][A-Za-z0-9_]*).*/\4/')
        if [[ "${allowed[$target]}" != *" $module "* ]]; then
            echo "check-architecture: $file:$line: $target may not import $module (see $doc)" >&2
            status=1
        fi
    done < <(grep -rnE '^[[:space:]]*(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*import[[:space:]]' --include='*.swift' "$dir" || true)
done

for target in "${!allowed[@]}"; do
    if [[ ! -d "Sources/$target" ]]; then
        echo "check-architecture: $doc lists $target, which Sources/ does not have" >&2
        status=1
    fi
done

if ! grep -q 'docs/architecture.md' README.md; then
    echo "check-architecture: README.md does not link docs/architecture.md" >&2
    status=1
fi

[[ $status -eq 0 ]] && echo "check-architecture: every import follows $doc"
exit $status
