// @ts-check
// The JavaScript documents are the command-line tool's, byte for byte: for every bundled example
// in standards/examples/, reportHtml/reportMarkdown/reportCsv against `carepath report --format
// html|md|csv`; the comparison, benchmark and consensus of the examples against `carepath compare
// | benchmark | consensus`; and the workbook's cells (read with SheetJS, a reader independent of
// the engine) against those of `carepath workbook --from`. The tool is target/debug/carepath,
// built with cargo when it is not there.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';

import XLSX from 'xlsx';

import * as lite from '../pkg/lite/carepath.js';
import {
  DEFAULT_DISAGREEMENT,
  DEFAULT_MIN_GROUP,
  benchmark,
  benchmarkCsv,
  benchmarkHtml,
  benchmarkMarkdown,
  comparisonCsv,
  comparisonHtml,
  comparisonMarkdown,
  consensusCsv,
  consensusHtml,
  consensusMarkdown,
  consensus,
  initReports,
  readWorkbook,
  reportCsv,
  reportHtml,
  reportMarkdown,
  workbook,
} from '../pkg/carepath.js';
import { loadWasm, pkgDir, repoRoot } from './helpers.mjs';

const examples = path.join(repoRoot, 'standards', 'examples');
const files = fs.readdirSync(examples).filter((f) => f.endsWith('.json')).sort();
const raters = fs.readdirSync(path.join(examples, 'consensus')).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(examples, 'consensus', f));
const read = (/** @type {string} */ file) => fs.readFileSync(file, 'utf8');

/** The command-line tool, built when missing. */
function cli() {
  const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26 }));
  const bin = path.join(metadata.target_directory, 'debug', 'carepath');
  if (!fs.existsSync(bin)) execFileSync('cargo', ['build', '-p', 'carepath-cli', '--locked'], { cwd: repoRoot, stdio: 'inherit' });
  return bin;
}

/** @type {string} */
let bin;
/** @type {string} */
let tmp;
/** @param {string[]} args */
const run = (args) => execFileSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 26 });

const FORMATS = /** @type {const} */ ([
  ['html', 'html'],
  ['md', 'markdown'],
  ['csv', 'csv'],
]);

/** The cells of every sheet: name to rows of values (formulas as written, values as stored). */
function cells(/** @type {Uint8Array} */ bytes) {
  const book = XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellStyles: false });
  /** @type {Record<string, Record<string, unknown>>} */
  const out = {};
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    /** @type {Record<string, unknown>} */
    const values = {};
    for (const [ref, cell] of Object.entries(sheet)) {
      if (ref.startsWith('!')) continue;
      values[ref] = cell.f !== undefined ? { formula: cell.f } : cell.v;
    }
    out[name] = values;
  }
  return { sheets: book.SheetNames, out };
}

