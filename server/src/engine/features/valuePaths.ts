import type { PathSegment } from '../yaml/parse';

// What a document path points at in a topology file, for the features that answer about the
// value under the cursor (hover explains it, completion offers what may stand there).

/** The key a value belongs to, skipping list indexes: `[..., 'to', 1]` → 'to'. */
export function fieldOf(path: readonly PathSegment[]): string | undefined {
  for (let k = path.length - 1; k >= 0; k--) if (typeof path[k] === 'string') return path[k] as string;
  return undefined;
}

/** Inside one rule of a firewall: `firewalls.<name>.rules[n]...`. */
export function isRulePath(path: readonly PathSegment[]): boolean {
  return path[0] === 'firewalls' && path[2] === 'rules' && typeof path[3] === 'number';
}

/** A rule's `service`, or one entry of its list. */
export function isRuleServicePath(path: readonly PathSegment[]): boolean {
  return isRulePath(path) && path[4] === 'service' && (path.length === 5 || typeof path[5] === 'number');
}

/** A rule's `from` or `to` (or an entry of their lists). */
export function isRuleEndpointPath(path: readonly PathSegment[]): boolean {
  return isRulePath(path) && (path[4] === 'from' || path[4] === 'to');
}

/** A value that names a network: an interface's `network`, a firewall's `between`. */
export function isNetworkReferencePath(path: readonly PathSegment[]): boolean {
  return (path[0] === 'servers' && fieldOf(path) === 'network') || (path[0] === 'firewalls' && path[2] === 'between');
}
