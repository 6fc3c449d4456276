// @ts-check
// The widget's message tables (pkg/carepath-messages*.js): every shipped language has every key of
// the English table, no key English lacks, and the same {placeholders} in each message; every
// interface string of the widget comes from the table; formats follow the locale.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import { defineMessages, en, loadMessages, messages, missingMessages } from '../pkg/carepath-messages.js';
import { packageRoot, pkgDir } from './helpers.mjs';

/** The languages shipped beside English, found from the files in pkg/. */
const SHIPPED = fs
  .readdirSync(pkgDir)
  .map((f) => f.match(/^carepath-messages-([a-z-]+)\.js$/)?.[1])
  .filter((x) => x !== undefined);

/** @param {import('../pkg/carepath-messages.js').Message} m */
const forms = (m) => (typeof m === 'string' ? [m] : Object.values(m));
/** @param {import('../pkg/carepath-messages.js').Message} m */
const placeholders = (m) => [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))].sort();

describe('message tables', () => {
  it('Welsh is shipped', () => {
    assert.deepEqual(SHIPPED, ['cy']);
  });

  for (const lang of SHIPPED) {
    it(`${lang}: every key of the English table, nothing else, the same placeholders`, async () => {
      assert.equal(await loadMessages(lang), lang);
      assert.deepEqual(missingMessages(lang), []);
      const table = (await import(`../pkg/carepath-messages-${lang}.js`)).default;
      assert.deepEqual(Object.keys(table).filter((k) => !(k in en)), [], 'keys English does not have');
      for (const [key, message] of Object.entries(table)) {
        assert.deepEqual(placeholders(message), placeholders(en[key]), key);
        assert.ok(forms(message).every((f) => f.trim() !== '' || en[key] === f), `${key} is empty`);
        if (typeof message === 'object') assert.ok('other' in message, `${key} needs an "other" form`);
      }
    });
  }

  it('the check fails for a table that misses a key (positive control)', () => {
    defineMessages('x-test', { loading: 'Loading…' });
    const missing = missingMessages('x-test');
    assert.ok(missing.length === Object.keys(en).length - 1 && !missing.includes('loading'), missing.join(', '));
  });

  it('every message key the widget asks for is in the English table', () => {
    const source = ['carepath-widget.js', 'carepath-messages.js'].map((f) => fs.readFileSync(path.join(packageRoot, 'js', f), 'utf8')).join('\n');
    const used = new Set([...source.matchAll(/\bt\('(\w+)'/g)].map((m) => m[1]));
    // Keys listed in arrays: the column headers, the confidences and the priorities.
    for (const list of source.matchAll(/(?:\(|PRIORITIES = )\[((?:'\w+',?\s*)+)\]/g)) for (const k of list[1].matchAll(/'(\w+)'/g)) used.add(k[1]);
    assert.ok(used.size > 80, `${used.size} keys used`);
    assert.deepEqual([...used].filter((k) => !(k in en)), []);
    // And the table holds nothing the widget never uses.
    assert.deepEqual(Object.keys(en).filter((k) => !used.has(k)), []);
  });

  it('formats numbers, scores, percentages and dates for the locale, and picks plural forms', async () => {
    await loadMessages('cy');
    const gb = messages('en-GB');
    assert.equal(gb.score(3.25), '3.3');
    assert.equal(gb.score(4), '4.0');
    assert.equal(gb.score(null), '–');
    assert.equal(gb.date('2024-11-30'), '30 November 2024');
    assert.equal(gb.date('not a date'), 'not a date');
    assert.equal(gb.percent(0.5), '50%');
    assert.equal(gb.t('offerCarried', { n: 1, to: '2.0.0' }), '1 rating moves to the standards of edition 2.0.0, with evidence and actions.');
    assert.equal(gb.t('offerCarried', { n: 1200, to: '2.0.0' }), '1,200 ratings move to the standards of edition 2.0.0, with evidence and actions.');
    const cy = messages('cy');
    assert.equal(cy.lang, 'cy');
    assert.equal(cy.date('2024-11-30'), new Intl.DateTimeFormat('cy', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2024-11-30T00:00:00Z')));
    assert.equal(cy.t('overview'), 'Trosolwg');
    const de = messages('de');
    assert.equal(de.lang, 'en', 'a language without a table speaks English');
    assert.equal(de.t('overview'), 'Overview');
    // A host's German table: its keys in German (formatted for German), the rest in English.
    defineMessages('de', { crossCount: '{rated} von {total} bewertet' });
    const de2 = messages('de-DE');
    assert.equal(de2.t('crossCount', { rated: 1234, total: 2000 }), '1.234 von 2.000 bewertet');
    assert.equal(de2.score(2.5), '2,5');
    assert.equal(de2.t('overview'), 'Overview');
    assert.throws(() => defineMessages('', {}), TypeError);
    // A language Intl has no date data for: the table's month names and order.
    assert.deepEqual(Intl.DateTimeFormat.supportedLocalesOf(['tlh']), []);
    defineMessages('tlh', { months: 'a b c d e f g h i j k l', dateFormat: '{year}/{month}/{day}' });
    assert.equal(messages('tlh').date('2024-11-03'), '2024/k/3');
  });

  it('writes out the formats of English and Welsh exactly as Intl does, without making an Intl format', async () => {
    await loadMessages('cy');
    const days = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));
    // Theme and overall averages of ratings 0-5 (k/n), shares of standards rated, counts.
    const averages = [];
    for (let n = 1; n <= 80; n++) for (let k = 0; k <= 5 * n; k++) averages.push(k / n);
    const shares = averages.filter((x) => x <= 1);
    const extremes = [0, 2.15, 2.25, 0.05, 0.95, 9.95, 99.95, 999.9, 999.94, 999.95, 999.96, 1000, 1234.5, 1e-7, 1e21, -1, -0, 12.5, 0.125, 0.005];
    const integers = Array.from({ length: 2401 }, (_, i) => i - 1200);
    for (const lang of ['en', 'en-US', 'en-GB', 'EN-gb', 'cy', 'cy-GB']) {
      const m = messages(lang);
      const locale = m.lang;
      const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
      const percent = new Intl.NumberFormat(locale, { style: 'percent' });
      const number = new Intl.NumberFormat(locale);
      const day = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
      for (const x of [...averages, ...extremes]) assert.equal(m.score(x), decimal.format(x), `${lang} score ${x}`);
      for (const x of [...shares, ...extremes]) assert.equal(m.percent(x), percent.format(x), `${lang} percent ${x}`);
      for (const x of [...integers, ...extremes]) assert.equal(m.number(x), number.format(x), `${lang} number ${x}`);
      for (const iso of [...days, '0999-12-31', '1000-01-01', '9999-12-31']) {
        assert.equal(m.date(iso), day.format(new Date(`${iso}T00:00:00Z`)), `${lang} date ${iso}`);
      }
    }
    // Those formats make no Intl number or date format, the first of which costs tens of
    // milliseconds on a phone; a value they do not write out (1,200) makes one.
    const { NumberFormat, DateTimeFormat } = Intl;
    /** @type {string[]} */
    const made = [];
    const spy = (/** @type {string} */ kind) =>
      function () {
        made.push(kind);
        throw new Error(`Intl.${kind} made`);
      };
    Object.assign(Intl, { NumberFormat: spy('NumberFormat'), DateTimeFormat: spy('DateTimeFormat') });
    try {
      // A table defined anew makes a new translator, whose formats are not made yet.
      defineMessages('en-gb', {});
      const m = messages('en-GB');
      m.warm();
      assert.deepEqual(
        [m.score(3.25), m.score(2.15), m.number(77), m.percent(0.45), m.date('2024-11-30'), m.t('offerCarried', { n: 3, to: '2.0.0' })],
        ['3.3', '2.2', '77', '45%', '30 November 2024', '3 ratings move to the standards of edition 2.0.0, with evidence and actions.'],
      );
      assert.deepEqual(made, []);
      assert.throws(() => m.number(1200), /Intl.NumberFormat made/);
    } finally {
      Object.assign(Intl, { NumberFormat, DateTimeFormat });
    }
    const gb = messages('en-GB');
    assert.equal(gb.score(2.15), '2.2', 'from the shortest digits, not the binary value (2.1499...)');
    assert.equal(gb.percent(0.125), '13%');
    assert.equal(gb.score(999.96), '1,000.0', 'rounds up to 1,000.0: grouped, so Intl writes it');
  });

  it('makes its formats ahead on warm(), and formats as before, also for a language Intl has no dates for', () => {
    defineMessages('tlh', { months: 'a b c d e f g h i j k l', dateFormat: '{year}/{month}/{day}' });
    for (const lang of ['en-GB', 'cy', 'de', 'tlh']) {
      const m = messages(lang);
      const before = [m.score(3.25), m.number(1200), m.date('2024-11-30')];
      m.warm();
      assert.deepEqual([m.score(3.25), m.number(1200), m.date('2024-11-30')], before, lang);
    }
  });
});
