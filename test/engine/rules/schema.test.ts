import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

describe('schema', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'an unknown key of a firewall',
        text: edit(CONTOSO, '    between: [corp, perimeter]\n', '    between: [corp, perimeter]\n    colour: red\n'),
        errors: (text) => [
          {
            code: 'schema',
            severity: 'error',
            at: span(text, 'colour'),
            message: "Unknown key 'colour' in a firewall. Expected one of: between, default, description, rules.",
          },
        ],
      },
    ],
  });
});
