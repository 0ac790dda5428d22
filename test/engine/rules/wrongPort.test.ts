import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

describe('wrong-port', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'digits swapped',
        text: edit(CONTOSO, 'service: XMPP/TCP/5269\n        from: any', 'service: XMPP/TCP/5296\n        from: any'),
        errors: (text) => [
          {
            code: 'wrong-port',
            severity: 'error',
            at: span(text, 'XMPP/TCP/5296'),
            messageId: 'wrongPort',
            data: { rowId: 'X1', written: '5296', port: '5269' },
          },
        ],
      },
    ],
  });
});
