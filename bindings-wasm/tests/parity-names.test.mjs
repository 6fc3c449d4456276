// The README's table of one name per operation: every JavaScript name in its column exists in
// the package (`Catalogue.x` a static member, `catalogue.x` a method of a catalogue, any other
// name an export).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import * as carepath from '../pkg/carepath.js';
import { repoRoot } from './helpers.mjs';

/** The names in the JavaScript column of the README's parity table. */
function names() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const table = readme.split('<!-- parity -->')[1];
  assert.ok(table, 'the README has a parity table');
  const lines = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'));
  const split = (/** @type {string} */ line) => line.split(/(?<!\\)\|/).map((c) => c.trim());
  const column = split(lines[0]).indexOf('JavaScript');
  assert.ok(column > 0);
  return lines.slice(1).flatMap((line) => [...split(line)[column].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
}

describe('the README parity table', () => {
  it('every JavaScript name it lists exists', () => {
    const listed = names();
    assert.ok(listed.length >= 20, `only ${listed.length} names`);
    const exports = /** @type {Record<string, any>} */ (carepath);
    for (const name of listed) {
      const [first, second] = name.split('.');
      if (second === undefined) {
        assert.equal(typeof exports[first], 'function', `${name} is an export`);
      } else if (first === 'catalogue') {
        assert.equal(typeof exports.CatalogueHandle.prototype[second], 'function', `${name} is a method of a catalogue`);
      } else {
        assert.equal(typeof exports[first]?.[second], 'function', `${name} is a static member`);
      }
    }
  });
});
