import { withExternal } from './fixtures';
import { messagesOf, ruleTester, span } from './ruleTester';

const invalidPort = messagesOf('invalid-port', 'error');

ruleTester('invalid-port', {
  valid: [
    {
      name: 'a port list and a range',
      text: withExternal(
        '      - name: web\n        reason: partner extranet\n        service: HTTPS/TCP/443,8443-8444\n' +
          '        from: any\n        to: edge01.webConferencingEdge\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a port above 65535',
      text: withExternal(
        '      - name: too high\n        service: XMPP/TCP/70000\n        from: any\n        to: edge01.accessEdge\n',
      ),
      errors: (text) => [invalidPort(span(text, 'XMPP/TCP/70000'), 'Port 70000 is outside 1..65535.')],
    },
    {
      name: 'a range that starts after it ends',
      text: withExternal(
        '      - name: backwards\n        service: RTP/UDP/59999-50000\n        from: edge01.avEdge\n        to: any\n',
      ),
      errors: (text) => [
        invalidPort(
          span(text, 'RTP/UDP/59999-50000'),
          'The range 59999-50000 starts after it ends; write 50000-59999.',
        ),
      ],
    },
    {
      name: 'port 0 in the object form',
      text: withExternal(
        '      - name: zero\n        transport: TCP\n        port: 0\n        from: any\n' +
          '        to: edge01.accessEdge\n',
      ),
      errors: (text) => [
        invalidPort(
          { ...span(text, 'port: 0'), start: span(text, 'port: 0').start + 6 },
          'Port 0 is outside 1..65535.',
        ),
      ],
    },
  ],
});
