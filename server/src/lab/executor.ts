import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LabOutcome, LabPlan, LabProbe } from '../engine/index';
import { AGENT_SOURCE } from './agent';
import { buildLab, LabSetupError, teardownLab } from './namespaces';
import { labSay as say } from './texts';

// Carrying out a lab plan: build the namespaces, start one agent per network namespace, wait
// until every listener is up, send the probes, collect pass/drop, and tear everything down
// whatever happens (an error, a timeout, SIGINT or SIGTERM). Every wait has a deadline.

export interface LabRunOptions {
  /** Namespace name prefix, lpl-<pid>-. */
  prefix: string;
  /** Per probe: how long a connection or an echo may take before it counts as dropped. */
  probeTimeoutMs: number;
}

export interface ProbeResult {
  id: string;
  got: LabOutcome | 'error';
  detail?: string;
  /** The source address the listener saw (after the router's NAT), for a probe that got through. */
  seen?: string;
}

const READY_TIMEOUT_MS = 15_000;

interface Agent {
  namespace: string;
  child: ChildProcess;
  next(timeoutMs: number): Promise<Record<string, unknown>>;
}

export async function runLabPlan(plan: LabPlan, options: LabRunOptions): Promise<ProbeResult[]> {
  const created: string[] = [];
  const agents: Agent[] = [];
  const teardown = () => {
    for (const agent of agents) if (agent.child.exitCode === null) agent.child.kill('SIGKILL');
    return teardownLab(created);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    teardown();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { names } = buildLab(plan, options.prefix, created);
    const probeBudget = probeDeadline(plan, options.probeTimeoutMs);
    for (const namespace of plan.namespaces.filter((item) => item.kind === 'network')) {
      const listen = plan.listeners.filter((item) => item.namespace === namespace.id);
      const sends = plan.probes.some((probe) => probe.from.namespace === namespace.id);
      if (listen.length === 0 && !sends) continue;
      const agent = startAgent(namespace.id, names.get(namespace.id)!);
      agents.push(agent);
      agent.child.stdin!.write(JSON.stringify({ listen, deadlineMs: READY_TIMEOUT_MS + probeBudget + 5_000 }) + '\n');
    }
    for (const agent of agents) {
      const ready = await agent.next(READY_TIMEOUT_MS);
      const failed = (ready.failed as { address: string; port: number; error: string }[]) ?? [];
      if (failed.length > 0)
        throw new LabSetupError(say('setup/listener', { ...failed[0], namespace: agent.namespace }));
    }
    const results: ProbeResult[] = [];
    const pending = agents.map(async (agent) => {
      const probes = plan.probes
        .filter((probe) => probe.from.namespace === agent.namespace)
        .map((probe) => ({
          id: probe.id,
          src: probe.from.address,
          sport: probe.sourcePort,
          dst: probe.to.address,
          transport: probe.transport,
          port: probe.port,
        }));
      agent.child.stdin!.write(JSON.stringify({ probes, timeoutMs: options.probeTimeoutMs }) + '\n');
      const answer = await agent.next(probeBudget);
      results.push(...((answer.results as ProbeResult[]) ?? []));
    });
    await Promise.all(pending);
    const byId = new Map(results.map((result) => [result.id, result]));
    return plan.probes.map((probe) =>
      judged(probe, byId.get(probe.id) ?? { id: probe.id, got: 'error', detail: say('noAnswer') }),
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    for (const agent of agents) agent.child.stdin?.end();
    const left = teardown();
    if (left.length > 0) process.stderr.write(`lync-ports: ${say('leftBehind', { namespaces: left.join(', ') })}\n`);
  }
}

/**
 * A probe that got through from another source than the one its way gives (a NAT that did not translate it, or
 * one that did where none should) is no pass: the partner would answer an address that is not the sender's.
 */
function judged(probe: LabProbe, result: ProbeResult): ProbeResult {
  const expected = probe.seenFrom ?? probe.from.address;
  if (result.got !== 'pass' || result.seen === undefined || result.seen === expected) return result;
  return { ...result, got: 'error', detail: say('seenFrom', { seen: result.seen, expected }) };
}

/** The probes run CONCURRENCY (64) at a time per agent: the slowest agent's share of timeouts, with a margin. */
function probeDeadline(plan: LabPlan, timeoutMs: number): number {
  const perAgent = new Map<string, number>();
  for (const probe of plan.probes) perAgent.set(probe.from.namespace, (perAgent.get(probe.from.namespace) ?? 0) + 1);
  const most = Math.max(0, ...perAgent.values());
  return (Math.ceil(most / 64) + 1) * timeoutMs + 5_000;
}

function startAgent(id: string, name: string): Agent {
  const child = spawn('ip', ['netns', 'exec', name, process.execPath, '-e', AGENT_SOURCE], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 2000) stderr += chunk.toString('utf8');
  });
  child.stdin!.on('error', () => {});
  const queue: Record<string, unknown>[] = [];
  const waiters: ((message: Record<string, unknown> | Error) => void)[] = [];
  const deliver = (message: Record<string, unknown> | Error) => {
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else if (!(message instanceof Error)) queue.push(message);
  };
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      deliver(JSON.parse(line) as Record<string, unknown>);
    } catch {
      deliver(new LabSetupError(say('setup/agentWrote', { namespace: id, line: line.slice(0, 200) })));
    }
  });
  child.on('exit', (code) => {
    while (waiters.length > 0)
      deliver(new LabSetupError(say('setup/agentEnded', { namespace: id, code: String(code), stderr: stderr.trim() })));
  });
  child.on('error', (error) =>
    deliver(new LabSetupError(say('setup/agentFailed', { namespace: id, error: error.message }))),
  );
  const next = (timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      if (child.exitCode !== null)
        return reject(
          new LabSetupError(
            say('setup/agentEnded', { namespace: id, code: String(child.exitCode), stderr: stderr.trim() }),
          ),
        );
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(new LabSetupError(say('setup/agentSilent', { namespace: id, ms: timeoutMs })));
      }, timeoutMs);
      const waiter = (message: Record<string, unknown> | Error) => {
        clearTimeout(timer);
        if (message instanceof Error) reject(message);
        else resolve(message);
      };
      waiters.push(waiter);
    });
  return { namespace: id, child, next };
}
