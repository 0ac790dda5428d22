import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, requiredRows } from '../../../server/src/engine/index';
import { edit, example, fullRule } from '../rules/fixtures';
import { ruleTester, spanWithin } from '../rules/ruleTester';

// The reverse proxy rows: Office Web Apps / Office Online Server (R05) for every product
// ("Configure integration with Office Web Apps Server in Skype for Business Server"), and HTTP
// 80/8080 (R01/R03) only with edge.publishHttp: true (L-RP: "Optional", "not needed").

const OOS = example('sfb2019-office-online-server.topology.yaml');
const R05_RULE = fullRule('Reverse proxy to Office Online Server', 'HTTPS/TCP/443', 'rp01.internal', 'oos01');
const internalRules = (text: string) => spanWithin(text, 'between: [corp, dmz-internal]', 'rules');

ruleTester('missing-flow', {
  valid: [
    { name: 'Skype for Business with Office Online Server, HTTPS only (443 and 4443)', text: OOS },
    {
      name: 'without an officeWebApps server R05 binds to nothing',
      text: edit(
        edit(OOS, R05_RULE, ''),
        '  oos01:\n    role: officeWebApps\n    interfaces:\n      primary: { ip: 192.168.10.120, network: corp }\n',
        '',
      ),
    },
  ],
  invalid: [
    {
      name: 'Skype for Business Server 2019: the reverse proxy must reach Office Online Server (R05)',
      text: edit(OOS, R05_RULE, ''),
      errors: (text, finding) => [
        finding(internalRules(text), 'missing', {
          rowId: 'R05',
          service: 'HTTPS/TCP/443',
          from: 'rp01.internal',
          to: 'oos01',
          page: 'Configure integration with Office Web Apps Server in Skype for Business Server',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'Skype for Business Server 2015 needs R05 too',
      text: edit(edit(OOS, 'product: sfb2019', 'product: sfb2015'), R05_RULE, ''),
      errors: (text, finding) => [finding(internalRules(text), 'missing', { rowId: 'R05', to: 'oos01' })],
    },
    {
      name: 'with edge.publishHttp: true, 80 and 8080 are required',
      text: edit(OOS, 'edge:\n', 'edge:\n  publishHttp: true\n'),
      errors: (text, finding) => [
        finding(spanWithin(text, 'between: [internet, dmz-external]', 'rules'), 'missing', {
          rowId: 'R01',
          service: 'HTTP/TCP/80',
        }),
        finding(internalRules(text), 'missing', { rowId: 'R03', service: 'HTTP/TCP/8080' }),
      ],
    },
  ],
});

test('R05 cites the Skype for Business Office Web Apps Server page first for Skype for Business', () => {
  const keys = (text: string) =>
    requiredRows(checkTopology(text).model)
      .find((row) => row.id === 'R05')
      ?.sources.map((source) => source.key);
  assert.deepEqual(keys(OOS), ['S-OWAS', 'L-RP']);
  assert.deepEqual(keys(edit(OOS, 'product: sfb2019', 'product: lync2013')), ['L-RP', 'S-OWAS']);
  const r05 = requiredRows(checkTopology(OOS).model).find((row) => row.id === 'R05');
  assert.equal(
    r05?.sources[0].url,
    'https://learn.microsoft.com/en-us/skypeforbusiness/deploy/deploy-conferencing/office-web-app-server',
  );
});