describe('JavaScript and the command-line tool write the same documents', () => {
  before(async () => {
    loadWasm();
    await initReports(fs.readFileSync(path.join(pkgDir, 'report', 'carepath_report_wasm_bg.wasm')));
    bin = cli();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'carepath-parity-'));
  });

  it("the defaults are the core's, in the full and the lite module", () => {
    // The tool's defaults are the core's constants (clap's default_value_t), so what it
    // reports when not told is the core's value, not a number typed again here.
    const all = files.filter((f) => f.endsWith('-2024.json')).map((f) => path.join(examples, f));
    const minGroup = JSON.parse(run(['benchmark', ...all, '--format', 'json'])).min_group;
    const threshold = JSON.parse(run(['consensus', ...raters, '--format', 'json', '-o', os.devNull])).threshold;
    assert.equal(typeof minGroup, 'number');
    assert.equal(typeof threshold, 'number');
    assert.equal(DEFAULT_MIN_GROUP, minGroup);
    assert.equal(DEFAULT_DISAGREEMENT, threshold);
    // Not told, the operations take the core's default too.
    assert.equal(benchmark(all.map(read)).min_group, minGroup);
    assert.equal(consensus(raters.map(read)).consensus.threshold, threshold);
    lite.initSync(fs.readFileSync(path.join(pkgDir, 'lite', 'carepath_wasm_bg.wasm')));
    assert.equal(lite.DEFAULT_MIN_GROUP, minGroup);
    assert.equal(lite.DEFAULT_DISAGREEMENT, threshold);
  });

  it('finds the examples', () => {
    assert.ok(files.length >= 5, files.join(', '));
    assert.ok(raters.length >= 2);
  });

  for (const file of files) {
    it(`report of ${file}: HTML, Markdown and CSV byte-identical`, async () => {
      const text = read(path.join(examples, file));
      const made = { html: reportHtml, markdown: reportMarkdown, csv: reportCsv };
      for (const [flag, format] of FORMATS) {
        const expected = run(['report', path.join(examples, file), '--format', flag]);
        assert.ok(expected.length > 100, `${file} ${flag}: the tool wrote almost nothing`);
        const actual = await made[format](text);
        assert.ok(actual === expected, `${file} ${flag}: JS and CLI differ (first difference at ${[...actual].findIndex((c, i) => c !== expected[i])})`);
      }
    });

    it(`workbook of ${file}: the same cells, and it reads back`, async () => {
      const out = path.join(tmp, `${file}.xlsx`);
      run(['workbook', '--from', path.join(examples, file), '-o', out]);
      const fromCli = fs.readFileSync(out);
      const fromJs = await workbook(null, read(path.join(examples, file)));
      const a = cells(fromCli);
      const b = cells(fromJs);
      assert.deepEqual(b.sheets, a.sheets);
      assert.ok(Object.keys(a.out[a.sheets[0]]).length > 0);
      assert.deepEqual(b.out, a.out);
      assert.deepEqual(await readWorkbook(fromCli), JSON.parse(run(['import', out])));
    });
  }

  /** The pairs of one area over time among the examples. */
  const pairs = files
    .filter((f) => f.endsWith('-2016.json'))
    .map((f) => [f, f.replace('-2016.json', '-2024.json')])
    .filter(([, later]) => files.includes(later));

  for (const [older, newer] of pairs) {
    it(`comparison of ${older} and ${newer}: byte-identical`, async () => {
      const made = { html: comparisonHtml, markdown: comparisonMarkdown, csv: comparisonCsv };
      for (const [flag, format] of FORMATS) {
        const expected = run(['compare', path.join(examples, older), path.join(examples, newer), '--format', flag]);
        const actual = await made[format](read(path.join(examples, older)), read(path.join(examples, newer)));
        assert.ok(actual === expected, `${older} ${newer} ${flag}: JS and CLI differ`);
      }
    });
  }

  it('benchmark of the 2024 examples (every minimum group): byte-identical', async () => {
    const all = files.filter((f) => f.endsWith('-2024.json')).map((f) => path.join(examples, f));
    assert.ok(all.length >= 3);
    const made = { html: benchmarkHtml, markdown: benchmarkMarkdown, csv: benchmarkCsv };
    for (const minGroup of [1, 5]) {
      for (const [flag, format] of FORMATS) {
        const expected = run(['benchmark', ...all, '--min-group', String(minGroup), '--format', flag]);
        const actual = await made[format](all.map(read), { minGroup });
        assert.ok(actual === expected, `benchmark min ${minGroup} ${flag}: JS and CLI differ`);
      }
    }
  });

  it('consensus of the raters: byte-identical', async () => {
    const made = { html: consensusHtml, markdown: consensusMarkdown, csv: consensusCsv };
    for (const [flag, format] of FORMATS) {
      const expected = run(['consensus', ...raters, '--format', flag, '-o', path.join(tmp, 'combined.json')]);
      const actual = await made[format](raters.map(read));
      assert.ok(actual === expected, `consensus ${flag}: JS and CLI differ`);
    }
  });
});
