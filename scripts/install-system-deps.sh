#!/usr/bin/env bash
# Installs the Debian packages the build and the tests need, only when missing.
# Fonts (Liberation Serif: metric-compatible with Times New Roman, full Vietnamese),
# Pango for WeasyPrint, poppler-utils (pdftotext, pdffonts, pdftoppm), Chromium for browser tests.
set -euo pipefail

need=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

have_cmd chromium || need+=(chromium)
have_cmd pdftotext || need+=(poppler-utils)
have_pkg fonts-liberation2 || need+=(fonts-liberation2)
have_pkg fonts-dejavu-core || need+=(fonts-dejavu-core)
have_pkg libpango-1.0-0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
have_pkg libharfbuzz-subset0 || need+=(libharfbuzz-subset0)
have_cmd fc-list || need+=(fontconfig)
have_cmd git || need+=(git)
have_cmd node || need+=(nodejs npm)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages: ${need[*]}"
if ! have_cmd apt-get; then
  echo "error: apt-get not found; install these packages by hand: ${need[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
