"""Both install routes give an importable package: `cmake --install --component python` into
a fresh prefix, and `pip install --no-build-isolation ./bindings` into a target directory
(offline, reusing the configured build tree through ZONEPATH_BUILD_DIR so nothing is compiled
twice)."""
import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SOURCE_DIR

SCRIPT = ("import zonepath, sys; g = zonepath.Graph.from_edges([('D','B',0.85),('D','C',0.7),('B','A',0.65),"
          "('C','A',1.0)], priors={'D': 0.7}); print(zonepath.__file__); "
          "print(round(g.reach('D','A')['targets'][0]['probability'], 6))")


def build_dir():
    d = os.environ.get("ZONEPATH_BUILD_DIR")
    if not d:
        pytest.skip("ZONEPATH_BUILD_DIR is not set (run through ctest)")
    return d


def run_clean(python, cwd, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(env_extra or {})
    return subprocess.run([python, "-c", SCRIPT], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_cmake_install(tmp_path):
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", build_dir(), "--component", "python", "--prefix", str(prefix)],
                   check=True, capture_output=True, timeout=120)
    (site,) = glob.glob(str(prefix / "lib" / "python3*" / "*-packages"))
    for f in ("__init__.py", "py.typed", "_zonepath.pyi"):
        assert (Path(site) / "zonepath" / f).exists(), f
    out = run_clean(sys.executable, tmp_path, {"PYTHONPATH": site})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(Path(site) / "zonepath" / "__init__.py"), "0.606025"]


def test_pip_install_no_build_isolation(tmp_path):
    # pip builds in place; keep its build/ and egg-info out of the source tree by copying it.
    src = tmp_path / "src"
    src.mkdir()
    shutil.copytree(SOURCE_DIR / "bindings", src / "bindings", ignore=shutil.ignore_patterns("build", "*.egg-info"))
    shutil.copy(SOURCE_DIR / "CMakeLists.txt", src / "CMakeLists.txt")  # setup.py reads the version there
    target = tmp_path / "target"
    env = dict(os.environ, ZONEPATH_BUILD_DIR=build_dir(), PIP_NO_INDEX="1")
    env.pop("PYTHONPATH", None)
    # --target installs into a directory: no venv needed, and Debian's externally-managed
    # system site stays untouched.
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "-q",
                           "--target", str(target), str(src / "bindings")],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for f in ("__init__.py", "py.typed", "_zonepath.pyi"):
        assert (target / "zonepath" / f).exists(), f
    out = run_clean(sys.executable, tmp_path, {"PYTHONPATH": str(target)})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [str(target / "zonepath" / "__init__.py"), "0.606025"]
