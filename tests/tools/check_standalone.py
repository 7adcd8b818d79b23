#!/usr/bin/env python3
"""Every file includes what it uses: compiles each translation unit, and each header on its own,
with -fsyntax-only and the flags CMake gives its target (a header that a source file includes
first is checked by that file), outside the precompiled headers and unity
batches of the normal build (which hide a missing include). Reads compile_commands.json of a build
tree configured with the `standalone` preset (ZONEPATH_PCH=OFF, ZONEPATH_UNITY=OFF); nothing is
built there.

    check_standalone.py BUILD_DIR [--threads N] [--only GLOB ...] [--public-headers]

--public-headers checks only the installed headers (<module>/include/zonepath/...), each by
itself, whether or not a source file includes it first: what a program using the package
compiles.

Exit 1 when any file does not compile alone; each failure is printed with the compiler's first
error lines."""
import argparse
import concurrent.futures
import fnmatch
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

MODULES = ("core", "models", "interchange", "scenarios", "render", "serve", "tools", "bindings", "tests", "benchmarks")
HEADER_SUFFIXES = (".hpp", ".h")


def syntax_command(entry):
    """The entry's compile command with its output dropped and -fsyntax-only added."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a in ("-c", entry["file"]) or a.startswith(("-MD", "-MF", "-MT", "-MQ")):
            continue
        out.append(a)
    return out + ["-fsyntax-only"]


def module_of(path, root):
    try:
        return Path(path).resolve().relative_to(root).parts[0]
    except ValueError:
        return None


def first_include(source, root):
    """The header a source file includes before anything else (its own header, by the project's
    convention), resolved to a path; None when another directive comes first."""
    for line in source.read_text(errors="replace").splitlines():
        s = line.strip()
        if not s.startswith("#"):
            continue
        if not s.startswith("#include"):
            return None
        name = s[len("#include"):].strip()
        if not (name.startswith('"') and name.endswith('"')):
            return None
        name = name[1:-1]
        local = source.parent / name
        if local.is_file():
            return local.resolve()
        parts = Path(name).parts
        if len(parts) >= 2 and parts[0] == "zonepath":
            public = root / parts[1] / "include" / name
            if public.is_file():
                return public.resolve()
        return None
    return None


def public_header_jobs(build_dir, root):
    """One job per installed header, with the flags of a source file of its module."""
    entries = json.loads((build_dir / "compile_commands.json").read_text())
    flags_by_module = {}
    for e in entries:
        f = Path(e["directory"], e["file"]).resolve()
        if f.is_relative_to(root) and (module := module_of(f, root)) in MODULES:
            flags_by_module.setdefault(module, (syntax_command(e), e["directory"]))
    jobs = []
    for module in MODULES:
        if module not in flags_by_module:
            continue
        cmd, directory = flags_by_module[module]
        for h in sorted((root / module / "include").rglob("*.hpp")):
            jobs.append((h.relative_to(root).as_posix(), cmd + ["-x", "c++", "-"], directory, f'#include "{h}"\n'))
    return jobs


def jobs_for(build_dir, root):
    entries = json.loads((build_dir / "compile_commands.json").read_text())
    jobs, flags_by_module, flags_by_dir, seen, covered = [], {}, {}, set(), set()
    for e in entries:
        f = Path(e["directory"], e["file"]).resolve()
        if f in seen or not f.is_relative_to(root) or "build" in f.relative_to(root).parts[:1]:
            continue
        seen.add(f)
        # A header that a source file includes first is compiled alone with that file already
        # (nothing precedes it), so it needs no job of its own.
        if (header := first_include(f, root)) is not None:
            covered.add(header)
        cmd = syntax_command(e)
        jobs.append((f.relative_to(root).as_posix(), cmd + [str(f)], e["directory"], None))
        # A header is checked with the flags of a source file of its own module (include paths
        # and definitions of that target); the module's library target comes first in the file.
        flags_by_module.setdefault(module_of(f, root), (cmd, e["directory"]))
        flags_by_dir.setdefault(f.parent, (cmd, e["directory"]))
    for module in MODULES:
        if module not in flags_by_module:
            continue
        for h in sorted((root / module).rglob("*")):
            if h.suffix in HEADER_SUFFIXES and h.is_file() and "fuzz" not in h.parts and h.resolve() not in covered:
                # Test helpers need their own test program's include paths (gtest, render...).
                cmd, directory = flags_by_dir.get(h.parent, flags_by_module[module])
                stub = f'#include "{h}"\n'
                jobs.append((h.relative_to(root).as_posix(), cmd + ["-x", "c++", "-"], directory, stub))
    return jobs


def run(job):
    name, cmd, directory, stdin = job
    proc = subprocess.run(cmd, cwd=directory, input=stdin, capture_output=True, text=True)
    return name, proc.returncode, proc.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build_dir", type=Path)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--only", nargs="+", metavar="GLOB",
                        help="check only the files whose path from the source root matches (while iterating)")
    parser.add_argument("--public-headers", action="store_true",
                        help="check only the installed headers, each by itself")
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[2]
    build_dir = args.build_dir.resolve()
    jobs = public_header_jobs(build_dir, root) if args.public_headers else jobs_for(build_dir, root)
    if args.only:
        jobs = [j for j in jobs if any(fnmatch.fnmatch(j[0], g) for g in args.only)]
    start = time.monotonic()
    failed = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.threads) as pool:
        for name, code, err in pool.map(run, jobs):
            if code != 0:
                failed.append(name)
                print(f"FAIL {name}\n" + "\n".join(err.splitlines()[:12]), flush=True)
    elapsed = time.monotonic() - start
    print(f"{len(jobs)} files compiled alone in {elapsed:.0f} s")
    print(f"standalone: {len(jobs) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
