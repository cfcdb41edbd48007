#!/usr/bin/env bash
# Installs whatever guzheng is missing, and nothing else; fast when nothing is missing.
#   bash scripts/setup.sh          what `guzheng capture` needs: a browser, CJK fonts, ffmpeg, npm packages, the build
#   bash scripts/setup.sh --test   the same, plus what the tests use (openssl, poppler-utils, yt-dlp, xvfb, LibreOffice Writer, Tesseract,
#                                  PostgreSQL)
# System packages come from apt (Debian/Ubuntu, as root). Nothing is downloaded from anywhere but npm and apt.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-}"

say() { printf '%s\n' "$*" >&2; }

missing=()
has_browser() {
  [ -n "${GUZHENG_BROWSER:-}" ] && [ -x "${GUZHENG_BROWSER}" ] && return 0
  for b in /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome \
           /usr/bin/google-chrome-stable /opt/google/chrome/chrome /usr/bin/microsoft-edge /snap/bin/chromium \
           "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge" \
           "/Applications/Chromium.app/Contents/MacOS/Chromium"; do
    [ -x "$b" ] && return 0
  done
  return 1
}
has_browser || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
# libheif's tools read the HEIC photos and screenshots of iPhones for `guzheng import` (ffmpeg 5 cannot).
if [ "$(uname -s)" = Linux ]; then command -v heif-convert >/dev/null 2>&1 || missing+=(libheif-examples); fi
has_cjk_fonts() {
  if command -v fc-list >/dev/null 2>&1; then
    # grep -c reads everything (grep -q would close the pipe early and fail the pipeline under pipefail).
    [ "$(fc-list 2>/dev/null | grep -ci 'Noto Sans CJK\|Noto Serif CJK')" != 0 ] && return 0
  fi
  # Without fontconfig's tools, look for the font files themselves.
  ls /usr/share/fonts/opentype/noto/NotoSansCJK* /usr/share/fonts/*/*/NotoSansCJK* /usr/local/share/fonts/NotoSansCJK* >/dev/null 2>&1
}
if [ "$(uname -s)" = Linux ]; then has_cjk_fonts || missing+=(fonts-noto-cjk); fi
if [ "$MODE" = "--test" ]; then
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  command -v yt-dlp >/dev/null 2>&1 || missing+=(yt-dlp)
  # Tesseract with Chinese reads the screenshots to compare a post's facts with what they show (optional for users).
  command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng)
  # LibreOffice renders the DOCX documents to PDF in the tests, as a court clerk's or lawyer's Word would.
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
  # A real PostgreSQL for the tests of the organisation server (each test run starts its own cluster on 127.0.0.1).
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # A virtual display, for the test of the visible browser window of `guzheng login`.
  if [ "$(uname -s)" = Linux ]; then command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb); fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  line="apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "安装系统组件 / installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "缺少系统组件：${missing[*]}。请用管理员权限运行：sudo ${line}"
    say "Missing system packages: ${missing[*]}. Install them as administrator: sudo ${line}"
    say "（macOS / Windows：请安装 Google Chrome 或 Microsoft Edge、ffmpeg 和思源黑体 / Noto Sans CJK 字体）"
    say "(macOS / Windows: install Google Chrome or Microsoft Edge, ffmpeg and the Noto Sans CJK fonts)"
    exit 1
  fi
fi

# npm packages: reinstalled only when package-lock.json changed since the last install.
stamp=node_modules/.guzheng-lock.sha256
want=$(node -e "process.stdout.write(require('crypto').createHash('sha256').update(require('fs').readFileSync('package-lock.json')).digest('hex'))")
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  say "安装 npm 依赖 / installing npm packages (first time: about 2 minutes, native SQLite is built from source)"
  # better-sqlite3 is compiled here instead of fetching a prebuilt binary from outside the npm registry, against
  # the running Node's own headers when it has them (else node-gyp would download headers from nodejs.org).
  node_prefix=$(node -p "require('path').resolve(process.execPath, '..', '..')")
  if [ -f "$node_prefix/include/node/node.h" ] && [ -z "${npm_config_nodedir:-}" ]; then export npm_config_nodedir="$node_prefix"; fi
  npm_config_build_from_source=true npm ci --no-audit --no-fund --loglevel=error
  printf '%s' "$want" > "$stamp"
fi

# The build (esbuild, well under a second) runs every time so dist/ always matches src/.
node scripts/build.mjs
