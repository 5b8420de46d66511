"""Render the HTML evidence report for one document and screenshot it with headless Chromium.

    python bench/screenshot_report.py samples/limited_cmbs_carveouts.pdf [-o report.png] [--keep-html]

Prints the path of the PNG (and of the HTML with --keep-html). Needs /usr/bin/chromium
(Debian: `apt-get install -y chromium`). Prints how long the analysis, the report and the
screenshot took.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("screenshot_report: chromium not found (apt-get install -y chromium)")


def render_html(source: Path, html_path: Path) -> tuple[float, float, str]:
    from analyzer.api import Analyzer
    from analyzer.render import writer

    t0 = time.perf_counter()
    result = Analyzer().analyze(source)
    t1 = time.perf_counter()
    with open(html_path, "w", encoding="utf-8") as out:
        w = writer("html", out)
        w.write(result)
        w.close()
    t2 = time.perf_counter()
    label = result.label.value if result.label else f"error: {result.error}"
    return t1 - t0, t2 - t1, label


def screenshot(html_path: Path, png: Path, width: int, height: int, timeout: float = 90.0) -> float:
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
               f"--window-size={width},{height}", html_path.resolve().as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "HOME": profile})
    if not png.exists():
        sys.exit(f"screenshot_report: chromium wrote no screenshot (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path, help="a PDF (or any document the analyzer reads)")
    ap.add_argument("-o", "--output", type=Path, help="PNG to write (default: a temp file)")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=2400)
    ap.add_argument("--keep-html", action="store_true", help="keep the HTML next to the PNG")
    args = ap.parse_args(argv)
    if not args.source.is_file():
        sys.exit(f"screenshot_report: {args.source}: no such file")
    tmp = Path(tempfile.mkdtemp(prefix="recourse-report-"))
    html_path = tmp / (args.source.stem + ".html")
    png = args.output or (tmp / (args.source.stem + ".png"))
    t_analyze, t_render, label = render_html(args.source, html_path)
    t_shot = screenshot(html_path, png, args.width, args.height)
    size = html_path.stat().st_size
    print(f"{args.source}: {label}; analyze {t_analyze:.2f} s, html {t_render:.2f} s ({size / 1024:.0f} KB), "
          f"screenshot {t_shot:.2f} s", file=sys.stderr)
    if args.keep_html:
        if args.output:
            kept = args.output.with_suffix(".html")
            shutil.copyfile(html_path, kept)
            html_path = kept
        print(html_path)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
