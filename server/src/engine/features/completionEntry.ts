// One completion offer as the engine gives it; the language server turns it into an LSP item.

export type CompletionKind = 'key' | 'enum' | 'endpoint' | 'network' | 'service' | 'pool' | 'rule' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Replaces [replaceStart, replaceEnd); LSP snippet syntax when `snippet`, with absolute indentation. */
  insertText: string;
  snippet: boolean;
  replaceStart: number;
  replaceEnd: number;
  filterText?: string;
  sortText?: string;
}
