import { CONTOSO, edit } from './fixtures';
import { findingsOf, messagesOf, ruleTester, span } from './ruleTester';

const invalidAddress = messagesOf('invalid-address', 'error');
const missingFlow = findingsOf('missing-flow', 'error');
const NOT_AN_ADDRESS =
  'is not a valid IP address: write four numbers 0-255 separated by dots (131.107.155.10) or an IPv6 address.';

ruleTester('invalid-address', {
  valid: [
    {
      name: 'IPv6 subnets and addresses',
      text: edit(CONTOSO, 'subnets: [192.168.10.0/24]', 'subnets: [192.168.10.0/24, 2001:db8:10::/48]'),
    },
  ],
  invalid: [
    {
      name: 'an octet above 255',
      text: edit(CONTOSO, 'ip: 192.168.10.90', 'ip: 192.168.10.900'),
      errors: (text) => [invalidAddress(span(text, '192.168.10.900'), `'192.168.10.900' ${NOT_AN_ADDRESS}`)],
    },
    {
      name: 'a CIDR with a bad prefix',
      text: edit(CONTOSO, 'subnets: [192.168.10.0/24]', 'subnets: [192.168.10.0/33]'),
      errors: (text) => [
        invalidAddress(
          span(text, '192.168.10.0/33'),
          "'192.168.10.0/33' is not a valid CIDR: write an address and a prefix length, such as 172.25.33.0/24 " +
            "or 2001:db8::/32. (network 'corp')",
        ),
      ],
    },
    {
      name: 'an endpoint that looks like an address',
      text: edit(
        CONTOSO,
        '        from: any\n        to: edge01.internal',
        '        from: 192.168.10.300\n        to: edge01.internal',
      ),
      errors: (text) => [
        invalidAddress(span(text, '192.168.10.300'), `'192.168.10.300' ${NOT_AN_ADDRESS}`),
        missingFlow(span(text, 'rules', 2), 'missing', { rowId: 'X3' }),
      ],
    },
  ],
});
