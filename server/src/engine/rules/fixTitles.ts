import { formatMessage, type MessageData } from '../messageFormat';
import type { Fix } from '../types';

// The titles of the quick fixes, by id: the editor's code actions and `lync-ports fix` show them,
// in the language of each (i18n/ru.json has the same ids). A fix carries its id and data beside
// the English title, as a finding carries its message's.

export const FIX_TITLES = {
  'fix/insertAbove': "Insert '{{ruleName}}' ({{service}}) above {{deny}}",
  'fix/moveAbove': 'Move rule {{rule}} above {{deny}}',
  'fix/addSan': 'Add {{names}} to certificates.external.san',
  'fix/srvPort': 'Set the port of {{name}} to {{port}}',
  'fix/srvTarget': 'Point {{name}} at {{fqdn}}',
  'fix/addSrv': 'Add {{records}} to dns.external',
  'fix/setRecord': 'Set {{name}} to {{replacement}}',
  'fix/subjectName': 'Set certificates.internal.subjectName to {{fqdn}}',
  'fix/addARecord': 'Add 1 A record to dns.{{location}}',
  'fix/addARecords': 'Add {{count}} A records to dns.{{location}}',
  'fix/removeDuplicate': 'Remove duplicate rule {{rule}}',
  'fix/removeVipRule': "Remove rule {{rule}} (the Edge servers' own addresses are already allowed)",
  'fix/sendToNodes': 'Send rule {{rule}} to {{nodes}} instead of the internal VIP',
  'fix/addFirewall': "Add firewall '{{name}}' between {{from}} and {{to}}",
  'fix/insertRule': "Insert rule '{{ruleName}}' ({{service}}) in firewall '{{firewall}}'",
  'fix/swap': 'Swap from and to of rule {{rule}}',
  'fix/removeRule': 'Remove rule {{rule}}',
  'fix/removeFromFirewall': "Remove rule {{rule}} from firewall '{{firewall}}' ('{{target}}' already allows the flow)",
  'fix/moveToFirewall': "Move rule {{rule}} to firewall '{{target}}'",
  'fix/port': 'Change the port to {{port}} ({{service}})',
  'fix/transport': 'Change the transport to {{transport}} ({{service}})',
  'fix/xmppPartner': '{{setting}} for partner {{partner}}',
  // The language server's own actions over several fixes.
  'fix/insertAllInFirewall': "Insert all missing rules in firewall '{{firewall}}' ({{count}})",
  'fix/fixAll': 'Fix all lync-ports problems ({{count}})',
} as const;

export type FixTitleId = keyof typeof FIX_TITLES;
export type FixTitle = Pick<Fix, 'title' | 'titleId' | 'titleData'>;

export function fixTitle(id: FixTitleId, data: MessageData = {}): FixTitle {
  return { title: formatMessage(FIX_TITLES[id], data), titleId: id, titleData: data };
}
