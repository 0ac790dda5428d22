import { UsageError } from './io';

// `fix --write` must give back every byte it did not mean to change. Text that is valid UTF-8 is
// decoded strictly (byte order mark kept) and re-encodes to the same bytes; anything else is
// read as Latin-1, one character per byte, which re-encodes to the same bytes whatever they were.
// The YAML structure is ASCII, so it reads the same either way; the fixes copy the file's own
// characters or write ASCII.

export type FileEncoding = 'utf8' | 'latin1';

export interface DecodedFile {
  text: string;
  encoding: FileEncoding;
}

export function decodeFaithfully(bytes: Uint8Array): DecodedFile {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: Buffer.from(bytes).toString('latin1'), encoding: 'latin1' };
  }
}

export function encodeFaithfully(text: string, encoding: FileEncoding): Buffer {
  // Buffer's latin1 keeps the low byte of a wider character: that would write a wrong byte.
  if (encoding === 'latin1' && [...text].some((char) => char.charCodeAt(0) > 0xff)) {
    throw new UsageError('the fixed text has characters the file, which is not UTF-8, cannot hold; nothing written');
  }
  return Buffer.from(text, encoding);
}
