#!/usr/bin/env bash
# Installs Times New Roman (Microsoft core fonts, Debian/Ubuntu package ttf-mscorefonts-installer) so that
# the official PDFs use the typeface Nghị định 30/2020/NĐ-CP names (Phụ lục I, Phần I, mục I khoản 4).
#
# The fonts are not free software: the package downloads them from Microsoft's original distribution and
# asks you to accept Microsoft's End User License Agreement. Running this script accepts that licence on
# the build machine's behalf (debconf msttcorefonts/accepted-mscorefonts-eula). The project never ships
# the font files; without them the build uses Liberation Serif (same metrics, so the same page breaks).
#
# The publish workflow runs this script when the repository variable INSTALL_MS_FONTS is "true".
set -euo pipefail

if fc-match -f '%{family}\n' 'Times New Roman:style=Bold Italic' 2>/dev/null | grep -qx 'Times New Roman'; then
  echo "Times New Roman is already installed: $(fc-match -f '%{file}' 'Times New Roman')"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; install Times New Roman by hand (fontconfig must list it: fc-list | grep 'Times New Roman')" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
echo "ttf-mscorefonts-installer msttcorefonts/accepted-mscorefonts-eula select true" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends ttf-mscorefonts-installer fontconfig
$SUDO fc-cache -f >/dev/null
found=$(fc-match -f '%{family}' 'Times New Roman:style=Regular')
if [ "${found%%,*}" != "Times New Roman" ]; then
  echo "error: ttf-mscorefonts-installer did not install Times New Roman (fontconfig gives “${found}”)" >&2
  exit 1
fi
echo "Times New Roman installed: $(fc-match -f '%{file}' 'Times New Roman')"
