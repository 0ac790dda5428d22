import { ALL_CODES, CODE_INFO, codeDocumentationUrl } from '../engine/index';
import type { Finding } from './findings';

// SARIF 2.1.0, one run, rule ids = diagnostic codes, so CI systems (GitHub code scanning,
// Azure DevOps) show the findings on the right lines.

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
