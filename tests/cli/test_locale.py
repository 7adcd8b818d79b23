"""The CLI's output does not depend on the locale: under a comma-decimal LC_ALL (de_DE, where
printf's "%g" writes "0,5" and strtod stops at a '.') every document has the bytes of the C
locale run. Covers JSON, YAML in and out, GraphML, DOT and the report files."""
import locale
import os
import subprocess

import pytest

from conftest import EXAMPLES, SOURCE_DIR, zonepath_bin

COMMA_LOCALE = "de_DE.UTF-8"
SITE = EXAMPLES / "water-treatment.json"
IMPORT = SOURCE_DIR / "tests" / "data" / "import"


@pytest.fixture(scope="module", autouse=True)
def comma_locale_installed():
    previous = locale.setlocale(locale.LC_ALL)
    try:
        locale.setlocale(locale.LC_ALL, COMMA_LOCALE)
    except locale.Error:
        if os.environ.get("CI"):
            pytest.fail(f"locale {COMMA_LOCALE} missing: install-deps.sh generates it")
        pytest.skip(f"locale {COMMA_LOCALE} is not installed (install-deps.sh generates it)")
    finally:
        locale.setlocale(locale.LC_ALL, previous)


def run_in(lc_all, out_dir, *args):
    """Runs the CLI with LC_ALL=lc_all; returns stdout and every file it wrote into out_dir."""
    out_dir.mkdir()
    env = dict(os.environ, LC_ALL=lc_all, LANG=lc_all)
    proc = subprocess.run([zonepath_bin(), *[str(a).replace("{out}", str(out_dir)) for a in args]],
                          capture_output=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode()
    files = {p.relative_to(out_dir).as_posix(): p.read_bytes() for p in sorted(out_dir.rglob("*")) if p.is_file()}
    return proc.stdout, files


COMMANDS = {
    "analyze": ["analyze", SITE, "--samples", 200, "--json", "--out", "{out}/report"],
    "import-yaml": ["import", IMPORT / "inventory-messy.csv", IMPORT / "rules-ent-dmz.csv",
                    IMPORT / "iptables-ops-fw.txt", "--into", IMPORT / "plant-base.json", "--zone-map",
                    IMPORT / "zone-map.csv", "-o", "{out}/site.yaml", "--json"],
    "export-graphml": ["export", SITE, "--graph", "attack", "--threat", "ta-apt", "-o", "{out}/attack.graphml"],
    "render-dot": ["render", SITE, "--threat", "ta-apt", "--samples", 200, "-o", "{out}/site.dot", "--json"],
    "simulate": ["simulate", SITE, "--threat", "ta-apt", "--samples", 300, "--horizon-days", 30.5, "--json"],
    "plan": ["plan", SITE, "--threat", "ta-hacktivist", "--samples", 200, "--budget", 60.5, "--json"],
}


@pytest.mark.parametrize("name", COMMANDS)
def test_comma_locale_gives_the_bytes_of_the_c_locale(name, tmp_path):
    c_out, c_files = run_in("C", tmp_path / "c", *COMMANDS[name])
    de_out, de_files = run_in(COMMA_LOCALE, tmp_path / "de", *COMMANDS[name])
    assert de_out.replace(str(tmp_path / "de").encode(), b"") == c_out.replace(str(tmp_path / "c").encode(), b"")
    assert sorted(de_files) == sorted(c_files)
    for f, data in c_files.items():
        assert de_files[f] == data, f


def test_yaml_site_reads_alike_in_both_locales(tmp_path):
    # JSON is YAML 1.2: every number of the example goes through the YAML scalar resolution.
    doc = tmp_path / "site.yaml"
    doc.write_text(SITE.read_text())
    c_out, _ = run_in("C", tmp_path / "c", "analyze", doc, "--samples", 200, "--json")
    de_out, _ = run_in(COMMA_LOCALE, tmp_path / "de", "analyze", doc, "--samples", 200, "--json")
    assert de_out == c_out
    assert b'"reach_probability"' in c_out
