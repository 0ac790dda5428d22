import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cursorContext, linesWalked } from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES, mutate, pick, random, type Rng } from '../../support/fuzz';

// The walks from the cursor's line to the lines that enclose it cross whole blocks of lines where
// no line of the block can end them (yaml/lineBlocks.ts). The reference walks every line: both
// must give the same context everywhere, on any text, after any edit (the blocks an edit reached
// are worked out again), and the blocks must keep the walk near the cursor in a long list.

/** A firewall of `count` rules, block and flow style, with comments, blank lines, block scalars and compact lists. */
function firewall(name: string, count: number, rng: Rng): string {
  const lines = [`  ${name}:`, '    between: [internet, perimeter]', '    rules:'];
  for (let k = 0; k < count; k++) {
    const style = rng();
    if (style < 0.15) lines.push(`      - { name: r${k}, service: HTTPS/TCP/443, from: any, to: edge01.accessEdge }`);
    else if (style < 0.2) lines.push('', '      # a comment at the items column', `      - name: r${k}`);
    else if (style < 0.25)
      lines.push(`      - name: r${k}`, '        note: |', '          - not an item', '          key: no');
    else if (style < 0.3) lines.push(`      - name: r${k}`, '        from:', '        - 10.0.0.1', '        - any');
    else lines.push(`      - name: r${k}`, '        service: SIP/TLS/TCP/5061', '        from: any');
    if (style >= 0.15) lines.push(`        to: ${pick(rng, ['edge01.accessEdge', '[a, b]', 'any  # tail'])}`);
  }
  return lines.join('\n');
}

function servers(count: number): string {
  const lines = ['servers:'];
  for (let k = 0; k < count; k++)
    lines.push(`  s${k}:`, '    role: edge', '    interfaces:', `      e${k}: { ip: 10.1.0.${k % 250} }`);
  return lines.join('\n');
}

function large(rng: Rng): string {
  return [
    'topology:\n  product: sfb2015',
    servers(300),
    'firewalls:',
    firewall('external', 900, rng),
    firewall('internal', 600, rng),
    'networks:',
    '  internet: { zone: external }',
  ].join('\n');
}

const EDITS = ['x', '\n', '', '      - ', '  ', '# ', ': |\n', 'rules:\n', '\n- name: y\n', '        key: v\n'];

function edited(text: string, rng: Rng): string {
  if (rng() < 0.3) return mutate(text, rng).text;
  const at = Math.floor(rng() * (text.length + 1));
  const removed = rng() < 0.4 ? Math.floor(rng() * 200) : 0;
  return text.slice(0, at) + pick(rng, EDITS) + text.slice(at + removed);
}

function assertSame(text: string, offset: number, what: string): void {
  const fast = cursorContext(text, offset);
  assert.deepEqual(fast, cursorContext(text, offset, true), `${what}, offset ${offset}`);
}

test('cursor blocks: the same context as the line-by-line walk, on long texts and after edits', () => {
  const rng = random(7300);
  let text = large(rng);
  for (let step = 0; step < 25; step++) {
    for (let probe = 0; probe < 40; probe++) assertSame(text, Math.floor(rng() * (text.length + 1)), `step ${step}`);
    // The next version updates the kept table: the blocks the edit reached are stale from then on.
    text = edited(text, rng);
  }
});

test('cursor blocks: the same context on every example, at every position', () => {
  for (const { name, text } of FUZZ_EXAMPLES) {
    const doubled = `${text}\n${text.replace(/^(\S)/gm, '  $1')}`;
    for (let offset = 0; offset <= doubled.length; offset += 7) assertSame(doubled, offset, name);
  }
});

test('cursor blocks: a rule in the middle of a long list reads the lines near it, not the list', () => {
  const text = large(random(7301));
  const offset = text.indexOf('- name: r450\n') + '- name: r450'.length;
  const before = linesWalked();
  const fast = cursorContext(text, offset);
  const read = linesWalked() - before;
  const reference = cursorContext(text, offset, true);
  const all = linesWalked() - before - read;
  assert.deepEqual(fast, reference);
  assert.deepEqual(fast.path.slice(0, 4), ['firewalls', 'external', 'rules', 450]);
  assert.ok(all > 2500, `the reference reads every line above: ${all}`);
  assert.ok(read < 300, `${read} lines read one by one`);
});

test('cursor blocks: summaries kept over many edits hold no old version of the text', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  // Keys longer than V8 copies when it slices (13 characters), at the column of their blocks.
  const lines = ['servers:'];
  for (let k = 0; k < 4000; k++)
    lines.push(`  edge-server-${String(k).padStart(6, '0')}:`, '    role: edge', '    ip: 10.0.0.1');
  let text = lines.join('\n');
  const end = text.length;
  cursorContext(text, end);
  collect();
  const before = process.memoryUsage().heapUsed;
  for (let edit = 0; edit < 40; edit++) {
    // The same length: only the block of the edited line is summarised again, from the new text.
    const at = text.indexOf('role: edge', (edit * 7919 * 31) % (text.length - 20)) + 'role: '.length;
    text = `${text.slice(0, at)}${edit % 2 ? 'edge' : 'EDGE'}${text.slice(at + 4)}`;
    assert.deepEqual(cursorContext(text, end).path.slice(0, 1), ['servers']);
  }
  collect();
  const grown = process.memoryUsage().heapUsed - before;
  // The current text in place of the first; forty texts of 200 kB kept alive by their keys would be 8 MB.
  assert.ok(grown < 1e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB`);
  cursorContext('', 0);
});
