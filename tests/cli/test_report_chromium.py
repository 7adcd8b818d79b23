"""report.html in a real browser: headless Chromium loads the report from disk and dumps the DOM
after the page's script ran. Checks that the script ran without errors or console messages
under the report's Content-Security-Policy, that the heat map and the risk register list the
plant's zones, that sorting by location hash works, and that hostile model strings stay text.
Skipped when Chromium is not installed."""
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import EXAMPLES, SOURCE_DIR, example_sites, run

SMALL = SOURCE_DIR / "tests" / "data" / "render" / "small-plant.json"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Chromium logs every console message (errors, CSP violations, uncaught exceptions) as
# `INFO:CONSOLE:12] "text", source: ...` (older builds: `INFO:CONSOLE(12)]`).
CONSOLE = re.compile(r':CONSOLE[:(]\d*\)?\]\s*(.*)')


def browser():
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("Chromium is not installed (apt-get install chromium): report.html not checked in a browser")


@pytest.fixture(autouse=True)
def chromium_installed():
    browser()


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()


class Dom(HTMLParser):
    """The element tree of Chromium's serialized DOM (well-formed: every element is closed)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.top = Node("#document", [], None)
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.top)
        self.top.children.append(node)
        if tag not in VOID:
            self.top = node

    def handle_startendtag(self, tag, attrs):
        self.top.children.append(Node(tag, attrs, self.top))

    def handle_endtag(self, tag):
        node = self.top
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.top = node.parent

    def handle_data(self, data):
        self.top.children.append(data)

    def all(self, tag=None):
        return [n for n in self.root.walk() if tag is None or n.tag == tag]

    def by_id(self, ident):
        found = [n for n in self.root.walk() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"{len(found)} elements with id {ident}"
        return found[0]


def load(html_path, tmp_path, fragment=""):
    """The DOM after load and the browser's console messages."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(profile), XDG_CACHE_HOME=str(profile))
    # --no-sandbox: ctest runs as root in CI, where Chromium refuses to start sandboxed.
    cmd = [browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--disable-extensions", "--disable-background-networking",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           "--dump-dom", html_path.resolve().as_uri() + fragment]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90, env=env)
    assert proc.returncode == 0, f"chromium exit {proc.returncode}\n{proc.stderr[-3000:]}"
    assert "<html" in proc.stdout, proc.stderr[-3000:]
    console = [m.group(1) for m in map(CONSOLE.search, proc.stderr.splitlines()) if m]
    console += [line for line in proc.stderr.splitlines() if "Uncaught" in line and not CONSOLE.search(line)]
    return Dom(proc.stdout), console


def assert_script_ran_cleanly(dom, console):
    assert console == [], "console messages:\n" + "\n".join(console)
    errors = dom.by_id("js-errors")
    assert errors.text() == "" and "hidden" in errors.attrs, errors.text()
    assert dom.by_id("js-status").text() == "ready"


def table_rows(dom, table_id):
    bodies = [n for n in dom.by_id(table_id).children if isinstance(n, Node) and n.tag == "tbody"]
    assert len(bodies) == 1
    return [r for r in bodies[0].children if isinstance(r, Node) and r.tag == "tr"]


def cells(row):
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def analyze(site, out, *extra):
    run("analyze", site, "--samples", "200", "--out", out, "--format", "json,html", *extra, check=0)
    return json.loads((out / "report.json").read_text())


@pytest.mark.parametrize("site", example_sites(), ids=lambda p: p.stem)
def test_example_report_renders_in_chromium(tmp_path, site):
    model = json.loads(site.read_text())
    report = analyze(site, tmp_path / "out")
    dom, console = load(tmp_path / "out" / "report.html", tmp_path)
    assert_script_ran_cleanly(dom, console)

    zone_ids = [z["id"] for z in model["zones"]]
    heat = [row.attrs.get("data-zone") for row in table_rows(dom, "heatmap")]
    assert sorted(heat) == sorted(zone_ids)
    for row in table_rows(dom, "heatmap"):
        assert len([c for c in cells(row) if "cell" in c.attrs.get("class", "")]) == 7  # one per FR

    register = [(cells(r)[0].text(), cells(r)[1].text()) for r in table_rows(dom, "register")]
    assert register, "empty risk register"
    assert {z for z, _ in register} <= set(zone_ids)
    assert {t for _, t in register} <= {t["id"] for t in model["threat_actors"]}
    assert register == [(r["zone"], r["threat"]) for r in report["risk_register"]]

    assert len(dom.all("svg")) == 1 + len(report["threats"]), "zone diagram and one path diagram per threat"


def test_location_hash_sorts_the_register(tmp_path):
    site = example_sites()[0]
    analyze(site, tmp_path / "out")
    dom, console = load(tmp_path / "out" / "report.html", tmp_path, "#sort=register:2:desc")
    assert_script_ran_cleanly(dom, console)
    probabilities = [float(cells(r)[2].attrs["data-v"]) for r in table_rows(dom, "register")]
    assert len(probabilities) > 1
    assert probabilities == sorted(probabilities, reverse=True)
    header = [c for c in dom.by_id("register").walk() if c.tag == "th"]
    assert "desc" in header[2].attrs.get("class", "")


HOSTILE_ZONE = "<script>alert(1)</script>"
HOSTILE_ASSET = '"><img src=x onerror=alert(2)>'
# Would leave a trace in the DOM if it ran.
HOSTILE_SITE = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def test_hostile_names_stay_text_in_chromium(tmp_path):
    model = json.loads(SMALL.read_text())
    model["site"]["name"] = HOSTILE_SITE
    model["site"]["description"] = HOSTILE_ASSET + HOSTILE_ZONE
    cell = next(z for z in model["zones"] if z["id"] == "cell")
    cell["name"] = HOSTILE_ZONE
    next(a for a in model["assets"] if a["id"] == "plc-1")["name"] = HOSTILE_ASSET
    site = tmp_path / "hostile.json"
    site.write_text(json.dumps(model))
    analyze(site, tmp_path / "out")
    dom, console = load(tmp_path / "out" / "report.html", tmp_path)
    assert_script_ran_cleanly(dom, console)

    assert len(dom.all("script")) == 1, "only the report's own script"
    assert dom.all("img") == []
    handlers = [(n.tag, a) for n in dom.all() for a in n.attrs if a.startswith("on")]
    assert handlers == []
    body = dom.all("body")[0]
    assert "data-pwned" not in body.attrs

    # The strings are shown as they are, as text.
    assert dom.all("h1")[0].text() == HOSTILE_SITE
    assert dom.all("title")[0].text().startswith(HOSTILE_SITE)
    row = next(r for r in table_rows(dom, "heatmap") if r.attrs.get("data-zone") == "cell")
    assert HOSTILE_ZONE in cells(row)[0].text()
    assert any(p.text() == HOSTILE_ASSET + HOSTILE_ZONE for p in dom.by_id("summary").walk() if p.tag == "p")
    # The asset view diagram carries the asset's name in its tooltip, as an attribute value.
    tips = [v for n in dom.all() for k, v in n.attrs.items() if k in ("xlink:title", "title") and v]
    assert any(HOSTILE_ASSET in t for t in tips)


def test_compare_diagrams_fit_their_half_of_the_page(tmp_path):
    """compare.html in a 1280 px window (Selenium drives headless Chromium and measures the
    laid-out page): each design's diagram lies wholly inside its figure, nothing scrolls
    sideways, and the two figures sit side by side."""
    webdriver = pytest.importorskip("selenium.webdriver")
    driver_path = shutil.which("chromedriver")
    if not driver_path:
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    out = tmp_path / "cmp"
    run("compare", EXAMPLES / "water-treatment.json", EXAMPLES / "pharma-batch.json", "--samples", "50",
        "--out", out, check=0)
    options = Options()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000",
                f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get((out / "compare.html").resolve().as_uri())
        boxes = driver.execute_script("""return [...document.querySelectorAll('figure')].map(f => {
            const b = f.getBoundingClientRect(), s = f.querySelector('svg').getBoundingClientRect();
            return {fl: b.left, fr: b.right, ft: b.top, sl: s.left, sr: s.right, sw: s.width, sh: s.height,
                    scroll: f.scrollWidth, client: f.clientWidth};});""")
        page = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    finally:
        driver.quit()
    assert len(boxes) == 2
    for b in boxes:
        assert b["sw"] > 100 and b["sh"] > 50  # drawn, not collapsed
        assert b["fl"] - 1 <= b["sl"] and b["sr"] <= b["fr"] + 1, b  # the whole diagram inside its figure
        assert b["scroll"] <= b["client"] + 1, b  # no hidden part behind a scroll bar
    assert boxes[0]["fr"] <= boxes[1]["fl"] and abs(boxes[0]["ft"] - boxes[1]["ft"]) < 1  # side by side
    assert page[0] <= page[1]
