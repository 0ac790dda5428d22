import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection on demand, for the check worker once it is idle. Node hands the `gc`
// function only to a context made after --expose-gc is set, and a worker takes no V8 flags of its
// own (Worker refuses them in execArgv): the flag is set here and `gc` read from a fresh context,
// as jest's leak detector does. The flag only adds `gc` to the globals of contexts made later.

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
