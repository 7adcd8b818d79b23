"""Shared fixtures of the CLI end-to-end tests: the built binary and the repository paths."""
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("ZONEPATH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE_DIR / "scenarios" / "examples"


def zonepath_bin():
    path = os.environ.get("ZONEPATH_BIN")
    if not path:
        pytest.skip("ZONEPATH_BIN is not set (run through ctest)")
    return path


def run(*args, check=None, env=None):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    proc = subprocess.run([zonepath_bin(), *map(str, args)], capture_output=True, text=True, timeout=600, env=env)
    if check is not None:
        assert proc.returncode == check, f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    return proc.returncode, proc.stdout, proc.stderr


def run_json(*args):
    code, out, err = run(*args, "--json", check=0)
    return json.loads(out)


def write_graph(path, nodes, edges):
    """Writes a zonepath/graph/v1 document to `path` and returns the path."""
    path.write_text(json.dumps({"schema": "zonepath/graph/v1", "nodes": nodes, "edges": edges}))
    return path


def example_sites():
    return sorted(p for p in EXAMPLES.glob("*.json"))
