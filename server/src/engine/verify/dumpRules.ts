import type { DumpRule, DumpService } from './dumpRule';

// A dump's rules written as the topology writes rules, so the analysis of `check` reads them as
// it reads the user's: one flow mapping a rule, JSON-quoted (JSON is YAML), on one line.

function serviceText(service: DumpService): string[] {
  const port = service.port ?? 'any';
  if (service.transport !== 'ANY') return [`${service.transport}/${port}`];
  return service.port === undefined ? ['any'] : [`TCP/${port}`, `UDP/${port}`];
}

function endpoint(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

/** How findings name a dump rule: its comment, else its line. */
export function dumpRuleName(rule: DumpRule): string {
  return rule.name ? `${rule.name} (line ${rule.location.line})` : `line ${rule.location.line}`;
}

export function dumpRuleText(rule: DumpRule): string {
  const services = rule.services.length === 0 ? ['any'] : [...new Set(rule.services.flatMap(serviceText))];
  const fields: Record<string, unknown> = {
    name: dumpRuleName(rule),
    service: services.length === 1 ? services[0] : services,
    from: endpoint(rule.from.length === 0 ? ['any'] : rule.from),
    to: endpoint(rule.to.length === 0 ? ['any'] : rule.to),
    ...(rule.sourcePort === undefined ? {} : { sourcePort: rule.sourcePort }),
    action: rule.action,
  };
  return JSON.stringify(fields).replace(/^\{/, '{ ').replace(/\}$/, ' }');
}
