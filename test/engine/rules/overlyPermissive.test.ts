import { CONTOSO, edit, fullRule, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

ruleTester('overly-permissive', {
  invalid: [
    {
      name: 'any to any',
      text: withExternal(fullRule('open', 'TCP/8080', 'any', 'any')),
      errors: (text, finding) => [
        finding(ruleItem(text, 'open', 'to: any', 2), 'anyToAny', { service: 'TCP/8080', firewall: 'external' }),
      ],
    },
    {
      name: 'a destination any inbound from the Internet',
      text: withExternal(fullRule('partners', 'TCP/8443', '203.0.113.0/24', 'any')),
      errors: (text, finding) => [
        finding(ruleItem(text, 'partners', 'to: any', 2), 'inboundToAny', { from: '203.0.113.0/24' }),
      ],
    },
    {
      name: 'a port range far wider than XMPP needs',
      text: edit(CONTOSO, 'service: XMPP/MTLS/23456', 'service: TCP/1024-65535'),
      errors: (text, finding) => {
        const data = { transport: 'TCP', ports: '1024-65535', needed: '23456', need: 'needs' };
        return [finding(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'widePorts', data)];
      },
    },
  ],
});
