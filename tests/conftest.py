"""Shared test setup: no test may open a network socket; hypothesis profiles."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


# Property tests: the "medlint" profile (the default run and CI) runs each test's own
# example count; MEDLINT_HYPOTHESIS_PROFILE=deep runs 20 times as many (tests size their
# count with `examples(n)`).  No deadline: a shared CI machine can be slow.
HYPOTHESIS_PROFILE = os.environ.get("MEDLINT_HYPOTHESIS_PROFILE", "medlint")
try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # pragma: no cover - hypothesis is in the test extra
    pass
else:
    _hypothesis_settings.register_profile("medlint", deadline=None)
    _hypothesis_settings.register_profile("deep", deadline=None, max_examples=2000)
    _hypothesis_settings.load_profile(HYPOTHESIS_PROFILE)


def examples(n: int) -> int:
    """A property test's example count: ``n`` normally, 20 times ``n`` with the deep profile."""
    return n * 20 if HYPOTHESIS_PROFILE == "deep" else n


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite fixtures/rules/snapshots/*.txt from the current findings",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """--update-snapshots runs in one process: the cases of one rule rewrite sections of
    the same snapshot file, which parallel workers (pyproject's ``-n auto``) would race on.
    Runs before pytest-xdist's own hook, which reads ``numprocesses``."""
    if config.getoption("--update-snapshots") and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0


@pytest.fixture
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshots"))


class NetworkAccessError(RuntimeError):
    pass


def _blocked(*args: Any, **kwargs: Any) -> Any:
    raise NetworkAccessError(f"a test tried to open a network connection: {args!r}")


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Block outbound connections in every test (tests marked `network` are exempt)."""
    if request.node.get_closest_marker("network"):
        yield
        return
    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None):
            return real_connect(self, address)
        return _blocked(address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, address: _blocked(address))
    monkeypatch.setattr(socket, "create_connection", _blocked)
    monkeypatch.setattr(socket, "getaddrinfo", _blocked)
    yield


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (seed article and corpus) is not present")
    return SHARED


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests keep medlint's user-cache records (validated built-in packs) in a folder of
    their own, never in the real ``~/.cache``; subprocesses inherit it."""
    import os

    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old
