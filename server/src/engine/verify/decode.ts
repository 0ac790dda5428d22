// A dump's bytes as text. Windows PowerShell 5 writes UTF-16 with a byte order mark (`Out-File`,
// `>`); the Linux tools write UTF-8. Positions are counted in the decoded text, as an editor does.

export function decodeDumpBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8').decode(bytes.subarray(start));
}
