// "New Topology File": a short wizard (product, load balancing, NAT or public addresses, features,
// the Edge's addresses) and an untitled editor named `<name>.topology.yaml` holding the file it
// describes. The text comes from topologyTemplate.ts; only the firewall rules are left to write,
// which Insert All Missing Rules does.
import * as vscode from 'vscode';
import {
  type Addressing,
  addressingsFor,
  featuresFor,
  internalIpProblem,
  ipv4Problem,
  type LoadBalancing,
  suggestedFileName,
  type TopologyChoices,
  topologyText,
  type WizardProduct,
} from './topologyTemplate';
import { featureLabel } from '../featureLabels';
import { LANGUAGE_ID } from '../activation';

const t = vscode.l10n.t;

/** Shown checked: what most Edge deployments offer. */
const USUAL_FEATURES = new Set([
  'sipFederation',
  'remoteUserAccess',
  'webConferencing',
  'audioVideo',
  'edgeInternal',
  'dnsAndCrl',
]);

function addressMessage(problem: string | undefined): string | undefined {
  switch (problem) {
    case undefined:
      return undefined;
    case 'not-ipv4':
      return t('Type an IPv4 address, such as 131.107.155.10.');
    case 'no-room':
      return t('The next addresses (+10, +20, +30) must stay in the same /24: use a last number from 1 to 224.');
    case 'same-subnet':
      return t('The internal interface must be on another network than the external interfaces.');
    default:
      return problem;
  }
}

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

async function pickOne<T>(title: string, items: Pick<T>[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  return picked?.value;
}

async function askAddress(
  title: string,
  prompt: string,
  value: string,
  problem: (text: string) => string | undefined,
): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (text) => addressMessage(problem(text)),
  });
  return answer?.trim();
}

/** Asks the wizard's questions; undefined when the user cancels one. */
export async function askTopologyChoices(defaultProduct: WizardProduct): Promise<TopologyChoices | undefined> {
  const title = t('New Topology File');
  const name = await vscode.window.showInputBox({
    title,
    prompt: t('The name of the deployment; the file is named after it.'),
    value: 'Contoso edge',
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() ? undefined : t('Type a name.')),
  });
  if (name === undefined) return undefined;
  const products: Pick<WizardProduct>[] = [
    { label: 'Lync Server 2013', value: 'lync2013' },
    { label: 'Skype for Business Server 2015', value: 'sfb2015' },
    { label: 'Skype for Business Server 2019', value: 'sfb2019' },
  ];
  products.sort((a, b) => Number(b.value === defaultProduct) - Number(a.value === defaultProduct));
  const product = await pickOne(t('Product'), products);
  if (!product) return undefined;
  const loadBalancing = await pickOne<LoadBalancing>(t('Edge Servers'), [
    { label: t('One Edge Server'), value: 'single' },
    { label: t('Edge pool, DNS load balancing'), description: t('two Edge Servers'), value: 'dns' },
    { label: t('Edge pool, hardware load balancers'), description: t('two Edge Servers and VIPs'), value: 'hardware' },
  ]);
  if (!loadBalancing) return undefined;
  const addressings: Pick<Addressing>[] = [
    { label: t('Public IP addresses'), description: t('on the external interfaces'), value: 'public' },
    { label: t('Private IP addresses behind NAT'), description: t('each with its public address'), value: 'nat' },
  ];
  const allowed = addressingsFor(loadBalancing);
  const addressing =
    allowed.length === 1
      ? allowed[0]
      : await pickOne(
          t('External addresses'),
          addressings.filter((item) => allowed.includes(item.value)),
        );
  if (!addressing) return undefined;
  const featureItems = featuresFor(product).map((feature) => ({
    label: featureLabel(feature.name),
    description: feature.name,
    picked: USUAL_FEATURES.has(feature.name),
    value: feature.name,
  }));
  const features = await vscode.window.showQuickPick(featureItems, {
    title: t('Features'),
    canPickMany: true,
    ignoreFocusOut: true,
  });
  if (!features) return undefined;
  const externalIp = await askAddress(
    t('Edge external address'),
    addressing === 'nat'
      ? t('The private address of the Access Edge interface; Web Conferencing and A/V Edge get +10 and +20.')
      : t('The address of the Access Edge interface; Web Conferencing and A/V Edge get +10 and +20.'),
    addressing === 'nat' ? '10.45.16.10' : '131.107.155.10',
    ipv4Problem,
  );
  if (!externalIp) return undefined;
  let publicIp: string | undefined;
  if (addressing === 'nat') {
    publicIp = await askAddress(
      t('Edge public address'),
      t('The public address NAT translates to the Access Edge; the others get +10 and +20.'),
      '131.107.155.10',
      ipv4Problem,
    );
    if (!publicIp) return undefined;
  }
  const internalIp = await askAddress(
    t('Edge internal address'),
    t('The address of the Edge internal interface, on another network.'),
    '172.25.33.10',
    (text) => internalIpProblem(text, externalIp),
  );
  if (!internalIp) return undefined;
  return {
    name,
    product,
    addressing,
    loadBalancing,
    features: features.map((item) => item.value),
    externalIp,
    internalIp,
    publicIp,
  };
}

/**
 * Opens an untitled `<name>.topology.yaml` (in the first workspace folder, where Save proposes it)
 * holding the topology the choices describe. Tests pass the choices; from the palette they are asked.
 */
export async function newTopologyFile(given?: TopologyChoices): Promise<vscode.TextEditor | undefined> {
  const configured = vscode.workspace.getConfiguration('lyncPorts').get<string>('defaultProduct');
  const product: WizardProduct = configured === 'sfb2015' || configured === 'sfb2019' ? configured : 'lync2013';
  const choices = given ?? (await askTopologyChoices(product));
  if (!choices) return undefined;
  const fileName = suggestedFileName(choices.name);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = folder ? vscode.Uri.joinPath(folder, fileName) : vscode.Uri.file(`/${fileName}`);
  let document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  if (document.languageId !== LANGUAGE_ID)
    document = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.replace(new vscode.Range(0, 0, document.lineCount, 0), topologyText(choices)));
  return editor;
}
