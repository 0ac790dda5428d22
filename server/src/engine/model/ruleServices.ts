import { isPlainObject, PathSegment } from '../yaml/parse';
import type { ServiceTermModel } from './model';
import { RuleServiceTerm, termPath, WHOLE } from './ruleParts';
import {
  parsePorts,
  type ServiceSet,
  type SharedTermParse,
  sharedServiceText,
  termService,
  transportsOf,
} from './service';
import type { Report } from './settings';
import { scalarText } from './values';

// A rule's service as the model keeps it: its terms (a service string, a list of them, mappings
// with transport and port, or the rule's own transport and port keys), their set and their text.

export class RuleServices {
  /** What each service text reads as: rules write the same services over and over. */
  private readonly texts = new Map<string, SharedTermParse>();

  /** The set of the service text serviceTerm read last. */
  private textService?: ServiceSet;

  constructor(private readonly report: Report) {}

  /** The rule's service terms, and their set when it is one term's (shared with the term, see termService). */
  read(rule: Record<string, unknown>, path: PathSegment[]): ServiceTerms {
    const written = rule.service;
    if (written === undefined) {
      const term = rule.transport === undefined ? undefined : this.objectTerm(rule, path, 'rule', WHOLE);
      return term ? { terms: [term], complete: true, text: objectText(term), service: termService(term) } : NO_TERMS;
    }
    if (!Array.isArray(written)) {
      const term = this.serviceTerm(written, path, WHOLE);
      if (!term) return NO_TERMS;
      // A text's set is shared by every rule that writes the text.
      const service = typeof written === 'string' ? this.textService! : termService(term);
      return { terms: [term], complete: true, text: termText(term, written), service };
    }
    const read: ServiceTermModel[] = [];
    const texts: string[] = [];
    let complete = true;
    for (let k = 0; k < written.length; k++) {
      const term = this.serviceTerm(written[k], path, k);
      if (term) {
        read.push(term);
        texts.push(termText(term, written[k]));
      } else complete = false;
    }
    // An array grown by push keeps room for more: the rule keeps one of its length.
    const terms = read.slice();
    const service = terms.length === 1 ? termService(terms[0]) : undefined;
    return { terms, complete: complete && terms.length > 0, text: texts.join(', '), service };
  }

  /** The term of one value under `service` (item `item` of a list, or WHOLE), reported when it does not read. */
  private serviceTerm(written: unknown, rulePath: PathSegment[], item: number): RuleServiceTerm | undefined {
    if (typeof written === 'string') {
      const parsed = sharedServiceText(this.texts, written);
      this.textService = parsed.service;
      if (parsed.ok) {
        const { protocol, transportLabel, transports, ports, portText } = parsed.term;
        return new RuleServiceTerm(protocol, transportLabel, transports, ports, portText, 'text', rulePath, item);
      }
      this.report(parsed.code, termPath('text', rulePath, item), 'reason', { reason: parsed.reason });
      return undefined;
    }
    return isPlainObject(written) ? this.objectTerm(written, rulePath, 'object', item) : undefined;
  }

  /** A term written as keys (transport, port, protocol): a mapping under `service`, or the rule's own. */
  private objectTerm(
    written: Record<string, unknown>,
    rulePath: PathSegment[],
    form: 'object' | 'rule',
    item: number,
  ): RuleServiceTerm | undefined {
    const transportText = scalarText(written.transport);
    const transports = transportText === undefined ? undefined : transportsOf(transportText);
    // The schema reports a missing or unknown transport.
    if (!transports) return undefined;
    const ports = written.port === undefined ? parsePorts('any') : parsePorts(written.port);
    if (!ports.ok) {
      this.report('invalid-port', [...termPath(form, rulePath, item), 'port'], 'reason', { reason: ports.reason });
      return undefined;
    }
    const label = transportText!.toUpperCase();
    return new RuleServiceTerm(
      scalarText(written.protocol),
      label,
      transports,
      ports.ports,
      ports.text,
      form,
      rulePath,
      item,
    );
  }
}

/** A rule's terms as read, and their set when it is one term's. */
export interface ServiceTerms {
  terms: ServiceTermModel[];
  complete: boolean;
  text: string;
  service?: ServiceSet;
}

/** No term: the empty list is shared, as NO_SERVICE's are. */
export const NO_TERMS: ServiceTerms = {
  terms: [],
  complete: false,
  text: '',
};

/** The term as the rule's service text writes it: a service string as written, trimmed. */
export function termText(term: ServiceTermModel, written: unknown): string {
  return typeof written === 'string' ? written.trim() : objectText(term);
}

/** A term written as keys, in the notation of a service string. */
export function objectText(term: ServiceTermModel): string {
  return [term.protocol, term.transportLabel, term.portText].filter(Boolean).join('/');
}
