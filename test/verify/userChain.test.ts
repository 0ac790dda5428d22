import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hostFindings } from '../support/hostFindings';

// A user chain named alone for an Edge server (`--chain edge01=LYNC-IN`) stands where the kernel
// calls it from: the one base chain that jumps to it gives its direction and its policy.

const X1_IN = '-A LYNC-IN -d 131.107.155.10/32 -p tcp -m tcp --dport 5269 -j ACCEPT';
const X3_IN = '-A LYNC-IN -s 192.168.10.90/32 -d 172.25.33.10/32 -p tcp -m tcp --dport 23456 -j ACCEPT';

function save(jumps: string[], rules: string[]): string {
  const chains = [':INPUT DROP [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT DROP [0:0]', ':LYNC-IN - [0:0]'];
  return ['*filter', ...chains, ...jumps, ...rules, 'COMMIT', ''].join('\n');
}

const found = (text: string) => hostFindings(text, 'LYNC-IN');

describe('verify: a user chain named for a host is judged where INPUT or OUTPUT jumps to it', () => {
  test('jumped to from INPUT: judged for what reaches the server, with INPUT’s policy', () => {
    assert.deepEqual(found(save(['-A INPUT -j LYNC-IN'], [X1_IN, X3_IN])), []);
    // X3 missing falls through to INPUT's DROP, not FORWARD's ACCEPT.
    assert.deepEqual(found(save(['-A INPUT -j LYNC-IN'], [X1_IN])), [{ line: 5, code: 'missing-flow', row: 'X3' }]);
  });

  test('jumped to from OUTPUT: judged for what the server sends; a rule for what reaches it is unneeded there', () => {
    assert.deepEqual(found(save(['-A OUTPUT -j LYNC-IN'], [X1_IN])), [
      { line: 5, code: 'missing-flow', row: 'X2' },
      { line: 7, code: 'unneeded-rule', row: undefined },
    ]);
  });

  test('jumped to from no base chain: the direction cannot be told, and it is judged both ways', () => {
    // FORWARD's policy stands in for the caller the dump does not show.
    assert.deepEqual(found(save([], [X1_IN]).replace(':FORWARD ACCEPT', ':FORWARD DROP')), [
      { line: 5, code: 'missing-flow', row: 'X2' },
      { line: 5, code: 'missing-flow', row: 'X3' },
    ]);
  });
});
