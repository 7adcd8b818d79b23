"""Shared helpers of the Python binding tests: repository paths and the CLI, whose --json
output the bindings must reproduce exactly. Run by ctest with PYTHONPATH pointing at the
built package and ZONEPATH_BIN at the CLI."""
import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("ZONEPATH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE_DIR / "scenarios" / "examples"
GRAPH_EXAMPLE = SOURCE_DIR / "tests" / "data" / "reach" / "design_example.json"


def example_sites():
    return sorted(EXAMPLES.glob("*.json"))


def cli(*args, check=0):
    """Runs the CLI; returns (exit code, stdout, stderr)."""
    binary = os.environ.get("ZONEPATH_BIN")
    if not binary:
        pytest.skip("ZONEPATH_BIN is not set (run through ctest)")
    proc = subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=600)
    if check is not None:
        assert proc.returncode == check, f"exit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr}"
    return proc.returncode, proc.stdout, proc.stderr


def cli_json(*args):
    return json.loads(cli(*args, "--json")[1])


def cli_error(*args):
    """The message the CLI prints for a zonepath::Error (exit 1)."""
    code, out, err = cli(*args, check=1)
    prefix = "zonepath: error: "
    assert err.startswith(prefix), err
    return err[len(prefix):].rstrip("\n")
