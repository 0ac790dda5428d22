import type { MessageData } from '../../messageFormat';
import type { DumpProblem } from '../dumpRule';
import { type AsaLine, type AsaToken, tokenLocation } from './asaLines';
import { asaPort, PORT_OPERATORS, portText } from './asaPorts';
import { readerProblem, type ReaderTextId } from './texts';

// What an ASA command says about transports and ports: the protocol word of an ACL entry, a
// `service` line of an object, a `service-object` of a group. A protocol other than TCP and UDP
// (ICMP, ESP, GRE ...) can neither allow nor block a TCP/UDP flow, so it is kept as OTHER and
// dropped where the rule is built.

export type AsaTransport = 'TCP' | 'UDP' | 'ANY' | 'OTHER';

export interface AsaService {
  transport: AsaTransport;
  /** Destination ports as the topology writes them; absent = every port; '' = no port at all. */
  port?: string;
  sourcePort?: string;
}

/** A position in one command's words. */
export interface AsaCursor {
  line: AsaLine;
  index: number;
}

export function peek(cursor: AsaCursor, ahead = 0): AsaToken | undefined {
  return cursor.line.tokens[cursor.index + ahead];
}

export function next(cursor: AsaCursor): AsaToken | undefined {
  return cursor.line.tokens[cursor.index++];
}

export function problemAt(
  problems: DumpProblem[],
  cursor: AsaCursor,
  token: AsaToken | undefined,
  id: ReaderTextId,
  data: MessageData = {},
  severity: DumpProblem['severity'] = 'error',
): void {
  problems.push(readerProblem(tokenLocation(cursor.line, token), id, data, severity));
}

/** The transports a protocol word stands for (`tcp-udp` is both, `ip` every protocol). */
export function protocolTransports(word: string): AsaTransport[] {
  switch (word.toLowerCase()) {
    case 'tcp':
    case '6':
      return ['TCP'];
    case 'udp':
    case '17':
      return ['UDP'];
    case 'tcp-udp':
      return ['TCP', 'UDP'];
    case 'ip':
    case '0':
      return ['ANY'];
    default:
      return ['OTHER'];
  }
}

export function isPortOperator(token: AsaToken | undefined): boolean {
  return token !== undefined && PORT_OPERATORS[token.text.toLowerCase()] !== undefined;
}

/**
 * `eq P`, `range A B`, `gt P`, `lt P`, `neq P` at the cursor, as a port text ('' when it matches no
 * port). Null when a port is not understood (the problem is recorded).
 */
export function readPortOperator(cursor: AsaCursor, problems: DumpProblem[]): string | null {
  const operator = next(cursor)!.text.toLowerCase();
  const ports: number[] = [];
  for (let k = 0; k < PORT_OPERATORS[operator]; k++) {
    const token = next(cursor);
    if (!token) {
      problemAt(problems, cursor, token, 'dump/asa/operatorPort', { operator });
      return null;
    }
    const port = asaPort(token.text);
    if (!port.ok) {
      problemAt(problems, cursor, token, 'dump/asa/ruleLeftOut', { reason: port.reason });
      return null;
    }
    ports.push(port.port);
  }
  return portText(operator, ports) ?? '';
}

/**
 * A service as `object service` and `service-object` write it:
 * `PROTOCOL [source OP PORT...] [destination OP PORT...]`, or `PROTOCOL OP PORT...` (the
 * destination, in the older form). Null when it is not understood (the problem is recorded).
 */
export function readServiceSpec(cursor: AsaCursor, problems: DumpProblem[]): AsaService[] | null {
  const protocol = next(cursor);
  if (!protocol) {
    problemAt(problems, cursor, protocol, 'dump/asa/protocolMissing');
    return null;
  }
  const transports = protocolTransports(protocol.text);
  if (transports[0] === 'OTHER' || transports[0] === 'ANY') {
    // ICMP types, or nothing more: neither restricts TCP/UDP ports.
    cursor.index = cursor.line.tokens.length;
    return transports.map((transport) => ({ transport }));
  }
  let port: string | undefined;
  let sourcePort: string | undefined;
  while (peek(cursor)) {
    const word = peek(cursor)!.text.toLowerCase();
    if (word === 'source' || word === 'destination') {
      next(cursor);
      if (!isPortOperator(peek(cursor))) {
        problemAt(problems, cursor, peek(cursor), 'dump/asa/sideOperator', { word });
        return null;
      }
      const text = readPortOperator(cursor, problems);
      if (text === null) return null;
      if (word === 'source') sourcePort = text;
      else port = text;
    } else if (isPortOperator(peek(cursor))) {
      const text = readPortOperator(cursor, problems);
      if (text === null) return null;
      port = text;
    } else {
      break;
    }
  }
  return transports.map((transport) => ({
    transport,
    ...(port !== undefined ? { port } : {}),
    ...(sourcePort !== undefined ? { sourcePort } : {}),
  }));
}
