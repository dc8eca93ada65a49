"""scripts/run.sh takes its port from PORT (default 8000) and says, before any set-up,
when the port is taken or not a port at all."""

import socket
import subprocess
from pathlib import Path

import pytest

from tests.environment import child_environment

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def taken_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def run_sh(port: str) -> subprocess.CompletedProcess:
    env = child_environment(PORT=port)
    return subprocess.run(["bash", "scripts/run.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=30)


def test_a_taken_port_is_refused_with_the_next_one_suggested(taken_port):
    result = run_sh(str(taken_port))
    assert result.returncode == 1
    assert f"port {taken_port} is taken" in result.stderr
    assert f"PORT={taken_port + 1} bash scripts/run.sh" in result.stderr
    assert "pip install" not in result.stdout  # refused before any set-up


def test_port_must_be_a_number():
    result = run_sh("eighty")
    assert result.returncode == 1
    assert "PORT must be a number" in result.stderr


def test_port_free_tells_a_free_port_from_a_taken_one(taken_port):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]  # bound, not listening: nothing answers there
        check = 'source scripts/run.sh; port_free "$1" && echo free || echo taken'
        answers = [
            subprocess.run(["bash", "-c", check, "-", str(port)], cwd=ROOT, capture_output=True, text=True).stdout
            for port in (free, taken_port)
        ]
    assert answers == ["free\n", "taken\n"]


def test_the_server_and_banner_use_port():
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert 'local port="${PORT:-8000}"' in script
    assert 'runserver "127.0.0.1:$port"' in script
    assert "http://127.0.0.1:${port}" in script
