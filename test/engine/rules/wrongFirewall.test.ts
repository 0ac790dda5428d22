import { CONTOSO, edit, INTERNAL_RULE, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

ruleTester('wrong-firewall', {
  invalid: [
    {
      name: '23456 on the external firewall',
      text: withExternal(INTERNAL_RULE, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, '    rules: []\n')),
      errors: (text, finding) => {
        const data = { rowId: 'X3', target: 'internal', firewall: 'external', between: 'internet/perimeter' };
        return [finding(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'wrongFirewall', data)];
      },
    },
  ],
});
