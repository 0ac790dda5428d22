import type { RuleModel } from './model/model';
import type { RuleReuse } from './model/build';
import { checkParsed, type CheckOptions, type CheckResult } from './check';
import { parseTopology } from './yaml/parse';
import { isPlainDocument, spliceOf, spliceRuleItems } from './yaml/ruleSplice';
import { compactDocument, compactRuleItems } from './yaml/compactNodes';

// Re-checks of one document as it is edited. An edit inside a firewall's block list of rules (a
// rule changed, inserted or deleted) re-parses only the rule items it touches and keeps the rest
// of the parsed document and the models of the rules it did not touch; anything else, or any
// doubt (a document with errors, anchors, tabs...), is a full check. The result is always the
// one checkTopology gives for the same text (test/engine/session.test.ts holds it).

export interface CheckSession {
  /**
   * The check of the document's new text. The previous result's parsed document is re-used (its
   * nodes re-positioned): a result stays valid until the next update.
   */
  update(text: string): CheckResult;
  /** How the last update was answered: the same text again, from the previous parse, or by a full check. */
  readonly lastUpdate: 'unchanged' | 'incremental' | 'full' | undefined;
}

export function createCheckSession(options: CheckOptions = {}): CheckSession {
  let last: { text: string; result: CheckResult; rules: Map<unknown, RuleModel>; plain: boolean } | undefined;
  let how: CheckSession['lastUpdate'];
  return {
    get lastUpdate() {
      return how;
    },
    update(text: string): CheckResult {
      const parsed = last?.plain && last.text !== text ? spliceRuleItems(last.result.parsed, text) : undefined;
      const reuse: RuleReuse = parsed
        ? { previous: last!.rules, next: new Map(), firewalls: last!.result.model.firewalls }
        : { next: new Map() };
      const result =
        last && last.text === text
          ? last.result
          : parsed
            ? checkParsed(parsed, options, reuse, last!.result)
            : checkParsed(parseTopology(text), options, reuse);
      // A spliced document stays plain: the new items were checked to hold no anchor, alias or tag.
      how = last?.text === text ? 'unchanged' : parsed ? 'incremental' : 'full';
      if (result !== last?.result) {
        last = { text, result, rules: reuse.next, plain: !!parsed || isPlainDocument(result.parsed.doc) };
        compact(result, () => last?.result);
      }
      return result;
    },
  };
}

/**
 * The parsed document made smaller, as it is kept (compactNodes.ts: compact scalars, and rule
 * items without nodes, parsed again from the text when read): the new rule items of a splice at
 * once, a whole document (a full check) just after the update, off the time the update is waited
 * for; unless by then another parse replaced it.
 */
function compact(result: CheckResult, kept: () => CheckResult | undefined): void {
  const { doc } = result.parsed;
  const splice = spliceOf(result.parsed);
  if (splice) return compactRuleItems(doc, result.parsed.text, splice.firewall, splice.first, splice.added);
  const timer: { unref?: () => void } = setTimeout(() => {
    // The same document, perhaps spliced since: read from the newest text.
    const now = kept()?.parsed;
    if (now?.doc === doc) compactDocument(doc, now.text);
  }, 0);
  // A one-shot program (the CLI) need not wait for it.
  timer.unref?.();
}
