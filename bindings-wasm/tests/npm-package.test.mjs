// @ts-check
// The npm package `carepath` as package.json describes it, against the built pkg/: one version
// with the workspace, every export pointing at a file the build makes, the licences identical to
// the repository's. scripts/test-dist checks the packed tarball itself and installs it.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { packageRoot, pkgDir, repoRoot } from './helpers.mjs';

const here = packageRoot;
const manifest = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));

/** The version in the workspace Cargo.toml's [workspace.package], the one place it is set. */
function workspaceVersion() {
  const toml = fs.readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8');
  const section = toml.split(/^\[workspace\.package\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  const version = /^version\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  assert.ok(version, 'no version in [workspace.package] of Cargo.toml');
  return version;
}

/**
 * Every file an export names, with the export's key.
 * @param {unknown} target
 * @param {string} key
 * @returns {Array<[string, string]>}
 */
function targets(target, key) {
  if (typeof target === 'string') return [[key, target]];
  if (target && typeof target === 'object') return Object.values(target).flatMap((t) => targets(t, key));
  return [];
}

describe('the npm package carepath', () => {
  it('has the version of the workspace, in package.json and package-lock.json', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
    assert.equal(manifest.version, workspaceVersion());
    assert.equal(lock.version, manifest.version);
    assert.equal(lock.packages[''].version, manifest.version);
    assert.equal(lock.name, 'carepath');
  });

  it('is public, named carepath, typed, with the API at "." and the widget at "./widget"', () => {
    assert.equal(manifest.name, 'carepath');
    assert.notEqual(manifest.private, true);
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.license, 'MIT OR Apache-2.0');
    assert.deepEqual(manifest.exports['.'], { types: './pkg/carepath.d.ts', default: './pkg/carepath.js' });
    assert.deepEqual(manifest.exports['./widget'], { types: './pkg/carepath-widget.d.ts', default: './pkg/carepath-widget.js' });
    assert.equal(manifest.exports['./widget.css'], './pkg/carepath-widget.css');
    assert.equal(manifest.types, './pkg/carepath.d.ts');
  });

  it('exports only files that the build writes into pkg/', () => {
    for (const [key, value] of Object.entries(manifest.exports)) {
      for (const [, file] of targets(value, key)) {
        if (file.includes('*')) {
          const dir = path.join(here, path.dirname(file));
          assert.ok(fs.existsSync(dir) && fs.readdirSync(dir).length > 0, `${key}: ${file} matches nothing`);
        } else {
          assert.ok(fs.existsSync(path.join(here, file)), `${key}: ${file} does not exist`);
        }
      }
    }
  });

  it('ships the bundled catalogue editions exactly as standards/ has them', () => {
    const standards = path.join(repoRoot, 'standards');
    const ids = fs.readdirSync(standards).filter((d) => !['schemas', 'examples'].includes(d) && fs.statSync(path.join(standards, d)).isDirectory());
    assert.ok(ids.length > 0);
    for (const id of ids) {
      const editions = fs.readdirSync(path.join(standards, id)).filter((f) => f.endsWith('.json'));
      assert.deepEqual(fs.readdirSync(path.join(pkgDir, 'catalogues', id)).sort(), editions.sort());
      for (const file of editions) {
        assert.ok(
          fs.readFileSync(path.join(pkgDir, 'catalogues', id, file)).equals(fs.readFileSync(path.join(standards, id, file))),
          `pkg/catalogues/${id}/${file} differs from standards/`,
        );
      }
    }
  });

  it('carries the licence files of the repository, unchanged (npm packs no symbolic link)', () => {
    for (const name of ['LICENSE-MIT', 'LICENSE-APACHE']) {
      const copy = path.join(here, name);
      assert.ok(!fs.lstatSync(copy).isSymbolicLink(), `${name} must be a file`);
      assert.ok(fs.readFileSync(copy).equals(fs.readFileSync(path.join(repoRoot, name))), `bindings-wasm/${name} differs from ${name}`);
    }
  });

  it('picks the widget modules up by pattern, so a new module of pkg/ is packed too', () => {
    for (const pattern of ['pkg/**/*.js', 'pkg/**/*.css', 'pkg/**/*.d.ts', 'pkg/**/*.wasm']) {
      assert.ok(manifest.files.includes(pattern), `files lacks ${pattern}`);
    }
  });
});
