import { collectGarbage } from './collectGarbage';
import { millisecondsSetting } from './envSetting';

/**
 * How long this thread must be quiet (no request, no change) before it collects the garbage of
 * a check that came back. Opening a document at 20k rules leaves ~35 MB here that V8 keeps (its
 * young generation grown to 16 MB by the message's objects, the diagnostics' bytes, the text's
 * copies), since an idle thread allocates nothing that would start a collection; collected, the
 * server's RSS falls by as much. The collection takes ~10 ms at that size: done while the editor
 * is quiet, it delays no request. LYNC_PORTS_SERVER_GC_MS sets the wait.
 */
const QUIET_MS = millisecondsSetting(process.env.LYNC_PORTS_SERVER_GC_MS, 1500);
/** How soon it tries again when the worker was collecting: its collection takes ~600 ms at 20k rules. */
const RETRY_MS = 100;

/** Collects this thread's garbage once it has been quiet for a while after work that left some. */
export class QuietCollection {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private owed = false;
  private last = 0;

  /** Work that leaves garbage behind ended: a collection is owed once the thread is quiet. */
  owe(): void {
    this.owed = true;
    this.touch();
  }

  /** Something happened: the quiet starts again. */
  touch(): void {
    this.last = Date.now();
    if (this.owed && !this.timer) this.arm(QUIET_MS);
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const left = this.last + QUIET_MS - Date.now();
      if (left > 0) return this.arm(left);
      if (collectGarbage() === 'busy') return this.arm(RETRY_MS);
      this.owed = false;
    }, ms);
    // A collection owed does not keep the server alive.
    this.timer.unref?.();
  }
}
