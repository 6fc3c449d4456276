// @ts-check
// Keeps the hand-written TypeScript declarations (js/carepath.d.ts) in step with the JSON Schemas
// generated from the Rust types (standards/schemas/*.schema.json: the three file formats and the
// answers of migration, comparison, benchmark and consensus): every object type has the same
// fields, a field is optional in TypeScript exactly when the file may leave it out, may be null
// exactly when the schema allows null, has the schema's kind of value (text, number, boolean,
// list, or the named type), and every string enumeration has the same words.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

import ts from 'typescript';

import { packageRoot, repoRoot } from './helpers.mjs';

const SCHEMAS = path.join(repoRoot, 'standards', 'schemas');
const ROOTS = {
  'catalogue.schema.json': 'Catalogue',
  'assessment.schema.json': 'Assessment',
  'report.schema.json': 'Report',
  'migration.schema.json': 'MigrationReport',
  'comparison.schema.json': 'Comparison',
  'benchmark.schema.json': 'Benchmark',
  'consensus.schema.json': 'Consensus',
};
/** Declared in TypeScript only (no schema of their own): errors, handles, options, and the pairs two operations answer. */
const TS_ONLY = new Set([
  'Problem', 'CarepathError', 'CatalogueHandle', 'MigrateOptions', 'BenchmarkOptions', 'ConsensusOptions',
  'MigrationResult', 'ConsensusResult',
  // A FHIR resource: its shape is FHIR's (checked by fhir.resources in the Python tests), not ours.
  'FhirResource',
]);
/** The pairs of `migrate` and `consensus`: TypeScript declares them, the schemas describe their parts. */
const PAIRS = {
  MigrationResult: { assessment: 'Assessment', report: 'MigrationReport' },
  ConsensusResult: { assessment: 'Assessment', consensus: 'Consensus' },
};

/**
 * @typedef {{ name: string, optional: boolean, nullable: boolean, text: string, type: ts.TypeNode }} Field
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
      fields.set(name, { name, optional: Boolean(m.questionToken), nullable: /\bnull\b/.test(text), text, type: m.type });
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

/**
 * The parts of a type's schema that describe its values (not its title, `$schema` or `$defs`).
 * @param {any} schema
 */
function shape(schema) {
  const { type, properties, required, oneOf, anyOf, enum: words, items, pattern } = schema;
  return JSON.parse(JSON.stringify({ type, properties, required, oneOf, anyOf, enum: words, items, pattern }));
}

/**
 * The schema with every `#/$defs/<alias>` reference renamed to its TypeScript name.
 * @param {any} schema
 * @param {Map<string, string>} aliases
 */
function renameRefs(schema, aliases) {
  return JSON.parse(JSON.stringify(schema), (key, value) => {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/$defs/', '');
      return `#/$defs/${aliases.get(name) ?? name}`;
    }
    return value;
  });
}

/**
 * The TypeScript name of a schema definition. schemars names the instances of one generic Rust
 * type `GroupChange`, `GroupChange2`, ... (one per type argument: theme ids, cross-cutting ids);
 * TypeScript declares the generic type once, so `GroupChange2` is `GroupChange` when its fields
 * are the same and differ only in the kind of id.
 * @param {string} name
 * @param {any} def
 * @param {Record<string, any>} defs
 */
function tsName(name, def, defs) {
  const base = name.replace(/\d+$/, '');
  if (base === name || !defs[base]) return name;
  const ids = (/** @type {any} */ d) => ({ ...d.properties, id: undefined });
  assert.deepEqual(Object.keys(def.properties ?? {}), Object.keys(defs[base].properties ?? {}), `${name} is not an instance of ${base}`);
  assert.deepEqual(JSON.stringify(ids(def)), JSON.stringify(ids(defs[base])), `${name} differs from ${base} in more than its id`);
  return base;
}

/** Every object and enumeration of the schemas, by TypeScript name (all schemas agree on each). */
function schemaTypes() {
  /** @type {Map<string, any>} */
  const out = new Map();
  /** @param {string} name @param {any} def @param {string} where */
  const add = (name, def, where) => {
    const have = out.get(name);
    if (have) assert.deepEqual(shape(def), shape(have), `${name} differs between schemas (${where})`);
    else out.set(name, def);
  };
  for (const [file, rootName] of Object.entries(ROOTS)) {
    const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8'));
    const defs = schema.$defs ?? {};
    /** @type {Map<string, string>} */
    const aliases = new Map();
    for (const [name, def] of Object.entries(defs)) aliases.set(name, tsName(name, def, defs));
    add(rootName, renameRefs(schema, aliases), file);
    for (const [name, def] of Object.entries(defs)) {
      if (aliases.get(name) === name) add(name, renameRefs(def, aliases), file);
    }
  }
  return out;
}

/**
 * What kind of value a schema allows, as the TypeScript text must say it: the named type of a
 * `$ref` (or `string` for a named string such as an id, a date or a version), `string`,
 * `number`, `boolean`, a list of the item's kind, or null.
 * @param {any} schema
 * @param {Map<string, any>} schemas
 * @returns {string[]} one entry per alternative
 */
