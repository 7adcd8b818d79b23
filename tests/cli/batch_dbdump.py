"""Helpers of the batch tests: a results database's content without the columns that record
time, thread or rank (those legitimately differ between runs)."""
import sqlite3

QUERIES = [
    "SELECT job_id, input_hash, site_file, site_sha256, site_id, scenario_file, scenario_id, threat, samples, seed, "
    "status, error_kind, error FROM jobs ORDER BY job_id",
    "SELECT * FROM zones ORDER BY job_id, zone",
    "SELECT * FROM zone_gaps ORDER BY job_id, zone, fr",
    "SELECT * FROM targets ORDER BY job_id, target",
    "SELECT * FROM paths ORDER BY job_id, target, rank",
]


def db_content(path):
    con = sqlite3.connect(str(path))
    try:
        return [con.execute(q).fetchall() for q in QUERIES]
    finally:
        con.close()


def scalar(path, sql):
    con = sqlite3.connect(str(path))
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()
