// Plain language from JavaScript: withPlainLanguage() shows each standard's `plain` text as its
// description, the same edition otherwise, and the same scores.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { loadWasm, repoRoot } from './helpers.mjs';

loadWasm();

const example = (/** @type {string} */ name) => fs.readFileSync(path.join(repoRoot, 'standards', 'examples', `${name}.json`), 'utf8');

describe('withPlainLanguage', () => {
  it('puts the plain text in place of each description and scores the same', () => {
    const c = carepath.loadCatalogue();
    assert.equal(c.reference.version, '3.1.0');
    const plain = c.withPlainLanguage();
    assert.deepEqual(plain.reference, c.reference);
    const before = c.data.themes.flatMap((t) => t.standards);
    const after = plain.data.themes.flatMap((t) => t.standards);
    assert.equal(after.length, before.length);
    for (const [i, s] of before.entries()) {
      assert.ok(s.plain, `${s.id} has plain language`);
      assert.equal(after[i].description, s.plain);
      assert.equal(after[i].id, s.id);
    }
    const a = example('northbrook-2025');
    assert.deepEqual(plain.score(a), c.score(a));
  });

  it('keeps the description where an edition has no plain text', () => {
    const c = carepath.loadCatalogue('perinatal-mental-health@2.0.0');
    const plain = c.withPlainLanguage();
    assert.deepEqual(plain.data.themes, c.data.themes);
  });
});
