import { CONTOSO, edit } from './fixtures';
import { messagesOf, ruleTester, span } from './ruleTester';

const yamlSyntax = messagesOf('yaml-syntax', 'error');

ruleTester('yaml-syntax', {
  valid: [{ name: 'the contract example', text: CONTOSO }],
  invalid: [
    {
      name: 'an unclosed flow sequence',
      text: edit(CONTOSO, '  sip: [contoso.com]', '  sip: [contoso.com'),
      errors: (text) => [
        yamlSyntax(
          { ...span(text, 'xmpp: [contoso.com]'), start: 2, end: 3 },
          'Flow sequence in block collection must be sufficiently indented and end with a ]. ' +
            'Check the indentation of this line against its parent.',
        ),
      ],
    },
  ],
});
