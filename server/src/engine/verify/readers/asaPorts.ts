import { textRef, type TextRef } from '../../messageFormat';

// Ports as an ASA writes them. `show running-config` prints a port that has a literal name by its
// name (443 comes back as `https`, 5060 as `sip`), so a reader has to know every name the ASA may
// print: the table "TCP and UDP Ports" of Cisco's ASA configuration guide (chapter "Addresses,
// Protocols, and Ports"). Where one number carries a TCP and a UDP name (exec/biff 512, login/who
// 513, rsh/cmd/syslog 514) the numbers agree, so one map serves both transports.

export const ASA_PORT_NAMES: Readonly<Record<string, number>> = {
  aol: 5190,
  bgp: 179,
  biff: 512,
  bootpc: 68,
  bootps: 67,
  chargen: 19,
  cifs: 3020,
  'citrix-ica': 1494,
  cmd: 514,
  ctiqbe: 2748,
  daytime: 13,
  diameter: 3868,
  discard: 9,
  dnsix: 195,
  domain: 53,
  echo: 7,
  exec: 512,
  finger: 79,
  ftp: 21,
  'ftp-data': 20,
  gopher: 70,
  h323: 1720,
  hostname: 101,
  http: 80,
  https: 443,
  ident: 113,
  imap4: 143,
  irc: 194,
  isakmp: 500,
  kerberos: 750,
  klogin: 543,
  kshell: 544,
  ldap: 389,
  ldaps: 636,
  login: 513,
  lotusnotes: 1352,
  lpd: 515,
  'mobile-ip': 434,
  nameserver: 42,
  'netbios-dgm': 138,
  'netbios-ns': 137,
  'netbios-ssn': 139,
  nfs: 2049,
  nntp: 119,
  ntp: 123,
  'pcanywhere-data': 5631,
  'pcanywhere-status': 5632,
  'pim-auto-rp': 496,
  pop2: 109,
  pop3: 110,
  pptp: 1723,
  radius: 1645,
  'radius-acct': 1646,
  rip: 520,
  rsh: 514,
  rtsp: 554,
  'secureid-udp': 5510,
  sip: 5060,
  smtp: 25,
  snmp: 161,
  snmptrap: 162,
  sqlnet: 1521,
  ssh: 22,
  sunrpc: 111,
  syslog: 514,
  tacacs: 49,
  talk: 517,
  telnet: 23,
  tftp: 69,
  time: 37,
  uucp: 540,
  vxlan: 4789,
  who: 513,
  whois: 43,
  www: 80,
  xdmcp: 177,
};

export type PortParse = { ok: true; port: number } | { ok: false; reason: TextRef };

/** A port number 0-65535 or one of the ASA's literal names. */
export function asaPort(text: string): PortParse {
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port <= 65535) return { ok: true, port };
    return { ok: false, reason: textRef('dump/asa/portOutside', { port: text }) };
  }
  const named = ASA_PORT_NAMES[text.toLowerCase()];
  if (named !== undefined) return { ok: true, port: named };
  return { ok: false, reason: textRef('dump/asa/portName', { name: text }) };
}

/** The operators of an ACL or a service object: how many port operands each takes. */
export const PORT_OPERATORS: Readonly<Record<string, number>> = { eq: 1, neq: 1, lt: 1, gt: 1, range: 2 };

/**
 * An operator and its operands as the topology writes ports (1-65535): `eq 443` → "443",
 * `gt 1023` → "1024-65535", `neq 80` → "1-79,81-65535". Undefined when it matches no port at all.
 */
export function portText(operator: string, ports: number[]): string | undefined {
  const span = (lo: number, hi: number) => (lo > hi ? undefined : lo === hi ? `${lo}` : `${lo}-${hi}`);
  const low = Math.max(1, ports[0]);
  switch (operator) {
    case 'eq':
      return ports[0] === 0 ? undefined : `${ports[0]}`;
    case 'range':
      return span(low, ports[1]);
    case 'gt':
      return span(ports[0] + 1, 65535);
    case 'lt':
      return span(1, ports[0] - 1);
    default: {
      const parts = [span(1, ports[0] - 1), span(ports[0] + 1, 65535)].filter((part) => part !== undefined);
      return parts.length > 0 ? parts.join(',') : undefined;
    }
  }
}
