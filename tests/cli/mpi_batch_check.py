"""MPI batch (registered only when ZONEPATH_MPI=ON): `mpirun -np 2` writes the same database
content as a single-process run."""
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch_dbdump import db_content, scalar  # noqa: E402
from conftest import run, zonepath_bin  # noqa: E402


def test_two_ranks_write_the_same_database(tmp_path):
    sites = tmp_path / "sites"
    sites.mkdir()
    for s in (1, 2, 3, 4):
        run("generate", "--assets", 100, "--seed", s, "-o", sites / f"site{s}.json", check=0)
    single = tmp_path / "single.sqlite"
    run("batch", sites, "--db", single, "--threads", 1, "--samples", 200, check=0)
    mpi = tmp_path / "mpi.sqlite"
    mpirun = os.environ.get("MPIEXEC", "mpirun")
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    proc = subprocess.run([mpirun, "-np", "2", "--oversubscribe", zonepath_bin(), "batch", str(sites), "--db", str(mpi),
                           "--threads", "1", "--samples", "200"], capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 rank(s)" in proc.stdout
    assert db_content(single) == db_content(mpi)
    # Both ranks did work (dynamic hand-out: rank 1 asks as soon as it starts).
    assert scalar(mpi, "SELECT count(DISTINCT rank) FROM jobs") == 2
