import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { ResponseError } from 'vscode-languageserver-protocol/node';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { ROOT, serverForSuite } from './lspClient';
import { REQUESTS as PROTOCOL } from '../../server/src/shared/protocol';
import { random } from '../support/fuzz';

// Random edits and requests at random positions over the examples, through the real stdio
// server: every request must be answered (a value, null, or a deliberate error such as a refused
// rename, never an internal error), and nothing may reach a handler's catch-all and its log.
// Seeded, so a failure replays: FUZZ_SEED=<n> and FUZZ_REQUESTS=<n> override the defaults.

const SEED = Number(process.env.FUZZ_SEED ?? 20240611);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 1000);

const EXAMPLES = [resolve(ROOT, 'examples'), resolve(ROOT, 'examples', 'broken')].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.topology.yaml'))
    .sort()
    .map((name) => ({ name, text: readFileSync(resolve(dir, name), 'utf8') })),
);

/** What typing in a YAML file inserts, mistakes included. */
const TOKENS = [
  ' ',
  '  ',
  '\n',
  '\n  ',
  '\n      - ',
  '-',
  '- ',
  ':',
  ': ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '#',
  '# x',
  '"',
  "'",
  '&a ',
  '*a',
  '*nope',
  '!!str ',
  '!!binary ',
  '\t',
  '?',
  '? ',
  '|',
  '>-\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '\r\n',
  '\u00e9',
  '\u{1F600}',
  '\u0000',
  'servers:',
  'rules:',
  'to: ',
  'from: ',
  'service: ',
  'any',
  'edge01',
  'edge01.',
  '.accessEdge',
  'vip.',
  'XMPP/TCP/',
  '5269',
  '0-65535',
  '99999',
  'TCP',
  '1.2.3.4',
  '10.0.0.0/33',
  '::1',
  '<<: *a',
  '~',
  'null',
  'true',
  '[a, b]: c\n',
  '{ k: v }: w\n',
  'name: ',
  'action: deny',
  'port: ',
  'between: [',
  '- name: x\n        service: ANY/TCP/1-65535\n        from: any\n        to: any\n',
];

const METHODS = [
  'textDocument/completion',
  'textDocument/hover',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/codeAction',
  PROTOCOL.flowModel,
  PROTOCOL.exportRules,
  PROTOCOL.diagramSvg,
] as const;

