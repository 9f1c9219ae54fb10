"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, started on a
Unix socket only (no TCP port, so nothing else on the machine can reach it or clash with it).

PostgreSQL refuses to run as root; as root the cluster is made and run as the `postgres`
user (Debian's package creates it). The binaries are looked up on PATH, then where Debian's
package puts them. Without them (or without psycopg) the tests that need a server skip with
one reason, except in CI (`CI` set), where a missing server is a failure.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SKIP_REASON = (
    "PostgreSQL tests need the server binaries (initdb, pg_ctl: Debian's `postgresql` package) "
    "and psycopg (`pip install '.[postgres]'`)"
)
SERVER_USER = "postgres"


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def missing() -> str | None:
    """Why a server cannot be started here, or None."""
    try:
        import psycopg  # noqa: F401  # only whether it is installed
    except ImportError:
        return SKIP_REASON
    if find_binaries() is None:
        return SKIP_REASON
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"{SKIP_REASON}; as root they run as the {SERVER_USER!r} user, and there is none"
    return None


@dataclass
class Cluster:
    folder: Path
    binaries: Path
    password: str | None = None  # the server user's, when the cluster asks for one (else: trust)
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SERVER_USER}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SERVER_USER, dbname="postgres", autocommit=True, password=self.password
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]  # test-made statements, no input from outside

    def new_database(self, *, template: str = "template0") -> str:
        """A fresh database copied from `template` (a file copy, fast); returns its URL."""
        name = f"diary_{os.getpid()}_{next(self._numbers)}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return self.url(name)

    def drop(self, database: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", SERVER_USER, "--", *command] if os.geteuid() == 0 else command


def start(*, password: str | None = None) -> Cluster:
    """A new cluster in a temporary folder, started and accepting connections on its socket:
    from anyone (trust), or with a `password` from everyone (scram-sha-256)."""
    binaries = find_binaries()
    assert binaries is not None
    # Not under pytest's tmp_path: that folder is owner-only, and as root the server runs as
    # another user who must be able to reach its own files.
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    (folder / "socket").mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, SERVER_USER)
        shutil.chown(folder / "socket", SERVER_USER)
    data = folder / "data"
    auth = ["-A", "trust"]
    if password is not None:
        secret = folder / "pwfile"
        secret.write_text(password + "\n")
        if os.geteuid() == 0:
            shutil.chown(secret, SERVER_USER)
        auth = ["-A", "scram-sha-256", f"--pwfile={secret}"]
    subprocess.run(
        _as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", SERVER_USER, *auth, "--no-sync"]),
        check=True,
        capture_output=True,
    )
    cluster = Cluster(folder=folder, binaries=binaries, password=password)
    start_server(cluster)
    return cluster


def start_server(cluster: Cluster) -> None:
    """Start the cluster's server (again); returns once it accepts connections."""
    # fsync off: a crash of the test machine may lose this throwaway cluster, nothing else.
    options = f"-k {cluster.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    pg_ctl, data, log = str(cluster.binaries / "pg_ctl"), str(cluster.folder / "data"), str(cluster.folder / "log")
    subprocess.run(
        _as_server_user([pg_ctl, "-D", data, "-o", options, "-l", log, "-w", "start"]), check=True, capture_output=True
    )


def stop_server(cluster: Cluster) -> None:
    """Stop the cluster's server at once, as a crash or a pulled cable would; its files stay."""
    pg_ctl = str(cluster.binaries / "pg_ctl")
    subprocess.run(
        _as_server_user([pg_ctl, "-D", str(cluster.folder / "data"), "-m", "immediate", "-w", "stop"]),
        check=False,
        capture_output=True,
    )


def stop(cluster: Cluster) -> None:
    stop_server(cluster)
    shutil.rmtree(cluster.folder, ignore_errors=True)
