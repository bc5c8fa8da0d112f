"""Shared fixtures. The spaCy pipeline is built once per test session (``get_nlp`` caches it).

``pg_url`` is a fresh database on a throwaway PostgreSQL server, started once per session
from the server binaries (``/usr/lib/postgresql/*/bin``; ``.ci/system-deps`` installs them),
on 127.0.0.1 with a free port and a socket directory of its own. Without the binaries the
tests that use it are skipped. PostgreSQL refuses to run as root, so under uid 0 the server
runs as an unprivileged user (``nobody``, or a ``sourcier-test`` system user created for it).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "demo" / "corpus"
# Real data shared by the project's developers; absent from a user's clone, so tests skip.
SHARED = Path(os.environ.get("SOURCIER_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "seed-mali-russie.txt"
EVAL_DEV = SHARED / "eval" / "dev"
# The check set: scored, never tuned on.
EVAL_DEV2 = SHARED / "eval" / "dev2"


def load_reference_scorer(filename: str):
    """A reference scorer from ``../shared/eval`` as a module; the test skips when it is absent."""
    import importlib.util

    path = SHARED / "eval" / filename
    if not path.exists():
        pytest.skip(f"the reference scorer (../shared/eval/{filename}) is not available")
    spec = importlib.util.spec_from_file_location(f"reference_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def nlp():
    from sourcier.analyse.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("the seed article (../shared/seed) is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    """User overlays (outlet imports) go to a throwaway SOURCIER_HOME, never the real one."""
    monkeypatch.setenv("SOURCIER_HOME", str(tmp_path_factory.mktemp("sourcier-home")))


# --------------------------------------------------------------------------- PostgreSQL server


def _pg_bindir() -> Path | None:
    def version(path: str) -> tuple[int, ...]:
        m = re.search(r"/postgresql/([\d.]+)/", path)
        return tuple(int(x) for x in m.group(1).split(".")) if m else (0,)

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).parent if which else None


def _unprivileged_user() -> pwd.struct_passwd:
    for name in ("sourcier-test", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "sourcier-test"],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam("sourcier-test")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    port: int
    bindir: Path
    base: Path

    def url(self, dbname: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(sql)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; install the 'postgresql' package")
    base = Path(tempfile.mkdtemp(prefix="sourcier-pg-"))
    run_as: dict = {}
    if os.geteuid() == 0:
        user = _unprivileged_user()
        run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        os.chown(base, user.pw_uid, user.pw_gid)
    data, sock, log = base / "data", base / "sock", base / "server.log"

    def run(*args: object) -> subprocess.CompletedProcess[str]:
        # cwd=base: the server user may not be allowed into the test's working directory.
        return subprocess.run([str(a) for a in args], cwd=base, capture_output=True, text=True, **run_as)

    for locale_args in (["--locale=C.UTF-8"], ["--no-locale"]):
        init = run(bindir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", *locale_args)
        if init.returncode == 0:
            break
        shutil.rmtree(data, ignore_errors=True)
    else:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr}")
    run("mkdir", "-p", sock)
    server = None
    for _ in range(3):  # the free port may be taken between the probe and the start
        port = _free_port()
        opts = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        start = run(bindir / "pg_ctl", "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start")
        if start.returncode == 0:
            server = PgServer(port, bindir, base)
            break
    if server is None:
        text = log.read_text() if log.exists() else start.stderr
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {text[-2000:]}")
    try:
        yield server
    finally:
        run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


_db_counter = itertools.count()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = f"sourcier_test_{os.getpid()}_{next(_db_counter)}"
    pg_server.admin(f'CREATE DATABASE "{name}"')
    try:
        yield pg_server.url(name)
    finally:
        pg_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
