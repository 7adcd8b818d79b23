#!/usr/bin/env python3
"""Includes between modules run one way: core <- models <- interchange <- scenarios <- render <-
serve <- tools, bindings. A file of a module may include the public headers (zonepath/<module>/...) of its
own module and of the modules before it, never of one after it; a quoted include may not climb
out of its module ("../"). Tests and benchmarks may include anything.

    check_includes.py [ROOT]     check the tree at ROOT (default: this repository); exit 1 on a
                                 violation, listing each as file:line
    check_includes.py --self-test  plant back-running includes in a scratch tree and check that
                                 every one is reported (so the check itself cannot rot)
"""
import re
import sys
import tempfile
from pathlib import Path

ORDER = ["core", "models", "interchange", "scenarios", "render", "serve", "tools", "bindings"]
# tools and bindings are both leaves: neither includes the other.
RANK = {"core": 0, "models": 1, "interchange": 2, "scenarios": 3, "render": 4, "serve": 5, "tools": 6, "bindings": 6}
SOURCE_SUFFIXES = {".cpp", ".hpp", ".h", ".cc", ".hh", ".ipp"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def violations(root: Path):
    out = []
    for module in ORDER:
        base = root / module
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                target = m.group(2)
                where = f"{path.relative_to(root)}:{number}"
                parts = target.split("/")
                if parts[0] == "zonepath" and len(parts) > 2 and parts[1] in RANK:
                    used = parts[1]
                    if used != module and RANK[used] >= RANK[module]:
                        out.append(f"{where}: {module} includes {target} ({used} comes after {module})")
                elif m.group(1) == '"' and ".." in parts:
                    resolved = (path.parent / target).resolve()
                    if not resolved.is_relative_to(base.resolve()):
                        out.append(f"{where}: {module} includes {target}, outside the module")
    return out


def self_test():
    planted = {
        "core/src/a.cpp": '#include "zonepath/models/site.hpp"\n',
        "models/include/zonepath/models/b.hpp": "#include <zonepath/interchange/yaml_document.hpp>\n",
        "interchange/src/c.cpp": '#include "zonepath/scenarios/plan.hpp"\n',
        "scenarios/src/d.cpp": '#  include "zonepath/render/diagram.hpp"\n',
        "render/src/e.cpp": '#include "zonepath/tools/x.hpp"\n',
        "render/src/h.cpp": '#include "zonepath/serve/server.hpp"\n',
        "serve/src/i.cpp": '#include "zonepath/tools/x.hpp"\n',
        "tools/f.cpp": '#include "../bindings/src/common.hpp"\n',
        "bindings/src/g.cpp": '#include "zonepath/tools/x.hpp"\n',
    }
    allowed = {
        "render/src/ok.cpp": '#include "zonepath/scenarios/plan.hpp"\n#include "text_util.hpp"\n',
        "serve/src/ok.cpp": '#include "zonepath/render/diagram.hpp"\n#include "zonepath/scenarios/plan.hpp"\n',
        "tools/ok.cpp": '#include "zonepath/render/diagram.hpp"\n#include "zonepath/core/error.hpp"\n',
        "models/src/sub/ok.cpp": '#include "../internal.hpp"\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in {**planted, **allowed}.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        found = violations(root)
    reported = {v.split(":", 1)[0] for v in found}
    missed = sorted(set(planted) - reported)
    wrong = sorted(reported - set(planted))
    if missed or wrong:
        print("self-test failed: missed", missed, "wrongly reported", wrong)
        return 1
    print(f"self-test: all {len(planted)} planted back-includes reported, {len(allowed)} allowed files clean")
    return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2]
    found = violations(root)
    for v in found:
        print(v)
    if found:
        print(f"{len(found)} include(s) run against the module order {' <- '.join(ORDER[:7])}, bindings")
        return 1
    print(f"includes run one way: {' <- '.join(ORDER[:7])}, bindings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
