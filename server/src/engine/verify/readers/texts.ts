import { formatter, textRef, type MessageData } from '../../messageFormat';
import { MODEL_TEXTS } from '../../model/texts';
import type { DumpLocation, DumpProblem } from '../dumpRule';

// The English texts of what the dump readers say (iptables-save, nft JSON, Cisco ASA, Windows
// Firewall), by id: a problem keeps its id and data beside the English line, and the Russian catalog
// (i18n/ru.json) has the same ids. What the dump itself says (names, addresses, words of its syntax)
// is data; a reason the engine gives for an address is a model text (address/...), nested.

export const READER_TEXTS = {
  'dump/asa/listing': ': {{lists}}',
  'dump/asa/noSuchList': "the config has no access list or interface named '{{name}}'{{listing}}",
  'dump/asa/noList': 'the config has no extended access list',
  'dump/asa/noListName':
    'the config has no extended access list: name the interface whose incoming traffic to verify ({{interfaces}})',
  'dump/asa/severalLists': 'the config has several access lists: name the one to verify{{listing}}',
  'dump/asa/levelNoAddress':
    'interface {{name}} (security-level {{level}}) has no address in the config: traffic from {{entry}} ' +
    'toward it is read as denied',
} as const;

export type ReaderTextId = keyof typeof READER_TEXTS;

const write = formatter({ ...MODEL_TEXTS, ...READER_TEXTS });

/** A reader's problem, its English line written from the id. */
export function readerProblem(
  location: DumpLocation,
  id: ReaderTextId,
  data: MessageData,
  severity: DumpProblem['severity'],
  choices?: string[],
): DumpProblem {
  return { location, message: write(id, data), text: textRef(id, data), severity, ...(choices ? { choices } : {}) };
}

/** A reader text in English, for the parts a problem composes (a reason, a listing). */
export function readerText(id: ReaderTextId, data: MessageData = {}): string {
  return write(id, data);
}
