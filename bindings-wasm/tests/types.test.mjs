// @ts-check
// Keeps the hand-written TypeScript declarations (js/carepath.d.ts) in step with the JSON Schemas
// generated from the Rust types (standards/schemas/*.schema.json): every object type has the same
// fields, a field is optional in TypeScript exactly when the file may leave it out, and every
// string enumeration has the same words.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import ts from 'typescript';

import { packageRoot, repoRoot } from './helpers.mjs';

const SCHEMAS = path.join(repoRoot, 'standards', 'schemas');
const ROOTS = { 'catalogue.schema.json': 'Catalogue', 'assessment.schema.json': 'Assessment', 'report.schema.json': 'Report' };
/** Declared in TypeScript only (no file format of their own). */
const TS_ONLY = new Set(['Problem', 'CarepathError', 'CatalogueHandle']);

/**
 * @typedef {{ name: string, optional: boolean, nullable: boolean, text: string }} Field
 * @typedef {{ kind: 'object', fields: Map<string, Field> }} ObjectType
 * @typedef {{ kind: 'words', words: Set<string>, number: boolean }} WordsType
 * @typedef {{ kind: 'variants', variants: Map<string, Map<string, Field>> }} VariantsType
 * @typedef {ObjectType | WordsType | VariantsType} Declared
 */

/** Reads the declarations of carepath.d.ts. */
function declarations() {
  const file = path.join(packageRoot, 'js', 'carepath.d.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  /** @type {Map<string, Declared>} */
  const out = new Map();
  /** @param {ts.NodeArray<ts.TypeElement>} members */
  const fieldsOf = (members) => {
    /** @type {Map<string, Field>} */
    const fields = new Map();
    for (const m of members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = m.name.getText(source).replace(/^['"]|['"]$/g, '');
      const text = m.type.getText(source);
      fields.set(name, { name, optional: Boolean(m.questionToken), nullable: /\bnull\b/.test(text), text });
    }
    return fields;
  };
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      out.set(st.name.text, { kind: 'object', fields: fieldsOf(st.members) });
    } else if (ts.isTypeAliasDeclaration(st)) {
      const parts = ts.isUnionTypeNode(st.type) ? st.type.types : [st.type];
      if (parts.every((p) => ts.isTypeLiteralNode(p))) {
        /** @type {Map<string, Map<string, Field>>} */
        const variants = new Map();
        for (const p of parts) {
          const fields = fieldsOf(/** @type {ts.TypeLiteralNode} */ (p).members);
          const tag = fields.get('change');
          assert.ok(tag, `${st.name.text}: every variant has a 'change' tag`);
          variants.set(tag.text.replace(/['"]/g, ''), fields);
        }
        out.set(st.name.text, { kind: 'variants', variants });
      } else {
        /** @type {Set<string>} */
        const words = new Set();
        let number = false;
        for (const p of parts) {
          if (ts.isLiteralTypeNode(p) && ts.isStringLiteral(p.literal)) words.add(p.literal.text);
          else if (p.kind === ts.SyntaxKind.NumberKeyword) number = true;
        }
        out.set(st.name.text, { kind: 'words', words, number });
      }
    }
  }
  return out;
}

/**
 * Whether a schema property may be null.
 * @param {any} schema
 */
function schemaNullable(schema) {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('null')) return true;
  return (schema.anyOf ?? schema.oneOf ?? []).some((/** @type {any} */ s) => s.type === 'null' || s.const === null);
}

/**
 * The string words of an enumeration schema, or null when it is not one.
 * @param {any} schema
 */
function schemaWords(schema) {
  if (Array.isArray(schema.enum)) return { words: schema.enum, number: false };
  const options = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(options)) return null;
  const words = [];
  let number = false;
  for (const o of options) {
    if (typeof o.const === 'string') words.push(o.const);
    else if (Array.isArray(o.enum)) words.push(...o.enum);
    else if (o.type === 'integer' || o.type === 'number') number = true;
    else return null;
  }
  return { words, number };
}

/** Every object and enumeration of the three schemas, by TypeScript name. */
function schemaTypes() {
  /** @type {Map<string, any>} */
  const out = new Map();
  for (const [file, rootName] of Object.entries(ROOTS)) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
    out.set(rootName, schema);
    for (const [name, def] of Object.entries(schema.$defs ?? {})) {
      if (out.has(name)) assert.deepEqual(def, out.get(name), `${name} differs between schemas`);
      out.set(name, def);
    }
  }
  return out;
}

/**
 * Compares an object's fields with a schema's properties.
 * @param {string} where
 * @param {Map<string, Field>} fields
 * @param {any} schema
 */
function compareFields(where, fields, schema) {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  assert.deepEqual([...fields.keys()].sort(), Object.keys(props).sort(), `${where}: the fields differ from the schema`);
  for (const [name, field] of fields) {
    const prop = props[name];
    if (required.has(name)) {
      assert.ok(!field.optional, `${where}.${name} is required by the schema but optional in TypeScript`);
    } else if (!field.optional) {
      // Always written but may be null (an Option the format keeps as null).
      assert.ok(schemaNullable(prop) && field.nullable, `${where}.${name}: not required by the schema, so it must be optional (?) or be '| null' on both sides`);
    }
    if (field.optional) assert.ok(!required.has(name), `${where}.${name}`);
  }
}

describe('carepath.d.ts matches standards/schemas', () => {
  const declared = declarations();
  const schemas = schemaTypes();

  it('finds the schemas and the declarations', () => {
    assert.ok(schemas.size > 20, `schemas: ${[...schemas.keys()]}`);
    assert.ok(declared.size > 20, `declared: ${[...declared.keys()]}`);
  });

  for (const [name, schema] of schemas) {
    const words = schemaWords(schema);
    const isObject = schema.type === 'object' || schema.properties;
    const isVariants = Array.isArray(schema.oneOf) && schema.oneOf.every((/** @type {any} */ o) => o.properties?.change);
    if (!isObject && !words && !isVariants) continue; // a plain string (an id, a date, a version)
    it(name, () => {
      const decl = declared.get(name);
      assert.ok(decl, `carepath.d.ts declares no ${name}`);
      if (isVariants) {
        assert.equal(decl.kind, 'variants', name);
        const variants = /** @type {VariantsType} */ (decl).variants;
        const tags = schema.oneOf.map((/** @type {any} */ o) => o.properties.change.const);
        assert.deepEqual([...variants.keys()].sort(), [...tags].sort(), `${name}: the variants differ`);
        for (const o of schema.oneOf) compareFields(`${name}[${o.properties.change.const}]`, /** @type {Map<string, Field>} */ (variants.get(o.properties.change.const)), o);
      } else if (isObject) {
        assert.equal(decl.kind, 'object', name);
        compareFields(name, /** @type {ObjectType} */ (decl).fields, schema);
      } else if (words) {
        assert.equal(decl.kind, 'words', name);
        const w = /** @type {WordsType} */ (decl);
        assert.deepEqual([...w.words].sort(), [...words.words].sort(), `${name}: the words differ`);
        assert.equal(w.number, words.number, `${name}: integer allowed or not`);
      }
    });
  }

  it('declares no domain type that the schemas lack', () => {
    const extra = [...declared.keys()].filter((n) => !schemas.has(n) && !TS_ONLY.has(n) && declared.get(n)?.kind !== 'words');
    assert.deepEqual(extra, [], `not in any schema: ${extra}`);
  });
});
