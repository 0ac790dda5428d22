import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { findingsOf, ruleItem, ruleTester } from './ruleTester';

const reversed = findingsOf('reversed-flow', 'error');

describe('reversed-flow', () => {
  ruleTester({
    invalid: [
      {
        name: 'the gateway rule written from the Edge to the Front End',
        text: edit(
          CONTOSO,
          '        from: any\n        to: edge01.internal',
          '        from: edge01.internal\n        to: fe01',
        ),
        errors: (text) => [
          reversed(ruleItem(text, 'XMPP gateway to Edge', 'to: fe01'), 'reversed', {
            rowId: 'X3',
            from: 'edge01.internal',
            to: 'fe01',
            flowFrom: 'fe01',
            flowTo: 'edge01.internal',
          }),
        ],
      },
    ],
  });
});
