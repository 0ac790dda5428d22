import { ALL_CODES, CODE_INFO, codeDocumentationUrl } from '../engine/index';
import type { Finding } from './findings';

// SARIF 2.1.0, one run, rule ids = diagnostic codes, so CI systems (GitHub code scanning,
// Azure DevOps) show the findings on the right lines. A result's message is the finding's first
// sentence (§3.11: "the first sentence ... should be a complete summary"); the rest is the result's
// property `detail` (a property bag, §3.8), and each rule's README text is its fullDescription.

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function toSarif(findings: Finding[], version: string): object {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'lync-ports',
            version,
            informationUri: 'https://github.com/lync-port-planner/lync-port-planner',
            rules: ALL_CODES.map((code) => ({
              id: code,
              name: code,
              shortDescription: { text: CODE_INFO[code].summary },
              fullDescription: { text: CODE_INFO[code].docs },
              helpUri: codeDocumentationUrl(code),
              defaultConfiguration: { level: LEVEL[CODE_INFO[code].severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding) => ({
          ruleId: finding.code,
          ruleIndex: ALL_CODES.indexOf(finding.code),
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          ...(finding.detail === undefined ? {} : { properties: { detail: finding.detail } }),
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file.split('\\').join('/') },
                region: {
                  startLine: finding.line,
                  startColumn: finding.column,
                  endLine: finding.endLine,
                  endColumn: finding.endColumn,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
