#!/usr/bin/env python3
"""Checks the artefacts of dist/ (made by scripts/dist): one version everywhere, and each
artefact holding what it must and nothing it must not.

Usage: python3 scripts/check-dist.py [DIST]   (DIST defaults to dist/). Standard library only.

The version is set in one place, [workspace.package] of the workspace Cargo.toml. It must be the
version of every .crate (file name and manifest), of the wheel (file name and METADATA), of the
sdist (file name and PKG-INFO), of the npm tarball (file name and package.json), of the CLI
(file name and `carepath --version`) and of bindings-wasm/package.json and its lock file.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "dist"
VERSION = tomllib.loads((ROOT / "Cargo.toml").read_text())["workspace"]["package"]["version"]
LICENCES = {name: (ROOT / name).read_bytes() for name in ("LICENSE-MIT", "LICENSE-APACHE")}

checks: list[tuple[str, str | None]] = []


def check(name):
    """Runs a check now and records whether it passed."""

    def run(fn):
        try:
            fn()
            checks.append((name, None))
            print(f"ok   {name}")
        except Exception as e:  # a missing file fails its check, as a wrong one does
            checks.append((name, str(e) or type(e).__name__))
            print(f"FAIL {name}: {type(e).__name__}: {e}")
        return fn

    return run


def one(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {DIST}, found {[f.name for f in found]}"
    return found[0]


def publishable_crates() -> list[str]:
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps", "--locked"],
            cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout
    )
    return sorted(p["name"] for p in meta["packages"] if p["publish"] is None)


def catalogue_editions() -> dict[str, bytes]:
    out = {}
    for d in sorted((ROOT / "standards").iterdir()):
        if d.is_dir() and d.name not in ("schemas", "examples"):
            for f in sorted(d.glob("*.json")):
                out[f"{d.name}/{f.name}"] = f.read_bytes()
    return out


@check("every publishable crate is in dist/ as <name>-<version>.crate, its manifest at that version")
def _():
    crates = publishable_crates()
    assert "carepath" in crates
    found = sorted(p.name for p in DIST.glob("*.crate"))
    assert found == sorted(f"{c}-{VERSION}.crate" for c in crates), f"{found} for crates {crates}"
    for c in crates:
        with tarfile.open(DIST / f"{c}-{VERSION}.crate") as t:
            manifest = tomllib.loads(t.extractfile(f"{c}-{VERSION}/Cargo.toml").read().decode())
            names = set(t.getnames())
            assert manifest["package"]["version"] == VERSION, f"{c}: {manifest['package']['version']}"
            for name, text in LICENCES.items():
                assert t.extractfile(f"{c}-{VERSION}/{name}").read() == text, f"{c}: {name}"
            assert f"{c}-{VERSION}/README.md" in names, f"{c}: no README.md"
            assert f"{c}-{VERSION}/Cargo.lock" in names, f"{c}: no Cargo.lock"


@check("the carepath crate bundles the catalogue editions of standards/, byte for byte, and no file outside its folder")
def _():
    with tarfile.open(DIST / f"carepath-{VERSION}.crate") as t:
        prefix = f"carepath-{VERSION}/catalogues/"
        shipped = {m.name[len(prefix):]: t.extractfile(m).read() for m in t.getmembers() if m.name.startswith(prefix) and m.isfile()}
        sources = [m.name for m in t.getmembers() if m.name.endswith(".rs")]
        for name in sources:
            text = t.extractfile(name).read().decode()
            for path in re.findall(r'include_(?:str|bytes)!\("([^"]+)"\)', text):
                resolved = (Path("/pkg") / name).parent.joinpath(path).resolve()
                # A cfg(doctest)-only include of the repository README is never compiled here.
                if path.endswith("README.md"):
                    continue
                assert str(resolved).startswith(f"/pkg/carepath-{VERSION}/"), f"{name} includes {path}, outside the crate"
    assert shipped == catalogue_editions(), f"catalogues in the crate: {sorted(shipped)}"


@check("one abi3 wheel, carepath-<version>-cp39-abi3-*.whl: METADATA, licences, readme, py.typed, stubs")
def _():
    wheel = one("*.whl")
    assert re.fullmatch(rf"carepath-{re.escape(VERSION)}-cp39-abi3-[a-z0-9_.]+\.whl", wheel.name), wheel.name
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = f"carepath-{VERSION}.dist-info"
        meta = Parser().parsestr(z.read(f"{info}/METADATA").decode())
        assert meta["Name"] == "carepath" and meta["Version"] == VERSION, (meta["Name"], meta["Version"])
        assert meta["License-Expression"] == "MIT OR Apache-2.0", meta["License-Expression"]
        assert meta["Requires-Python"] == ">=3.9", meta["Requires-Python"]
        readme = (ROOT / "bindings-python" / "README.md").read_text()
        assert meta.get_payload().strip() == readme.strip(), "the description is not bindings-python/README.md"
        for name, text in LICENCES.items():
            assert z.read(f"{info}/licenses/{name}") == text, name
        for f in ("carepath/__init__.py", "carepath/py.typed", "carepath/_carepath.pyi", "carepath/_carepath.abi3.so"):
            assert f in names, f"wheel lacks {f}"
        assert "Root-Is-Purelib: false" in z.read(f"{info}/WHEEL").decode()


@check("the sdist carepath-<version>.tar.gz: PKG-INFO, licences, Cargo.lock, the crates it builds from, py.typed, stubs")
def _():
    sdist = one(f"carepath-{VERSION}.tar.gz")
    base = f"carepath-{VERSION}"
    with tarfile.open(sdist) as t:
        names = set(t.getnames())
        meta = Parser().parsestr(t.extractfile(f"{base}/PKG-INFO").read().decode())
        assert meta["Name"] == "carepath" and meta["Version"] == VERSION, (meta["Name"], meta["Version"])
        assert meta["License-Expression"] == "MIT OR Apache-2.0"
        for name, text in LICENCES.items():
            assert t.extractfile(f"{base}/{name}").read() == text, name
        for f in ("Cargo.lock", "pyproject.toml", "python/carepath/py.typed", "python/carepath/_carepath.pyi",
                  "core/Cargo.toml", "bindings-python/Cargo.toml"):
            assert f"{base}/{f}" in names, f"sdist lacks {f}"
        for key in catalogue_editions():
            assert f"{base}/core/catalogues/{key}" in names, f"sdist lacks core/catalogues/{key}"


NPM_ALLOWED = re.compile(
    r"package/(package\.json|README\.md|LICENSE-MIT|LICENSE-APACHE"
    r"|pkg/(lite/|lite/exchange/|report/)?[A-Za-z0-9_.-]+\.(js|css|d\.ts|wasm)|pkg/catalogues/[a-z0-9-]+/[0-9.]+\.json)"
)


@check("the npm tarball carepath-<version>.tgz: the wasm (core, lite and its exchange module, report), JS, CSS, declarations and catalogues, and nothing else")
def _():
    tgz = one(f"carepath-{VERSION}.tgz")
    with tarfile.open(tgz) as t:
        names = sorted(m.name for m in t.getmembers() if m.isfile())
        manifest = json.loads(t.extractfile("package/package.json").read())
        unexpected = [n for n in names if not NPM_ALLOWED.fullmatch(n)]
        assert not unexpected, f"unexpected files in the npm tarball: {unexpected}"
        assert manifest["name"] == "carepath" and manifest["version"] == VERSION, (manifest["name"], manifest["version"])
        assert not manifest.get("private"), "package.json is private"
        for name, text in LICENCES.items():
            assert t.extractfile(f"package/{name}").read() == text, name
        for variant in ("pkg", "pkg/lite"):
            for f in ("carepath.js", "carepath.d.ts", "carepath_wasm.js", "carepath_wasm_bg.wasm",
                      "carepath-widget.js", "carepath-widget.css", "carepath-widget.d.ts"):
                assert f"package/{variant}/{f}" in names, f"npm tarball lacks {variant}/{f}"
        for f in ("carepath-report.js", "lite/carepath-report.js", "lite/carepath-widget.bundle.js", "report/carepath_report_wasm.js",
                  "report/carepath_report_wasm_bg.wasm", "lite/exchange/carepath_wasm.js",
                  "lite/exchange/carepath_wasm_bg.wasm"):
            assert f"package/pkg/{f}" in names, f"npm tarball lacks pkg/{f}"
        shipped = {n[len("package/pkg/catalogues/"):]: t.extractfile(n).read() for n in names if n.startswith("package/pkg/catalogues/")}
        assert shipped == catalogue_editions(), f"catalogues in the npm tarball: {sorted(shipped)}"
    source = json.loads((ROOT / "bindings-wasm" / "package.json").read_text())
    lock = json.loads((ROOT / "bindings-wasm" / "package-lock.json").read_text())
    assert source["version"] == lock["version"] == lock["packages"][""]["version"] == VERSION


@check("the CLI carepath-cli-<version>-<target>.tar.gz: the binary says that version, with the licences")
def _():
    archive = one(f"carepath-cli-{VERSION}-*.tar.gz")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive) as t:
        t.extractall(tmp, filter="data")
        base = Path(tmp) / archive.name.removesuffix(".tar.gz")
        out = subprocess.run([str(base / "carepath"), "--version"], check=True, capture_output=True, text=True).stdout.strip()
        assert out == f"carepath {VERSION}", out
        for name, text in LICENCES.items():
            assert (base / name).read_bytes() == text, name


@check("SHA256SUMS lists every artefact with its hash")
def _():
    listed = {}
    for line in (DIST / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    present = sorted(p.name for p in DIST.iterdir() if p.name != "SHA256SUMS")
    assert sorted(listed) == present, f"listed {sorted(listed)}, present {present}"
    for name, digest in listed.items():
        assert hashlib.sha256((DIST / name).read_bytes()).hexdigest() == digest, f"{name}: hash differs"


failed = [c for c in checks if c[1] is not None]
print(f"dist: version {VERSION}, {len(checks) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