describe('fuzz: random edits and requests over the examples', () => {
  const client = serverForSuite();

  test(
    `${REQUESTS} requests (seed ${SEED}) are all answered, none by an internal error`,
    { timeout: 60_000 },
    async () => {
      const rand = random(SEED);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
      const int = (below: number) => Math.floor(rand() * below);
      const docs = EXAMPLES.map((example, k) => ({ uri: `file:///fuzz/${k}-${example.name}`, version: 1 }));
      for (const [k, doc] of docs.entries()) await client().open(doc.uri, EXAMPLES[k].text);

      const position = (text: string): Position => {
        const lines = text.split('\n');
        const roll = rand();
        if (roll < 0.04)
          return pick([
            { line: -1, character: 0 },
            { line: 1e6, character: 3 },
            { line: 0, character: 1e6 },
            { line: lines.length, character: 0 },
          ]);
        const line = int(lines.length);
        return { line, character: roll < 0.12 ? lines[line].length + int(5) : int(lines[line].length + 1) };
      };

      /** An edit as an editor sends it: insert a token, delete a span, or paste a line from elsewhere. */
      const edit = async (doc: (typeof docs)[number]) => {
        const document = client().document(doc.uri);
        const text = document.getText();
        let start = int(text.length + 1);
        const roll = rand();
        // Often where a key starts: after the indentation of a line.
        if (rand() < 0.3) {
          start = text.lastIndexOf('\n', start - 1) + 1;
          while (text[start] === ' ') start++;
        }
        let end = start;
        let insert = pick(TOKENS);
        if (roll < 0.25) {
          end = Math.min(text.length, start + 1 + int(40));
          insert = '';
        } else if (roll < 0.4) {
          const lines = text.split('\n');
          insert = `${pick(lines)}\n`;
        } else if (roll < 0.45) {
          end = Math.min(text.length, start + int(400));
        }
        doc.version++;
        await client().change(doc.uri, doc.version, [
          { range: { start: document.positionAt(start), end: document.positionAt(end) }, text: insert },
        ]);
      };

      const params = (method: (typeof METHODS)[number], doc: (typeof docs)[number]): unknown => {
        const text = client().text(doc.uri);
        const textDocument = { uri: doc.uri };
        switch (method) {
          case 'textDocument/rename':
            return {
              textDocument,
              position: position(text),
              newName: pick(['edge02', 'x', '', ' ', 'a b', 'corp', 'fe01', 'edge01.accessEdge', 'é', '#']),
            };
          case 'textDocument/references':
            return { textDocument, position: position(text), context: { includeDeclaration: rand() < 0.5 } };
          case 'textDocument/codeAction': {
            const a = position(text);
            const b = rand() < 0.5 ? a : position(text);
            const published = [...client().published].reverse().find((entry) => entry.uri === doc.uri);
            const diagnostics: Diagnostic[] = rand() < 0.7 ? (published?.diagnostics ?? []) : [];
            return {
              textDocument,
              range: { start: a, end: b },
              context: {
                diagnostics,
                only:
                  rand() < 0.2
                    ? [pick(['quickfix', 'source.fixAll', 'source.fixAll.lyncPorts', 'refactor'])]
                    : undefined,
                triggerKind: pick([1, 2, undefined]),
              },
            };
          }
          case PROTOCOL.flowModel:
          case PROTOCOL.diagramSvg:
            return { uri: doc.uri };
          case PROTOCOL.exportRules:
            return { uri: doc.uri, format: pick(['csv', 'markdown', 'powershell', 'iptables', 'nftables']) };
          case 'textDocument/documentSymbol':
          case 'textDocument/foldingRange':
            return { textDocument };
          default:
            return {
              textDocument,
              position: position(text),
              context: { triggerKind: 2, triggerCharacter: pick([':', '.', ' ', '/']) },
            };
        }
      };

      const started = Date.now();
      const counts = new Map<string, number>();
      let answered = 0;
      let edits = 0;
      while (answered < REQUESTS) {
        const doc = pick(docs);
        // A few edits, then a burst of requests sent together, as an editor does while typing.
        for (let k = int(3); k > 0; k--, edits++) await edit(doc);
        const burst = Array.from({ length: 1 + int(6) }, () => pick(METHODS));
        const step = answered;
        const answers = await Promise.all(
          burst.map(async (method) => {
            const sent = params(method, doc);
            try {
              await client().request(method, sent);
              return undefined;
            } catch (error) {
              if (!(error instanceof ResponseError)) return `${method}: no answer (${String(error)})`;
              // Deliberate refusals: a rename the model rejects, a position that is not a position.
              if (error.code === -32600 && method === 'textDocument/rename') return undefined;
              if (error.code === -32602) return undefined;
              return `${method} ${JSON.stringify(sent)}: error ${error.code} ${error.message}`;
            }
          }),
        );
        const failures = answers.filter((answer): answer is string => answer !== undefined);
        assert.deepEqual(
          failures,
          [],
          `seed ${SEED}, request ${step}, ${doc.uri} v${doc.version}:\n${client().text(doc.uri)}`,
        );
        for (const method of burst) counts.set(method, (counts.get(method) ?? 0) + 1);
        answered += burst.length;
      }
      const elapsed = Date.now() - started;

      // Diagnostics still flow for the newest versions, and nothing reached a catch-all.
      for (const doc of docs) if (doc.version > 1) await client().diagnosticsFor(doc.uri, doc.version);
      // The server logs only what went wrong (a caught failure, a malformed notification, a warning): nothing here.
      assert.deepEqual(client().logs, [], 'nothing logged');
      assert.doesNotMatch(
        client().stderr,
        /Error|Uncaught|Unhandled|Warning/,
        'nothing on stderr: no uncaught error, no warning of the YAML library',
      );
      // The engine turns a bug of its own into an `internal-error` finding: none may appear either.
      const internal = client().published.flatMap((entry) =>
        entry.diagnostics
          .filter((diagnostic) => diagnostic.code === 'internal-error')
          .map((diagnostic) => `${entry.uri} v${entry.version}: ${diagnostic.message}`),
      );
      assert.deepEqual(internal, [], 'no internal error while checking');
      if (process.env.FUZZ_VERBOSE) console.log(client().stderr);
      for (const method of METHODS) assert.ok((counts.get(method) ?? 0) > 0, `${method} was exercised`);
      console.log(
        `fuzz: seed ${SEED}, ${answered} requests and ${edits} edits over ${docs.length} documents in ${elapsed} ms`,
      );
    },
  );
});