function kinds(schema, schemas) {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    const def = schemas.get(name);
    return [def && def.type === 'string' && !def.enum ? 'string' : name];
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.flatMap((/** @type {any} */ a) => kinds(a, schemas));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.map((/** @type {string} */ t) => {
    if (t === 'integer' || t === 'number') return 'number';
    if (t === 'array') return `list of ${kinds(schema.items, schemas).sort().join(' | ')}`;
    if (t === 'object' && typeof schema.additionalProperties === 'object') return `map of ${kinds(schema.additionalProperties, schemas).join(' | ')}`;
    if (t === 'object' && schema.patternProperties) {
      const values = Object.values(schema.patternProperties);
      return `map of ${values.flatMap((v) => kinds(v, schemas)).join(' | ')}`;
    }
    return t;
  });
}

/**
 * The same, read from a TypeScript type.
 * @param {ts.TypeNode} node
 * @returns {string[]}
 */
function tsKinds(node) {
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(tsKinds);
  if (ts.isParenthesizedTypeNode(node)) return tsKinds(node.type);
  if (ts.isArrayTypeNode(node)) return [`list of ${[...new Set(tsKinds(node.elementType))].sort().join(' | ')}`];
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    const args = node.typeArguments ?? [];
    if (name === 'Array') return [`list of ${[...new Set(tsKinds(args[0]))].sort().join(' | ')}`];
    if (name === 'Record') return [`map of ${tsKinds(args[1]).join(' | ')}`];
    return [name];
  }
  if (ts.isLiteralTypeNode(node)) {
    if (node.literal.kind === ts.SyntaxKind.NullKeyword) return ['null'];
    if (ts.isNumericLiteral(node.literal)) return ['number'];
    if (ts.isStringLiteral(node.literal)) return ['string'];
  }
  if (node.kind === ts.SyntaxKind.StringKeyword) return ['string'];
  if (node.kind === ts.SyntaxKind.NumberKeyword) return ['number'];
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return ['boolean'];
  return [node.getText()];
}

/**
 * Compares an object's fields with a schema's properties.
 * @param {string} where
 * @param {Map<string, Field>} fields
 * @param {any} schema
 * @param {Map<string, any>} schemas
 */
function compareFields(where, fields, schema, schemas) {
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
    // A tag (`change: 'split'`) is a string constant; a named string enumeration stands for its words.
    if (name === 'change' && prop.const !== undefined) continue;
    const want = [...new Set(kinds(prop, schemas))].sort();
    const got = [...new Set(tsKinds(field.type))].sort();
    const loose = (/** @type {string[]} */ ks) => ks.filter((k) => k !== 'null');
    assert.deepEqual(loose(got), loose(want), `${where}.${name}: TypeScript says ${field.text}, the schema ${JSON.stringify(want)}`);
    // An optional field is left out rather than written as null (readers also take null).
    if (!field.optional) assert.equal(got.includes('null'), want.includes('null'), `${where}.${name}: null allowed on one side only (${field.text})`);
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
        for (const o of schema.oneOf) compareFields(`${name}[${o.properties.change.const}]`, /** @type {Map<string, Field>} */ (variants.get(o.properties.change.const)), o, schemas);
      } else if (isObject) {
        assert.equal(decl.kind, 'object', name);
        compareFields(name, /** @type {ObjectType} */ (decl).fields, schema, schemas);
      } else if (words) {
        assert.equal(decl.kind, 'words', name);
        const w = /** @type {WordsType} */ (decl);
        assert.deepEqual([...w.words].sort(), [...words.words].sort(), `${name}: the words differ`);
        assert.equal(w.number, words.number, `${name}: integer allowed or not`);
      }
    });
  }

  it('declares the answers of migrate and consensus as pairs of schema types', () => {
    for (const [name, parts] of Object.entries(PAIRS)) {
      const decl = declared.get(name);
      assert.ok(decl && decl.kind === 'object', `carepath.d.ts declares no ${name}`);
      const fields = /** @type {ObjectType} */ (decl).fields;
      assert.deepEqual([...fields.keys()].sort(), Object.keys(parts).sort(), name);
      for (const [field, type] of Object.entries(parts)) {
        assert.ok(schemas.has(type), `${type} is a schema type`);
        assert.equal(fields.get(field)?.text, type, `${name}.${field}`);
      }
    }
  });

  it('checks every new kind of answer', () => {
    for (const name of ['MigrationReport', 'RatingFate', 'Comparison', 'GroupChange', 'StandardDelta', 'Benchmark', 'Distribution', 'GroupDistribution', 'AreaPosition', 'Consensus', 'StandardConsensus']) {
      assert.ok(schemas.has(name), `the schemas define ${name}`);
    }
    assert.ok(!schemas.has('GroupChange2') && !schemas.has('GroupDistribution2'), 'generic instances fold into one type');
  });

  it('declares no domain type that the schemas lack', () => {
    const extra = [...declared.keys()].filter((n) => !schemas.has(n) && !TS_ONLY.has(n) && declared.get(n)?.kind !== 'words');
    assert.deepEqual(extra, [], `not in any schema: ${extra}`);
  });
});
