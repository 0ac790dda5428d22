import { formatMessage } from '../messageFormat';

// Why a lab plan is refused, by id: the command prints it in the reader's language (the Russian is
// in i18n/ru.json under the same ids), the plan keeps the English words as its `reason`.

export const LAB_PLAN_TEXTS = {
  'lab/tooManyNetworks': '{{count}} networks: the lab builds at most {{max}}',
  'lab/tooManyFirewalls': '{{count}} firewalls: the lab builds at most {{max}}',
  'lab/transferTaken': 'the file uses both {{first}} and {{second}}',
} as const;

export type LabPlanTextId = keyof typeof LAB_PLAN_TEXTS;

export function labRefusal(id: LabPlanTextId, data: Record<string, string | number>) {
  return { ok: false as const, id, data, reason: formatMessage(LAB_PLAN_TEXTS[id], data) };
}
