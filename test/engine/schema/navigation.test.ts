import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getTopologySchema, schemaAtPath } from '../../../server/src/engine/index';

describe('schemaAtPath', () => {
  const schema = getTopologySchema();
  const definitions = schema.definitions ?? {};

  test('the rule schema for a rule of a firewall', () => {
    const rule = schemaAtPath(['firewalls', 'external', 'rules', 0]);
    assert.equal(rule, definitions.rule);
    assert.ok(rule?.properties?.service);
  });

  test('the role schema for a server role', () => {
    const role = schemaAtPath(['servers', 'edge01', 'role']);
    assert.equal(role, definitions.role);
    assert.deepEqual(role?.enum, ['edge', 'frontEnd', 'director', 'reverseProxy', 'officeWebApps']);
  });

  test('other paths: service objects, interfaces, endpoints, unknown keys', () => {
    assert.equal(schemaAtPath([]), schema);
    assert.equal(schemaAtPath(['servers', 'edge01', 'interfaces', 'accessEdge']), definitions.interface);
    assert.equal(schemaAtPath(['firewalls', 'external', 'rules', 0, 'service', 'transport']), definitions.transport);
    assert.equal(schemaAtPath(['firewalls', 'external', 'rules', 0, 'service', 1, 'port']), definitions.port);
    assert.equal(schemaAtPath(['firewalls', 'external', 'rules', 0, 'transport']), definitions.transport);
    assert.equal(schemaAtPath(['firewalls', 'external', 'rules', 0, 'to', 1]), definitions.endpoint);
    assert.equal(schemaAtPath(['features', 'xmppFederation'])?.type, 'boolean');
    assert.equal(schemaAtPath(['networks', 'corp', 'subnets', 0])?.type, 'string');
    assert.equal(schemaAtPath(['topology', 'product']), definitions.product);
    assert.equal(schemaAtPath(['nonsense']), undefined);
    assert.equal(schemaAtPath(['topology', 'nonsense']), undefined);
    assert.equal(schemaAtPath(['servers', 'edge01', 'role', 'deeper']), undefined);
  });
});
