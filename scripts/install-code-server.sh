#!/usr/bin/env bash
# Installs code-server 4.100.3 (real VS Code 1.100.3, browser workbench) from the npm registry, offline
# from GitHub, for the extension's UI and in-host test suites. See ../shared/E2E-RECIPE.md §0.
#
# Usage: scripts/install-code-server.sh [DIR]   (default: .cache/code-server under the repository)
# Prints the path of the code-server binary on its last line. Does nothing when DIR already holds it.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$repo/.cache/code-server}"
version=4.100.3
bin="$dir/node_modules/.bin/code-server"

if [ -x "$bin" ] && [ -f "$dir/node_modules/code-server/lib/vscode/out/server-main.js" ] \
   && grep -q "\"version\": \"$version\"" "$dir/node_modules/code-server/package.json"; then
  echo "$bin"
  exit 0
fi

# node-gyp (node-pty, kerberos) must build against the local headers, never download them from nodejs.org.
export npm_config_nodedir=/usr
# postinstall.sh checks this when run as root; newer npm versions may drop the --unsafe-perm flag itself.
export npm_config_unsafe_perm=true
export npm_config_yes=true

rg_path="$(command -v rg || true)"
if [ -z "$rg_path" ]; then
  echo "install-code-server: ripgrep (rg) is required (apt-get install ripgrep)" >&2
  exit 2
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable here. It first looks in its
# cache under os.tmpdir(): put Debian's rg there, as a tarball with a single top-level file named rg.
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_tar" ]; then
  pack="$(mktemp -d)"
  cp "$rg_path" "$pack/rg"
  tar -C "$pack" -czf "$rg_tar" rg
  rm -rf "$pack"
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || npm init -y >/dev/null
npm install --no-save --no-audit --no-fund --unsafe-perm "code-server@$version" >&2

if [ ! -x "$bin" ]; then
  echo "install-code-server: $bin missing after npm install" >&2
  exit 1
fi
echo "$bin"
