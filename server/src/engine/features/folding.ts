// Folding by indentation, so it works while the file is broken and in clients without a YAML
// mode of their own. Comment blocks of three or more lines fold too.

export interface FoldingSpan {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

export function foldingRanges(text: string): FoldingSpan[] {
  const lines = text.split(/\r?\n/);
  const spans: FoldingSpan[] = [];
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  const isBlank = (line: string): boolean => line.trim() === '';
  const isComment = (line: string): boolean => line.trimStart().startsWith('#');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line) || isComment(line)) continue;
    const indent = indentOf(line);
    // `rules:` followed by `- ...` at the same column: the sequence still belongs to the key.
    const compact = /:\s*(#.*)?$/.test(line) && !line.trimStart().startsWith('- ');
    let last = i;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j];
      if (isBlank(next) || isComment(next)) continue;
      const nextIndent = indentOf(next);
      if (nextIndent > indent || (compact && nextIndent === indent && /^-(\s|$)/.test(next.trimStart()))) last = j;
      else break;
    }
    if (last > i) spans.push({ startLine: i, endLine: last });
  }
  for (let i = 0; i < lines.length; i++) {
    if (!isComment(lines[i])) continue;
    let j = i;
    while (j + 1 < lines.length && isComment(lines[j + 1])) j++;
    if (j - i >= 2) spans.push({ startLine: i, endLine: j, kind: 'comment' });
    i = j;
  }
  return spans;
}
