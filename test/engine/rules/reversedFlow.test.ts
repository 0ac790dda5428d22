import { CONTOSO, edit } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

ruleTester('reversed-flow', {
  invalid: [
    {
      name: 'the gateway rule written from the Edge to the Front End',
      text: edit(CONTOSO, 'from: any\n        to: edge01.internal', 'from: edge01.internal\n        to: fe01'),
      errors: (text, finding) => {
        const data = { rowId: 'X3', from: 'edge01.internal', to: 'fe01', flowFrom: 'fe01', flowTo: 'edge01.internal' };
        return [finding(ruleItem(text, 'XMPP gateway to Edge', 'to: fe01'), 'reversed', data)];
      },
    },
  ],
});
