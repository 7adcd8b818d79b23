"""Starts `zonepath serve` on a free port for the tests and stops it afterwards."""
import contextlib
import json
import subprocess
import urllib.error
import urllib.request

from conftest import zonepath_bin


@contextlib.contextmanager
def served(site, *extra):
    """Yields {"url", "port", "token", ...} from --json's first line; stops the server (SIGTERM)."""
    proc = subprocess.Popen([zonepath_bin(), "serve", str(site), "--port", "0", "--json", *map(str, extra)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line, f"serve printed nothing; stderr: {proc.stderr.read()}"
        info = json.loads(line)
        info["proc"] = proc
        info["base"] = f"http://127.0.0.1:{info['port']}"
        yield info
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def request(info, path, body=None, token="default", headers=None, method=None):
    """(status, headers, body bytes) of one request; token None sends none."""
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(info["base"] + path, data=data, method=method or ("POST" if data is not None else "GET"))
    if token == "default":
        token = info["token"]
    if token is not None:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=120) as res:
            return res.status, dict(res.headers), res.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def api(info, path, body=None):
    status, _, data = request(info, path, body)
    assert status == 200, (status, data[:2000])
    return json.loads(data)
