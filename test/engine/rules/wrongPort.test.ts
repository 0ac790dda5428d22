import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { findingsOf, ruleTester, span } from './ruleTester';

const wrongPort = findingsOf('wrong-port', 'error');

describe('wrong-port', () => {
  ruleTester({
    invalid: [
      {
        name: 'digits swapped',
        text: edit(CONTOSO, 'service: XMPP/TCP/5269\n        from: any', 'service: XMPP/TCP/5296\n        from: any'),
        errors: (text) => [
          wrongPort(span(text, 'XMPP/TCP/5296'), 'wrongPort', { rowId: 'X1', written: '5296', port: '5269' }),
        ],
      },
    ],
  });
});
