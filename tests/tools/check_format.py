#!/usr/bin/env python3
"""The C++ sources follow the repository's .clang-format: runs `clang-format --dry-run -Werror`
over every .cpp/.hpp/.h file of the modules, tests and benchmarks (about 2 s for the tree).

    check_format.py [ROOT]       check the tree at ROOT (default: this repository); exit 1 listing
                                 each file clang-format would change (fix: clang-format -i FILE)
    check_format.py --self-test  a well-formatted and a badly formatted file in a scratch tree:
                                 only the second may be reported (so the check itself cannot rot)

Exit 77 (a skip for ctest) when no clang-format is installed; install-deps.sh installs it.
Tables laid out by hand sit between `// clang-format off` and `// clang-format on`."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DIRECTORIES = ["core", "models", "interchange", "scenarios", "render", "serve", "tools", "bindings", "tests", "benchmarks"]
SUFFIXES = {".cpp", ".hpp", ".h"}
# Files reformatted later, one by one (clang-format -i, then drop the line): a listed file that
# is already clean fails the check too, so this list only shrinks.
NOT_YET_FORMATTED: set[str] = set()


def clang_format():
    for name in ("clang-format", "clang-format-14", "clang-format-15", "clang-format-16"):
        if path := shutil.which(name):
            return path
    return None


def sources(root: Path):
    out = []
    for d in DIRECTORIES:
        for p in sorted((root / d).rglob("*")):
            rel = p.relative_to(root)
            if p.suffix in SUFFIXES and p.is_file() and not any(part.startswith((".", "build")) for part in rel.parts):
                out.append(rel.as_posix())
    return out


def unformatted(tool, root: Path, files):
    """The files clang-format --dry-run -Werror reports, in batches (one process per 100 files)."""
    bad = set()
    for i in range(0, len(files), 100):
        batch = files[i : i + 100]
        proc = subprocess.run([tool, "--dry-run", "-Werror", *batch], cwd=root, capture_output=True, text=True)
        for line in proc.stderr.splitlines():
            # "<file>:<line>:<col>: error: code should be clang-formatted [-Wclang-format-violations]"
            if "clang-format-violations" in line:
                bad.add(line.split(":", 1)[0])
        if proc.returncode != 0 and not any(f in bad for f in batch):
            sys.exit(f"clang-format failed:\n{proc.stderr}")
    return bad


def check(tool, root: Path, pending):
    files = sources(root)
    bad = unformatted(tool, root, files)
    problems = [f"{f}: not formatted (clang-format -i {f})" for f in sorted(bad - pending)]
    problems += [f"{f}: formatted now; drop it from NOT_YET_FORMATTED in {Path(__file__).name}"
                 for f in sorted(pending & set(files) - bad)]
    return len(files), problems


def self_test(tool):
    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        shutil.copy(root / ".clang-format", tmp / ".clang-format")
        (tmp / "core").mkdir()
        (tmp / "core" / "good.cpp").write_text("int add(int a, int b) {\n  return a + b;\n}\n")
        (tmp / "core" / "bad.cpp").write_text("int add(int a,int b){return a+b;}\n")
        (tmp / "core" / "listed_clean.cpp").write_text("int one() {\n  return 1;\n}\n")
        _, problems = check(tool, tmp, {"core/listed_clean.cpp"})
        expected = ["core/bad.cpp: not formatted (clang-format -i core/bad.cpp)",
                    f"core/listed_clean.cpp: formatted now; drop it from NOT_YET_FORMATTED in {Path(__file__).name}"]
        if problems != expected:
            print("self-test: expected", expected, "got", problems)
            return 1
    print("self-test: ok")
    return 0


def main():
    tool = clang_format()
    if not tool:
        print("clang-format not found (install-deps.sh installs it)")
        return 77
    if sys.argv[1:] == ["--self-test"]:
        return self_test(tool)
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
    count, problems = check(tool, root, NOT_YET_FORMATTED)
    for p in problems:
        print(p)
    print(f"{count} files checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
