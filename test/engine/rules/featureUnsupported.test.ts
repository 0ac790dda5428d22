import { CONTOSO, edit, ONE_IP } from './fixtures';
import { findingsOf, ruleItem, ruleTester, span } from './ruleTester';

const sfb2019 = edit(CONTOSO, 'product: lync2013', 'product: sfb2019');
const unneeded = findingsOf('unneeded-rule', 'warning');
const XMPP_ON_2019 = { feature: 'XMPP federation', product: 'sfb2019' };
const KEEP_IT_LEGACY =
  'Skype for Business Server 2019 has no XMPP federation: "The XMPP functionality is no longer available and is ' +
  'deprecated in Skype for Business Server 2019". Keep XMPP on a legacy Lync 2013 / Skype for Business 2015 Edge ' +
  'and Front End pool, or disable xmppFederation.';

ruleTester('feature-unsupported', {
  valid: [
    { name: 'Skype for Business Server 2015 keeps XMPP', text: edit(CONTOSO, 'product: lync2013', 'product: sfb2015') },
  ],
  invalid: [
    {
      name: 'XMPP off on 2019: no finding on the feature, and its rules are unneeded',
      text: edit(sfb2019, 'xmppFederation: true', 'xmppFederation: false'),
      errors: (text) => [
        unneeded(ruleItem(text, 'XMPP from federated partners', 'to: edge01.accessEdge'), 'reaches'),
        unneeded(ruleItem(text, 'XMPP to federated partners', 'to: any'), 'leaves'),
        unneeded(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'reaches'),
      ],
    },
    {
      name: 'XMPP on Skype for Business Server 2019',
      text: sfb2019,
      errors: (text, finding) => [finding(span(text, 'xmppFederation'), 'unsupported', XMPP_ON_2019)],
    },
    {
      name: 'SfB 2019 has no XMPP federation: keep it on a legacy pool',
      text: edit(ONE_IP, 'features:\n', 'features:\n  xmppFederation: true\n'),
      errors: (text, finding) => [
        finding(span(text, 'xmppFederation'), 'unsupported', { ...XMPP_ON_2019, reason: KEEP_IT_LEGACY }),
      ],
    },
  ],
});
