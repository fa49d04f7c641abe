#!/bin/sh
# The system packages the tests need, installed with apt-get when missing:
# - Chromium, which renders the HTML report in its browser tests (tests/test_report_browser.py);
# - fontconfig and the fonts the random-deck generators measure text with (fixtures/gen/
#   random_decks.py: Liberation Sans and Serif, DejaVu Sans; tests/test_random_pairs.py makes decks),
#   DejaVu also being the report's font in Chromium.
# Uses sudo when not run as root. Nothing else the tests need comes from outside pip.
set -eu
missing=""
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  missing="$missing chromium"
fi
if ! command -v fc-match >/dev/null 2>&1; then
  missing="$missing fontconfig"
fi
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  missing="$missing fonts-dejavu-core"
fi
if [ ! -e /usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf ]; then
  missing="$missing fonts-liberation2"
fi
if [ -z "$missing" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "system-deps: installing$missing" >&2
$SUDO apt-get update -qq
# shellcheck disable=SC2086  # the package names are meant to split
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
