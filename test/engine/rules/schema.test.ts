import { CONTOSO, edit } from './fixtures';
import { messagesOf, ruleTester, span } from './ruleTester';

const schema = messagesOf('schema', 'error');

ruleTester('schema', {
  invalid: [
    {
      name: 'an unknown key of a firewall',
      text: edit(CONTOSO, '    between: [corp, perimeter]\n', '    between: [corp, perimeter]\n    colour: red\n'),
      errors: (text) => [
        schema(
          span(text, 'colour'),
          "Unknown key 'colour' in a firewall. Expected one of: between, default, description, rules.",
        ),
      ],
    },
  ],
});
