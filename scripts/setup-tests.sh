#!/usr/bin/env bash
# Install what the tests need on a fresh Debian machine: Debian packages (chromium for the
# browser tests, LibreOffice, Noto CJK fonts, poppler, qpdf, tesseract chi_sim and ocrmypdf for
# the fixtures and OCR) and the package with its test extras in .venv-tests, a virtual environment
# of its own (the product's .venv, which may be serving the site, is never touched). The README's
# test command is `./scripts/setup-tests.sh && .venv-tests/bin/pytest`.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(chromium libreoffice-writer-nogui fonts-noto-cjk poppler-utils qpdf tesseract-ocr-chi-sim ocrmypdf)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv-tests
.venv-tests/bin/python -m pip install -q --upgrade pip
.venv-tests/bin/python -m pip install -q '.[test]'  # (not editable: pytest and the tests' processes import the package from the source tree)
