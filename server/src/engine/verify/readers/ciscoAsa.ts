import type { DumpFormat, DumpLocation, DumpProblem, DumpReading, ReaderOptions } from '../dumpRule';
import { accessListRules } from './asaAccessList';
import { type AsaConfig, readAsaConfig } from './asaConfig';
import { lineLocation } from './asaLines';
import { AsaObjects } from './asaObjects';

// Cisco ASA `show running-config`: the rule list is one extended access list — named by the user
// (`ruleList`: the access list, or the interface whose inbound access-group binds it), or else the
// one the access-groups bind. Like every ASA access list it ends in an implicit deny.

const MARKERS =
  /^(?:ASA Version \S+|access-list \S+ (?:extended|remark) |access-group \S+ (?:in|out|global)\b|object-group (?:network|service|protocol) \S+|object (?:network|service) \S+)/m;

const FILE_START: DumpLocation = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const ciscoAsaFormat: DumpFormat = {
  id: 'cisco-asa',
  title: 'Cisco ASA running config',
  recognizes: (text) => !/^\uFEFF?\s*[[{]/.test(text) && MARKERS.test(text),
  read: readCiscoAsa,
};

function readCiscoAsa(text: string, options: ReaderOptions): DumpReading {
  const problems: DumpProblem[] = [];
  const config = readAsaConfig(text, problems);
  const chosen = chooseList(config, options.ruleList);
  if ('error' in chosen) {
    problems.push({ location: FILE_START, message: chosen.error, severity: 'error' });
    return { rules: [], listLocation: FILE_START, defaultAction: 'deny', problems };
  }
  const rules = accessListRules(chosen.acl, config, new AsaObjects(config, problems), problems);
  return { rules, listLocation: chosen.location, defaultAction: 'deny', problems };
}

type Choice = { acl: string; location: DumpLocation } | { error: string };

function chooseList(config: AsaConfig, ruleList: string | undefined): Choice {
  const lists = [...new Set(config.accessLists.filter(isExtended).map((line) => line.tokens[1].text))];
  const inbound = config.accessGroups.filter((group) => group.binding !== 'out');
  const choose = (acl: string): Choice => {
    const group = inbound.find((binding) => binding.acl === acl);
    const first = config.accessLists.find((line) => line.tokens[1].text === acl)!;
    return { acl, location: lineLocation(group?.line ?? first) };
  };
  if (ruleList !== undefined) {
    if (lists.includes(ruleList)) return choose(ruleList);
    const bound = inbound.find(
      (group) => group.interfaceName === ruleList || (group.binding === 'global' && ruleList === 'global'),
    );
    if (bound && lists.includes(bound.acl)) return { acl: bound.acl, location: lineLocation(bound.line) };
    return { error: `the config has no access list or interface named '${ruleList}'${listing(config, lists)}` };
  }
  if (lists.length === 0) return { error: 'the config has no extended access list' };
  const bound = [...new Set(inbound.map((group) => group.acl))].filter((acl) => lists.includes(acl));
  if (bound.length === 1) return choose(bound[0]);
  if (bound.length === 0 && lists.length === 1) return choose(lists[0]);
  return { error: `the config has several access lists: name the one to verify${listing(config, lists)}` };
}

function isExtended(line: AsaConfig['accessLists'][number]): boolean {
  const kind = line.tokens[line.tokens[2]?.text.toLowerCase() === 'line' ? 4 : 2]?.text.toLowerCase();
  return kind === 'extended' || kind === 'remark';
}

/** `: A (in interface outside), B (global), C` — what the user can name. */
function listing(config: AsaConfig, lists: string[]): string {
  if (lists.length === 0) return '';
  const described = lists.map((acl) => {
    const bindings = config.accessGroups
      .filter((group) => group.acl === acl)
      .map((group) => (group.binding === 'global' ? 'global' : `${group.binding} interface ${group.interfaceName}`));
    return bindings.length > 0 ? `${acl} (${bindings.join(', ')})` : acl;
  });
  return `: ${described.join(', ')}`;
}
