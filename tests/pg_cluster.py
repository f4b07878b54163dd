"""A throw-away PostgreSQL server for the tests: initdb in a temp dir, start on a free port, stop, remove.

PostgreSQL refuses to run as root, so when the tests run as root the cluster is created and run as the
``postgres`` system user, in a temp dir that user owns; otherwise the binaries run as the current user.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
# Durability is pointless for a cluster thrown away at the end of the session; without it, starting,
# CREATE DATABASE and every commit are much faster.
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "100",
    "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be run here; the message says why (the tests skip with it)."""


def _version_key(bin_dir: str) -> tuple[int, ...]:
    """/usr/lib/postgresql/15/bin -> (15,); unparsable versions sort first."""
    version = Path(bin_dir).parent.name
    return tuple(int(part) for part in re.findall(r"\d+", version)) or (-1,)


def find_bin_dir() -> Path | None:
    """The directory with initdb and postgres: PATH's initdb (symlinks followed), else the newest Debian one."""
    on_path = shutil.which("initdb")
    if on_path:
        for candidate in (Path(os.path.realpath(on_path)).parent, Path(on_path).parent):
            if (candidate / "postgres").is_file():
                return candidate
    debian = [path for path in glob.glob("/usr/lib/postgresql/*/bin") if (Path(path) / "initdb").is_file()]
    if debian:
        return Path(max(debian, key=_version_key))
    return None


def unavailable_reason() -> str | None:
    """Why no cluster can be started here, or None when one can."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        return (
            "PostgreSQL is not installed: no initdb on PATH and no /usr/lib/postgresql/*/bin/initdb "
            "(apt-get install postgresql, as .ci/run does)"
        )
    if not (bin_dir / "postgres").is_file():
        return f"{bin_dir} has initdb but no postgres server binary"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and PostgreSQL refuses root, but there is no 'postgres' system user to run it as"
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PostgresCluster:
    """One PostgreSQL cluster in a temp dir: ``start()``, ``url``, ``create_database()``, ``stop()``.

    Also a context manager. ``stop()`` is registered with atexit too, so an interrupted session leaves
    no server behind.
    """

    def __init__(self, bin_dir: Path | None = None) -> None:
        reason = unavailable_reason() if bin_dir is None else None
        if reason is not None:
            raise PostgresUnavailable(reason)
        found = bin_dir or find_bin_dir()
        assert found is not None
        self.bin_dir = found
        self.port = 0
        self.root: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds = 0.0
        self._counter = 0
        # Run as the postgres user when we are root (PostgreSQL will not run as root).
        self._run_as: dict[str, Any] = {}
        if os.geteuid() == 0:
            try:
                user = pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresUnavailable("running as root, and there is no 'postgres' system user") from None
            self._run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
            self._uid, self._gid = user.pw_uid, user.pw_gid
        else:
            self._uid, self._gid = os.geteuid(), os.getegid()

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, dbname: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, *args: str) -> None:
        """Run a PostgreSQL tool (as the postgres user when root); fail with its output."""
        assert self.root is not None
        done = subprocess.run(
            args,
            cwd=self.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env={**os.environ, "LC_ALL": "C", "LANG": "C"},
            check=False,
            **self._run_as,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout.decode(errors='replace')}")

    def start(self) -> PostgresCluster:
        """initdb, then start the server on a free port and wait until it accepts connections."""
        if self.process is not None:
            return self
        began = time.monotonic()
        self.root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        atexit.register(self.stop)
        os.chown(self.root, self._uid, self._gid)
        data = self.root / "data"
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(data),
            "--auth=trust",
            "-U",
            "postgres",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions",
        )
        # The port picked can be taken between the check and the bind: try a few.
        last_error = ""
        for _attempt in range(3):
            self.port = free_port()
            try:
                self._start_server(data)
                break
            except RuntimeError as error:
                last_error = str(error)
                if "could not bind" not in last_error and "already in use" not in last_error:
                    self.stop()
                    raise
        else:
            self.stop()
            raise RuntimeError(f"PostgreSQL could not get a free port:\n{last_error}")
        self.startup_seconds = time.monotonic() - began
        return self

    def _start_server(self, data: Path) -> None:
        assert self.root is not None
        log_path = self.root / "server.log"
        settings = {**SERVER_SETTINGS, "port": str(self.port), "unix_socket_directories": str(self.root)}
        args = [str(self.bin_dir / "postgres"), "-D", str(data)]
        for name, value in settings.items():
            args += ["-c", f"{name}={value}"]
        with open(log_path, "wb") as log:
            os.chown(log_path, self._uid, self._gid)
            self.process = subprocess.Popen(
                args,
                cwd=self.root,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C at the terminal reaches pytest, which stops us in order
                env={**os.environ, "LC_ALL": "C", "LANG": "C"},
                **self._run_as,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise RuntimeError(f"PostgreSQL exited with {code} while starting:\n{self._log_tail()}")
            try:
                with psycopg.connect(self.url, connect_timeout=2):
                    return
            except psycopg.OperationalError as error:
                if time.monotonic() > deadline:
                    self._kill_server()
                    raise RuntimeError(
                        f"PostgreSQL did not accept connections on 127.0.0.1:{self.port} within "
                        f"{START_TIMEOUT_S:.0f} s ({error}):\n{self._log_tail()}"
                    ) from error
            time.sleep(0.05)

    def _log_tail(self, lines: int = 30) -> str:
        if self.root is None:
            return ""
        try:
            text = (self.root / "server.log").read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def _kill_server(self) -> None:
        """Immediate shutdown (SIGQUIT, like pg_ctl stop -m immediate), then SIGKILL if it lingers."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            # The children of a killed postmaster notice it is gone and exit on their own.
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        """Stop the server and remove the temp dir; safe to call more than once."""
        self._kill_server()
        root, self.root = self.root, None
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)

    def _admin(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=True)

    def create_database(self, prefix: str = "test") -> str:
        """A fresh, empty database with a unique name; returns its URL."""
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}_{uuid.uuid4().hex[:8]}"
        with self._admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        return self.database_url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database, closing any connection a test left open."""
        name = url.rsplit("/", 1)[1]
        with self._admin() as conn:
            force = sql.SQL(" WITH (FORCE)") if conn.info.server_version >= 130000 else sql.SQL("")
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)) + force)


def wait_gone(pid: int, timeout: float = STOP_TIMEOUT_S) -> bool:
    """True once no process has this pid (for the tests of this module)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False
