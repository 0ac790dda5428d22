import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, EndpointResolver, resolveEndpoint } from '../../../server/src/engine/index';
import { CONTOSO, edit, fullRule, withExternal } from '../rules/fixtures';

// The model reads a rule endpoint that is no name of the model straight as an address
// (endpoints.ts EndpointResolver): a name that looks like an address is still the name, and every
// other text resolves as before, the first rule of its text and every later one alike.

type Ref = { kind: string; target?: string; interfaceName?: string; text: string };

function endpointsOf(text: string): Ref[] {
  const model = checkTopology(text).model;
  return model.firewalls.flatMap((firewall) =>
    firewall.rules.flatMap((rule) =>
      [...rule.from, ...rule.to].map(({ kind, target, interfaceName, text }) => ({
        kind,
        target,
        interfaceName,
        text,
      })),
    ),
  );
}

test('names that look like addresses stay names; other texts are addresses, networks, pools or unknown', () => {
  const named = edit(CONTOSO, 'servers:\n', 'servers:\n  10.9.9.9:\n    role: monitoring\n');
  const extra = [
    fullRule('a', 'TCP/1', '10.9.9.9', 'edge01.accessEdge'),
    fullRule('b', 'TCP/2', '10.9.9.8', 'edge01.accessEdge'),
    fullRule('c', 'TCP/3', '2001:db8::/48', 'edge01.accessEdge'),
    fullRule('d', 'TCP/4', 'ANY', 'edge01.internal'),
    fullRule('e', 'TCP/5', 'edge01.nowhere', 'edge01'),
    fullRule('f', 'TCP/6', '10.9.9.9', 'vip.nothing'),
  ].join('');
  const refs = endpointsOf(withExternal(extra, named)).filter((ref) =>
    /^(10\.9|2001|ANY|edge01\.nowhere|vip|edge01$)/.test(ref.text),
  );
  assert.deepEqual(refs, [
    { kind: 'server', target: '10.9.9.9', interfaceName: undefined, text: '10.9.9.9' },
    { kind: 'address', target: undefined, interfaceName: undefined, text: '10.9.9.8' },
    { kind: 'cidr', target: undefined, interfaceName: undefined, text: '2001:db8::/48' },
    { kind: 'any', target: undefined, interfaceName: undefined, text: 'ANY' },
    { kind: 'unknown', target: undefined, interfaceName: undefined, text: 'edge01.nowhere' },
    { kind: 'server', target: 'edge01', interfaceName: undefined, text: 'edge01' },
    { kind: 'server', target: '10.9.9.9', interfaceName: undefined, text: '10.9.9.9' },
    { kind: 'unknown', target: undefined, interfaceName: undefined, text: 'vip.nothing' },
  ]);
});

test('one resolver asked many texts answers as resolveEndpoint does, the same text twice alike', () => {
  const model = checkTopology(edit(CONTOSO, 'servers:\n', 'servers:\n  10.9.9.9:\n    role: monitoring\n')).model;
  const texts = [
    ...model.servers.flatMap((server) => [
      server.name,
      ...server.interfaces.map((item) => `${server.name}.${item.name}`),
    ]),
    ...model.networks.map((network) => network.name),
    ...model.pools.keys(),
    'any',
    'ANY',
    'Any',
    '10.9.9.9',
    '10.9.9.8',
    '192.0.2.0/24',
    '2001:db8::/48',
    'edge01.nowhere',
    'vip.nothing',
    'vip.accessEdge',
    '',
  ];
  const resolver = new EndpointResolver(model);
  for (const text of [...texts, ...texts]) assert.deepEqual(resolver.resolve(text), resolveEndpoint(model, text), text);
});
