#!/usr/bin/env bash
# Installs what the test suites need besides npm packages, from Debian and the npm registry only:
# Chromium (webview and UI tests), Neovim (second LSP client), iptables/nftables (checking exported
# rule sets), iproute2 (the network-namespace lab and the verify tests), DejaVu fonts (the PNG
# diagram), ripgrep + Kerberos headers (code-server's native build), and code-server itself.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt_packages=(chromium neovim ripgrep libkrb5-dev iptables nftables iproute2 fonts-dejavu-core)
missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

bash scripts/install-code-server.sh >/dev/null
