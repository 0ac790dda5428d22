/**
 * RFC 4180 CSV: quoted fields may hold commas, line breaks and doubled quotes. With `crlfOnly`
 * a record ends only at CRLF, as the RFC says and our exporter writes; otherwise at any line
 * break (hand-edited files such as ../shared/port-rules.csv), and blank records are dropped.
 */
export function parseCsv(text: string, options: { crlfOnly?: boolean } = {}): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endRecord = () => {
    row.push(field);
    if (options.crlfOnly || row.some((cell) => cell !== '')) rows.push(row);
    row = [];
    field = '';
  };
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') {
        field += '"';
        k++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[k + 1] === '\n') {
      k++;
      endRecord();
    } else if (!options.crlfOnly && (c === '\n' || c === '\r')) {
      endRecord();
    } else field += c;
  }
  if (!options.crlfOnly && (field !== '' || row.length > 0)) endRecord();
  return rows;
}

/** Records as objects keyed by the header row. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  return body.map((cells) => Object.fromEntries(header.map((name, k) => [name, cells[k] ?? ''])));
}
