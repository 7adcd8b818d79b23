"""The module's output does not depend on the process locale: after locale.setlocale picks a
comma-decimal locale (de_DE, "0,5"), the report files and diagrams still equal the CLI's bytes.
printf's "%g" and strtod follow LC_NUMERIC, which a Python program may set at any time."""
import locale
import os

import pytest

import zonepath
from conftest import EXAMPLES, cli

COMMA_LOCALE = "de_DE.UTF-8"
SITE_PATH = EXAMPLES / "water-treatment.json"


@pytest.fixture
def comma_locale():
    previous = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, COMMA_LOCALE)
    except locale.Error:
        if os.environ.get("CI"):
            pytest.fail(f"locale {COMMA_LOCALE} missing: install-deps.sh generates it")
        pytest.skip(f"locale {COMMA_LOCALE} is not installed (install-deps.sh generates it)")
    try:
        assert locale.localeconv()["decimal_point"] == ","
        yield
    finally:
        locale.setlocale(locale.LC_ALL, previous)


def files_of(directory):
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def test_report_files_under_a_comma_locale_equal_cli(comma_locale, tmp_path):
    cli("analyze", SITE_PATH, "--samples", 200, "--seed", 3, "-k", 2, "--out", tmp_path / "cli")
    report = zonepath.load(SITE_PATH).analyze(samples=200, seed=3, paths=2)
    report.write(tmp_path / "py")
    expected = files_of(tmp_path / "cli")
    written = files_of(tmp_path / "py")
    assert sorted(written) == sorted(expected)
    for name, data in expected.items():
        assert written[name] == data, name


def test_diagram_under_a_comma_locale_equals_cli(comma_locale, tmp_path):
    out = tmp_path / "cli.dot"
    cli("render", SITE_PATH, "--threat", "ta-apt", "--paths", 2, "--samples", 200, "-o", out)
    site = zonepath.load(SITE_PATH)
    assert zonepath.render(site, "ta-apt", 2, format="dot", samples=200).encode("utf-8") == out.read_bytes()
