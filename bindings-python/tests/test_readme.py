"""The README's Python code blocks run, in order, in one namespace, from the repository root."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

from conftest import REPO

README = Path(__file__).resolve().parents[1] / "README.md"


def python_blocks() -> List[str]:
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert blocks, f"no ```python blocks in {README}"
    return blocks


def test_readme_python_blocks_run(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pandas")
    monkeypatch.chdir(REPO)
    namespace: Dict[str, Any] = {"__name__": "readme"}
    for i, block in enumerate(python_blocks()):
        try:
            exec(compile(block, f"{README.name} block {i + 1}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the message is the point
            raise AssertionError(f"README python block {i + 1} failed: {error!r}\n{block}") from error
    assert os.getcwd() == str(REPO)
