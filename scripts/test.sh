#!/usr/bin/env bash
# `npm test`: installs what is missing, type-checks, runs every test, then the Node 24 run (scripts/node24.sh).
# The Node 24 copy is prepared in the background while the main tests run (compiling SQLite for Node 24 takes minutes);
# the last step waits for it (a lock) and repeats whatever the preparation did not finish.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
npm run typecheck
mkdir -p .node24
bash scripts/node24.sh --prepare > .node24/prepare.log 2>&1 &
prepare=$!
status=0
npx vitest run || status=$?
wait "$prepare" || echo "Node 24 的准备在后台失败，下面重做 / preparing Node 24 in the background failed; done again below (.node24/prepare.log)" >&2
[ "$status" = 0 ] || exit "$status"
bash scripts/node24.sh
