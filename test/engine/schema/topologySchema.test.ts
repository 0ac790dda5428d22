import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getTopologySchema, parseTopology, validateSchema } from '../../../server/src/engine/index';
import type { TopologySchema } from '../../../server/src/engine/index';

describe('the schema itself', () => {
  const schema = getTopologySchema();
  const definitions = schema.definitions ?? {};

  test('every property has a description and examples', () => {
    const missing: string[] = [];
    const visited = new Set<unknown>();
    const resolve = (node: TopologySchema): TopologySchema => {
      let current = node;
      for (let hops = 0; typeof current.$ref === 'string' && hops < 16; hops++) {
        const name = current.$ref.replace('#/definitions/', '');
        current = definitions[name];
        assert.ok(current, `unresolved $ref ${name}`);
      }
      return current;
    };
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null || visited.has(node)) return;
      visited.add(node);
      const s = node as TopologySchema;
      for (const [name, sub] of Object.entries(s.properties ?? {})) {
        const target = resolve(sub);
        // Keys that a dependency forbids (`{ not: {} }`) are described where they are defined.
        if (!('not' in sub)) {
          if (!target.description) missing.push(`${where}.properties.${name}: description`);
          if (!Array.isArray(target.examples) || target.examples.length === 0)
            missing.push(`${where}.properties.${name}: examples`);
        }
        walk(target, `${where}.${name}`);
      }
      for (const [pattern, sub] of Object.entries(s.patternProperties ?? {})) {
        if (!resolve(sub).description) missing.push(`${where}.patternProperties.${pattern}: description`);
      }
      if (typeof s.additionalProperties === 'object') {
        const target = resolve(s.additionalProperties);
        if (!target.description) missing.push(`${where}.additionalProperties: description`);
        walk(target, `${where}.*`);
      }
      if (s.items && !Array.isArray(s.items)) {
        const target = resolve(s.items);
        if (!target.description) missing.push(`${where}.items: description`);
        walk(target, `${where}[]`);
      }
      for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const)
        for (const sub of s[keyword] ?? []) walk(resolve(sub), where);
      // if/then/else only constrain properties described above (an Edge server's interface names).
      if (s.propertyNames) walk(resolve(s.propertyNames), where);
    };
    walk(schema, '#');
    for (const [name, definition] of Object.entries(definitions)) {
      if (!definition.description) missing.push(`#/definitions/${name}: description`);
      walk(definition, `#/definitions/${name}`);
    }
    assert.deepEqual(missing, []);
  });

  test('rules, servers, firewalls and networks offer snippets', () => {
    for (const name of ['rule', 'server', 'firewall', 'network', 'servers', 'firewalls', 'networks']) {
      const snippets = definitions[name]?.defaultSnippets;
      assert.ok(Array.isArray(snippets) && snippets.length > 0, name);
      for (const snippet of snippets) assert.ok(snippet.label && snippet.body, name);
    }
  });

  test('the snippet bodies, with placeholders filled in, are valid', () => {
    const fill = (value: unknown): unknown => {
      if (typeof value === 'string') {
        return value.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1');
      }
      if (Array.isArray(value)) return value.map(fill);
      if (typeof value === 'object' && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, sub]) => [String(fill(key)), fill(sub)]));
      }
      return value;
    };
    for (const [name, wrap] of [
      ['rule', (body: unknown) => ({ firewalls: { f: { between: ['a', 'b'], rules: [body] } } })],
      ['server', (body: unknown) => ({ servers: { s: body } })],
      ['firewall', (body: unknown) => ({ firewalls: { f: body } })],
      ['network', (body: unknown) => ({ networks: { n: body } })],
      ['servers', (body: unknown) => ({ servers: body })],
      ['firewalls', (body: unknown) => ({ firewalls: body })],
      ['networks', (body: unknown) => ({ networks: body })],
    ] as const) {
      for (const snippet of definitions[name].defaultSnippets ?? []) {
        const parsed = parseTopology(JSON.stringify(wrap(fill(snippet.body))));
        assert.deepEqual(
          validateSchema(parsed).map((d) => d.message),
          [],
          `${name}: ${snippet.label}`,
        );
      }
    }
  });
});
