import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as yaml from 'yaml';
import { checkTopology, yamlNodeTypes } from '../../../server/src/engine/index';
import { exampleFiles } from '../../support/examples';

// engine/yaml/nodeTypes.ts tests nodes the way the yaml library does, without loading it: on
// every kind of node the library makes (and on what is no node) both answer alike. A library
// version that marked its nodes otherwise fails here.

type NodeTest = (node: unknown) => boolean;
const TESTS: [name: string, ours: NodeTest, library: NodeTest][] = [
  ['isAlias', yamlNodeTypes.isAlias, yaml.isAlias],
  ['isMap', yamlNodeTypes.isMap, yaml.isMap],
  ['isPair', yamlNodeTypes.isPair, yaml.isPair],
  ['isScalar', yamlNodeTypes.isScalar, yaml.isScalar],
  ['isSeq', yamlNodeTypes.isSeq, yaml.isSeq],
];

// Anchors, aliases, merge keys, flow and block collections, every scalar style, a broken line.
const EVERY_KIND = `base: &base { a: 1, b: [x, "y", 'z'] }
merged:
  <<: *base
  block: |
    text
  folded: >-
    more
  list:
    - ? complex key
      : value
    - !!str 12
    - ~
broken: [unclosed
`;

const kindOf = (value: unknown): string =>
  value && typeof value === 'object' ? (value.constructor?.name ?? 'bare object') : typeof value;

function everyNode(doc: yaml.Document): unknown[] {
  const found: unknown[] = [doc];
  yaml.visit(doc, (_key, node) => {
    found.push(node);
  });
  return found;
}

test('the node-type tests agree with the library on every node of the examples and of every kind', () => {
  const texts = [...exampleFiles({ broken: true }).map((file) => readFileSync(file, 'utf8')), EVERY_KIND];
  const kinds = new Set<string>();
  for (const text of texts) {
    const docs = [yaml.parseDocument(text, { merge: true }), checkTopology(text).parsed.doc];
    for (const node of docs.flatMap(everyNode)) {
      for (const [name, ours, library] of TESTS) {
        assert.equal(ours(node), library(node), `${name} of a ${kindOf(node)}`);
        if (library(node)) kinds.add(name);
      }
    }
  }
  assert.deepEqual(
    [...kinds].sort(),
    TESTS.map(([name]) => name),
  );
});

test('nodes built by hand, and values that are no node', () => {
  const doc = new yaml.Document({ map: { list: [1, 'two'] } });
  const built = [
    ...everyNode(doc),
    new yaml.Scalar(1),
    new yaml.YAMLMap(),
    new yaml.YAMLSeq(),
    new yaml.Pair('key', 'value'),
    new yaml.Alias('anchor'),
  ];
  const noNodes = [null, undefined, 0, 1, '', 'map', true, {}, [], Object.create(null), () => undefined];
  const lookalike = { [Symbol('yaml.node.type')]: Symbol.for('yaml.map') };
  for (const value of [...built, ...noNodes, lookalike, { items: [] }]) {
    for (const [name, ours, library] of TESTS)
      assert.equal(ours(value), library(value), `${name} of a ${kindOf(value)}`);
  }
});
