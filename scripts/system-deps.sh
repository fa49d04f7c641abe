#!/bin/sh
# The system packages the tests need, installed with apt-get when missing: Chromium, which renders
# the HTML report in its browser tests (tests/test_report_browser.py), and a font for its text.
# Uses sudo when not run as root. Nothing else the tests need comes from outside pip.
set -eu
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
