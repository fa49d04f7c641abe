"""Make the picture of the HTML report: the fixture years 2022–2024, parsed from their PDF
decks, rendered by headless Chromium.

    python scripts/report_screenshot.py   # writes docs/report-example.html and docs/report.png

Needs Chromium (Debian: `apt-get install chromium`). The example's source links are relative to
docs/, so they open the fixture decks from a checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DECKS = [ROOT / "fixtures" / f"kymenlaakso-{year}.pdf" for year in (2022, 2023, 2024)]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def main() -> int:
    import lnhs_parse

    browser = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                    if (found := shutil.which(name))), None)
    if browser is None:
        print("report_screenshot: no Chromium found (apt-get install chromium)", file=sys.stderr)
        return 1
    html = DOCS / "report-example.html"
    # paths as a user in the checkout would give them, so the example names no machine's folders
    decks = [deck.relative_to(ROOT) for deck in DECKS]
    import os

    os.chdir(ROOT)
    html.write_text(lnhs_parse.report(decks, link_base=DOCS), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}",
                        f"--screenshot={DOCS / 'report.png'}", "--window-size=1280,1500",
                        html.as_uri()], check=True, capture_output=True, timeout=180)
    print(f"wrote {html.relative_to(ROOT)} and docs/report.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
