// The features' titles in the UI language, for the wizard's list and the diagram's filter.
import * as vscode from 'vscode';

const t = vscode.l10n.t;

export const FEATURE_NAMES = [
  'sipFederation',
  'xmppFederation',
  'publicImConnectivity',
  'remoteUserAccess',
  'webConferencing',
  'audioVideo',
  'edgeInternal',
  'dnsAndCrl',
  'reverseProxy',
  'director',
] as const;

export function featureLabel(name: string): string {
  const labels: Record<string, string> = {
    sipFederation: t('SIP federation'),
    xmppFederation: t('XMPP federation'),
    publicImConnectivity: t('Public IM connectivity'),
    remoteUserAccess: t('Remote user access'),
    webConferencing: t('Web conferencing'),
    audioVideo: t('Audio and video'),
    edgeInternal: t('Edge internal interface (STUN, CMS replication, logging)'),
    dnsAndCrl: t('DNS and certificate revocation checks'),
    reverseProxy: t('Reverse proxy'),
    director: t('Director as the next hop'),
  };
  return labels[name] ?? name;
}
