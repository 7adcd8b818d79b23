"""The CLI's allocator: --version names it, and outputs do not depend on its page size."""
import os
import re
from pathlib import Path

from conftest import EXAMPLES, run

VERSION = re.compile(r"^zonepath \S+ \(allocator: (mimalloc \d+\.\d+\.\d+, (transparent huge pages|4 KiB pages)"
                     r"|tbbmalloc|system)\)$")


def thp_mode():
    try:
        text = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text()
    except OSError:
        return ""
    found = re.search(r"\[(\w+)\]", text)
    return found.group(1) if found else ""


def test_version_names_the_allocator_and_its_pages():
    code, out, _ = run("--version", check=0)
    line = out.strip()
    assert VERSION.match(line), line
    if "mimalloc" in line:
        # Huge pages exactly where the kernel gives them on request or always.
        assert ("transparent huge pages" in line) == (thp_mode() in ("always", "madvise")), (line, thp_mode())
        env = dict(os.environ, MIMALLOC_LARGE_OS_PAGES="0")
        _, off, _ = run("--version", check=0, env=env)
        if thp_mode() != "always":
            assert off.strip().endswith("4 KiB pages)"), off


def test_reports_are_the_same_bytes_with_and_without_huge_pages(tmp_path):
    site = EXAMPLES / "water-treatment.json"
    args = ("analyze", site, "--samples", 300, "--json", "--no-progress")
    _, with_huge, _ = run(*args, check=0)
    env = dict(os.environ, MIMALLOC_LARGE_OS_PAGES="0")
    _, without, _ = run(*args, check=0, env=env)
    assert with_huge == without
    assert '"samples": 300' in with_huge
