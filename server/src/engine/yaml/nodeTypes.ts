import type { Alias, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

// The yaml library's node-type tests, as the library itself writes them (dist/nodes/identity.js,
// yaml 2.9): each node carries a symbol from the global registry (Symbol.for, so nodes made by
// another copy of the library pass too) under another registered key. Importing isMap & co. from
// the library loads all of it, parser included; the language server's main thread only tests the
// nodes the worker's parse built, and imports these so that its bundle carries no parser.
// test/engine/yaml/nodeTypes.test.ts holds them to the library's own on every kind of node.

const NODE_TYPE = Symbol.for('yaml.node.type');
const ALIAS = Symbol.for('yaml.alias');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');

const typeOf = (node: unknown): unknown =>
  !!node && typeof node === 'object' ? (node as { [NODE_TYPE]?: unknown })[NODE_TYPE] : undefined;

export const isAlias = (node: unknown): node is Alias => typeOf(node) === ALIAS;
export const isMap = <K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> => typeOf(node) === MAP;
export const isPair = <K = unknown, V = unknown>(node: unknown): node is Pair<K, V> => typeOf(node) === PAIR;
export const isScalar = <T = unknown>(node: unknown): node is Scalar<T> => typeOf(node) === SCALAR;
export const isSeq = <T = unknown>(node: unknown): node is YAMLSeq<T> => typeOf(node) === SEQ;
