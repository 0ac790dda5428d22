import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

ruleTester('wrong-port', {
  invalid: [
    {
      name: 'digits swapped',
      text: edit(CONTOSO, 'service: XMPP/TCP/5269\n        from: any', 'service: XMPP/TCP/5296\n        from: any'),
      errors: (text, finding) => [
        finding(span(text, 'XMPP/TCP/5296'), 'wrongPort', { rowId: 'X1', written: '5296', port: '5269' }),
      ],
    },
  ],
});
