import type { PathSegment } from './parse';
import { unquote } from './cursorLines';

// Where in a flow collection (`[a, b` or `{ ip: x, net`) on the cursor's line the cursor is.

/** The cursor's place inside `[...]` / `{...}`: its path there, key or value, and the keys written. */
export interface FlowPosition {
  path: PathSegment[];
  kind: 'key' | 'value';
  keys: string[];
}

interface FlowFrame {
  type: 'map' | 'seq';
  index: number;
  key?: string;
  afterColon: boolean;
  keys: string[];
}

/** Reads `[a, b` or `{ ip: x, net` up to the cursor: where in the flow collection the cursor is. */
export function scanFlow(before: string, after: string): FlowPosition | undefined {
  const stack: FlowFrame[] = [];
  let token = '';
  const finishKey = (frame: FlowFrame | undefined) => {
    if (frame?.type === 'map' && !frame.afterColon && token.trim()) frame.keys.push(unquote(token.trim()));
  };
  for (let i = 0; i < before.length; i++) {
    const char = before[i];
    const top = stack[stack.length - 1];
    if (char === '"' || char === "'") {
      const close = before.indexOf(char, i + 1);
      if (close < 0) break;
      token += before.slice(i, close + 1);
      i = close;
    } else if (char === '[' || char === '{') {
      stack.push({ type: char === '[' ? 'seq' : 'map', index: 0, afterColon: false, keys: [] });
      token = '';
    } else if (char === ']' || char === '}') {
      stack.pop();
      token = '';
    } else if (char === ',' && top) {
      if (top.type === 'seq') top.index++;
      else finishKey(top);
      top.afterColon = false;
      top.key = undefined;
      token = '';
    } else if (
      char === ':' &&
      top?.type === 'map' &&
      !top.afterColon &&
      (i + 1 === before.length || /\s/.test(before[i + 1]))
    ) {
      top.key = unquote(token.trim());
      top.keys.push(top.key);
      top.afterColon = true;
      token = '';
    } else {
      token += char;
    }
  }
  if (stack.length === 0) return undefined;
  const path: PathSegment[] = [];
  for (const frame of stack) {
    if (frame.type === 'seq') path.push(frame.index);
    else if (frame.afterColon && frame.key !== undefined) path.push(frame.key);
  }
  const top = stack[stack.length - 1];
  const kind = top.type === 'map' && !top.afterColon ? 'key' : 'value';
  const keys = [...top.keys, ...flowKeysAfter(after)];
  return { path, kind, keys };
}

/** Keys written after the cursor in the same flow mapping (`{ ip: |, network: x }`). */
function flowKeysAfter(after: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const match of after.matchAll(/([{}[\]])|(?:^|,)\s*([^\s,:{}[\]'"]+):(?=\s|$)/g)) {
    if (match[1] === '{' || match[1] === '[') depth++;
    else if (match[1] === '}' || match[1] === ']') {
      if (depth-- === 0) break;
    } else if (depth === 0 && match[2]) keys.push(match[2]);
  }
  return keys;
}
