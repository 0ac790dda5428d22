import { spawnSync } from 'node:child_process';
import type { LabPlan } from '../engine/index';

// Building the plan's namespaces with iproute2 and nft, and tearing them down. Every command
// names one of our namespaces (prefix lpl-<pid>-): the host's own namespace, its routes and its
// firewall are never touched. Each step is one `ip -n NS -batch -` (few processes, one error line).

export class LabSetupError extends Error {}

const COMMAND_TIMEOUT_MS = 20_000;

function run(command: string, args: string[], input?: string): void {
  const result = spawnSync(command, args, { input, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (result.error) throw new LabSetupError(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const reason = (result.stderr || result.stdout || `exit ${result.status}`).trim().split('\n')[0];
    throw new LabSetupError(`${command} ${args.slice(0, 3).join(' ')}: ${reason}`);
  }
}

function batch(namespace: string, lines: string[]): void {
  if (lines.length > 0) run('ip', ['-n', namespace, '-batch', '-'], lines.join('\n') + '\n');
}

export interface BuiltLab {
  /** Namespace id → its name on the host. */
  names: Map<string, string>;
}

/** Creates everything; `created` receives each namespace as soon as it exists, so teardown finds it. */
export function buildLab(plan: LabPlan, prefix: string, created: string[]): BuiltLab {
  const names = new Map(plan.namespaces.map((namespace) => [namespace.id, `${prefix}${namespace.id}`]));
  const name = (id: string) => names.get(id)!;
  for (const namespace of plan.namespaces) {
    run('ip', ['netns', 'add', name(namespace.id)]);
    created.push(name(namespace.id));
  }
  for (const namespace of plan.namespaces) {
    const lines = ['link set lo up'];
    if (namespace.kind === 'network') {
      const bridge = plan.bridges.find((item) => item.namespace === namespace.id)!;
      lines.push('link add br0 type bridge', `addr add ${bridge.address} dev br0`);
      for (const item of plan.addresses.filter((address) => address.namespace === namespace.id))
        lines.push(`addr add ${item.address}/32 dev br0`);
      lines.push('link set br0 up');
    } else {
      for (const link of plan.links.filter((item) => item.router === namespace.id))
        lines.push(
          `link add ${link.routerDevice} type veth peer name ${link.networkDevice} netns ${name(link.network)}`,
          `addr add ${link.routerAddress} dev ${link.routerDevice}`,
          `link set ${link.routerDevice} up`,
        );
    }
    batch(name(namespace.id), lines);
  }
  for (const link of plan.links)
    batch(name(link.network), [`link set ${link.networkDevice} master br0`, `link set ${link.networkDevice} up`]);
  for (const namespace of plan.namespaces) {
    // Only routers forward; a network's namespace bridges its links and is a host, nothing more.
    const forward = namespace.kind === 'router' ? 1 : 0;
    // A hairpin leaves by the link it came in on: the router says nothing (no ICMP redirect) and translates it.
    const sysctls = [`net.ipv4.ip_forward=${forward}`, 'net.ipv4.conf.all.send_redirects=0'];
    run('ip', ['netns', 'exec', name(namespace.id), 'sysctl', '-qw', ...sysctls]);
    batch(
      name(namespace.id),
      plan.routes
        .filter((route) => route.namespace === namespace.id)
        .map((route) => `route add ${route.destination} via ${route.via}`),
    );
  }
  for (const router of plan.routers)
    run('ip', ['netns', 'exec', name(router.namespace), 'nft', '-f', '-'], router.nftables);
  waitForLinks(plan.namespaces.map((namespace) => name(namespace.id)));
  return { names };
}

const LINK_WAIT_MS = 5_000;

/** Until every link of the lab has its carrier (veths and bridges come up a moment after `link set up`). */
function waitForLinks(namespaces: string[]): void {
  const deadline = Date.now() + LINK_WAIT_MS;
  let pending = namespaces;
  while (pending.length > 0 && Date.now() < deadline) {
    pending = pending.filter((namespace) => {
      const result = spawnSync('ip', ['-n', namespace, '-o', 'link', 'show'], { encoding: 'utf8' });
      const ours = (result.stdout ?? '').split('\n').filter((line) => /^\d+: (br0|[nr]\d+)[@:]/.test(line));
      return result.status !== 0 || ours.some((line) => !/ state UP /.test(line));
    });
    if (pending.length > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}

/** Deletes the namespaces (their veths and bridges go with them); never throws, so every one is tried. */
export function teardownLab(created: string[]): string[] {
  const failed: string[] = [];
  for (const namespace of created.splice(0).reverse()) {
    const result = spawnSync('ip', ['netns', 'del', namespace], { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
    if (result.status !== 0) failed.push(namespace);
  }
  return failed;
}

/** Our namespaces still on the host (a test asserts none is left). */
export function namespacesWithPrefix(prefix: string): string[] {
  const result = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  return (result.stdout ?? '')
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.startsWith(prefix));
}
