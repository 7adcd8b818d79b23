"""Builds the zonepath Python package with CMake (no network needed):

    python3 -m pip install --no-build-isolation ./bindings

The native module is the CMake target _zonepath of the repository (bindings/CMakeLists.txt);
this script configures the repository in the build_temp directory, builds that one target and
copies the module into the wheel. Environment: CMAKE_BUILD_PARALLEL_LEVEL (default 2),
ZONEPATH_CMAKE_ARGS (extra -D options, space-separated), ZONEPATH_BUILD_DIR (reuse an
already configured build tree with ZONEPATH_PYTHON=ON instead of configuring a new one).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(zonepath\s+VERSION\s+([0-9.]+)", text).group(1)


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        reuse = os.environ.get("ZONEPATH_BUILD_DIR")
        build_dir = Path(reuse).resolve() if reuse else Path(self.build_temp).resolve() / "cmake"
        if not reuse:
            self.configure(build_dir)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", str(build_dir), "--target", "_zonepath", "-j", jobs])
        built = sorted((build_dir / "bindings" / "python" / "zonepath").glob("_zonepath*.so"))
        if not built:
            raise RuntimeError(f"CMake did not produce _zonepath in {build_dir}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)

    def configure(self, build_dir):
        configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
                     "-DZONEPATH_PYTHON=ON", "-DZONEPATH_TESTS=OFF", f"-DPython3_EXECUTABLE={sys.executable}"]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        configure += shlex.split(os.environ.get("ZONEPATH_CMAKE_ARGS", ""))
        subprocess.check_call(configure)


setup(version=project_version(), ext_modules=[CMakeExtension("zonepath._zonepath")],
      cmdclass={"build_ext": CMakeBuild})
