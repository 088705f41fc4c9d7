#!/usr/bin/env bash
# Installs what is missing, and only that: Debian packages, the .venv, the package.
# Safe to run again; a second run on a ready machine takes a second or two.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng   # OCR engine and models
  libtesseract-dev libleptonica-dev pkg-config g++     # to build tesserocr against that engine
  poppler-utils qpdf ghostscript                       # PDF rasterising, checks, test fixtures
  fonts-dejavu-core fonts-liberation fonts-freefont-ttf  # fonts for the sample generator
  xvfb xauth xdotool xclip x11-utils zenity scrot openbox  # GUI automation and its tests
  chromium                                             # the review station's browser tests (Playwright)
  redis-server                                         # the broker of executor: celery, and its tests
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
done
python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv python3-pip)

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi

# Reinstall only when the dependency list changed since the last install.
stamp=.venv/.semantha-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing semantha and its dependencies into .venv"
  # tesserocr from source: its wheels bring a second, different libtesseract; built here
  # it uses Debian's, the same engine and language data as the tesseract command.
  .venv/bin/python -m pip install -q --no-binary tesserocr -e '.[dev,tools]'
  touch "$stamp"
fi
