#!/usr/bin/env python3
"""Makes the example plants' pictures in docs/img: the zone view (`zonepath render`, ransomware
actor's three most likely paths) and the top of report.html in headless Chromium (1280 x 2000).

    docs/img/make-screenshots.py build/release/tools/zonepath

Needs python3-selenium, chromium and chromium-driver (Debian). About a minute per plant.
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PLANTS = ("water-treatment", "pharma-batch", "oil-gas-unit")
ROOT = Path(__file__).resolve().parents[2]
IMG = ROOT / "docs" / "img"


def browser(profile):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,2000", "--hide-scrollbars", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def main():
    zonepath = sys.argv[1] if len(sys.argv) > 1 else "zonepath"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        driver = browser(work / "profile")
        try:
            for plant in PLANTS:
                site = ROOT / "scenarios" / "examples" / f"{plant}.json"
                subprocess.run([zonepath, "render", site, "--threat", "ta-ransomware", "--paths", "3",
                                "-o", IMG / f"{plant}-zones.png"], check=True)
                out = work / plant
                subprocess.run([zonepath, "analyze", site, "--out", out, "--format", "html"], check=True)
                driver.get((out / "report.html").as_uri())
                driver.save_screenshot(str(IMG / f"{plant}-report.png"))
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
