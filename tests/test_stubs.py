"""The type stubs of the native module match what it really exports (mypy.stubtest)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_core_stubs_match_the_native_module():
    pytest.importorskip("mypy")
    r = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "newsdesk._core"], capture_output=True, text=True, timeout=300, cwd="/"
    )
    assert r.returncode == 0, r.stdout + r.stderr
