"""The type stubs (carepath/_carepath.pyi) agree with the native module: mypy's stubtest."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ALLOWLIST = Path(__file__).resolve().parent / "stubtest-allowlist.txt"



def test_stubtest(tmp_path: Path) -> None:
    pytest.importorskip("mypy.stubtest")
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "carepath", "--allowlist", str(ALLOWLIST)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # the installed package, not a second copy from the source tree
    )
    assert result.returncode == 0, f"stubtest found differences:\n{result.stdout}\n{result.stderr}"


def test_mypy_accepts_the_package(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "carepath"],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # the installed package, not a second copy from the source tree
    )
    assert result.returncode == 0, f"mypy:\n{result.stdout}\n{result.stderr}"
