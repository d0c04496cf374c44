/**
 * Cold runs over many files use every core: worker threads take shares of the files while the
 * main thread does its own, then the main thread collects the workers' results by index. Used by
 * `check` (rules/worker.ts) and `list` (workspace/summary-worker.ts).
 *
 * The callers are synchronous, so waiting is done with Atomics.wait on a shared counter the
 * workers bump after each message, and messages are pulled with receiveMessageOnPort.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** A worker silent this long is given up on, and its items are done here. */
const STALL_MS = 60_000;
/**
 * A worker not heard from at all this long after its start is given up on too: one that failed
 * while loading its modules, or ran out of memory, never says so, and its `exit` event cannot
 * arrive while this thread waits. A live worker reports its first item well within a second.
 */
const START_MS = 10_000;

/**
 * How many workers to start for `pending` items: none from TypeScript sources (tests run the
 * sources, which a worker cannot load), none on fewer than `minCores` cores, none when fewer than
 * `minPerThread` items would fall to each thread; `SPECWRIGHT_WORKERS=N` forces N (0 turns them off).
 */
export function workerCount(pending: number, minPerThread: number, minCores: number): number {
  if (!import.meta.url.endsWith('.js')) return 0;
  const forced = process.env.SPECWRIGHT_WORKERS;
  if (forced !== undefined && forced !== '')
    return Math.max(0, Math.min(16, Math.floor(Number(forced)) || 0));
  const cores = availableParallelism();
  if (cores < minCores) return 0;
  const threads = Math.min(cores, Math.floor(pending / minPerThread));
  return Math.max(0, threads - 1);
}

/** What a worker receives: the caller's setup, its share, and the channel back. */
export type ShareData<S, I> = S & { items: Array<[number, I]>; signal: Int32Array; port: MessagePort };

/** Messages from a worker: one per item, then `done`, or `fatal` when it cannot go on. */
type Message<O> = { i: number; out: O } | { done: true } | { fatal: string };

interface Running<I> {
  worker: Worker;
  port: MessagePort;
  items: Map<number, I>;
  done: boolean;
  heard: boolean;
  lastHeard: number;
}

/**
 * Do `items` ([index, item]) across `workers` threads running `script` plus this one. `here` does
 * one item on this thread; `collect` receives every result, from either side, with its index.
 * Whatever a worker fails to deliver (it could not start, it died, it stalled) is done here.
 */
export function inParallel<S extends object, I, O>(
  script: URL,
  setup: S,
  items: ReadonlyArray<[number, I]>,
  workers: number,
  here: (item: I) => O,
  collect: (index: number, out: O) => void,
  { startMs = START_MS, stallMs = STALL_MS } = {},
): void {
  const shares: Array<Array<[number, I]>> = Array.from({ length: workers + 1 }, () => []);
  items.forEach((entry, k) => {
    (shares[k % (workers + 1)] as Array<[number, I]>).push(entry);
  });
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const running: Array<Running<I>> = [];
  for (let w = 1; w <= workers; w++) {
    const share = shares[w] as Array<[number, I]>;
    try {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(script, {
        workerData: { ...setup, items: share, signal, port: port2 },
        transferList: [port2],
      });
      worker.unref();
      // A worker that fails is given up on by the loop below, which does its share here; unheard,
      // its `error` event would be thrown once this thread's loop returns to Node's.
      worker.on('error', () => {});
      running.push({
        worker,
        port: port1,
        items: new Map(share),
        done: false,
        heard: false,
        lastHeard: Date.now(),
      });
    } catch {
      (shares[0] as Array<[number, I]>).push(...share); // no worker: this thread takes the share
    }
  }

  for (const [i, item] of shares[0] as Array<[number, I]>) collect(i, here(item));

  for (;;) {
    const seen = Atomics.load(signal, 0);
    let active = 0;
    for (const r of running) {
      if (r.done) continue;
      for (let m = receiveMessageOnPort(r.port); m; m = receiveMessageOnPort(r.port)) {
        r.lastHeard = Date.now();
        r.heard = true;
        const msg = m.message as Message<O>;
        if ('i' in msg) {
          if (r.items.delete(msg.i)) collect(msg.i, msg.out);
        } else r.done = true;
      }
      if (!r.done && Date.now() - r.lastHeard > (r.heard ? stallMs : startMs)) r.done = true;
      if (r.done) {
        for (const [i, item] of r.items) collect(i, here(item));
        r.items.clear();
        void r.worker.terminate();
        r.port.close();
      } else active++;
    }
    if (active === 0) return;
    Atomics.wait(signal, 0, seen, 200);
  }
}

/**
 * The worker's side: `start` prepares from the setup (loads the workspace) and returns the
 * function for one item; every result is posted as it is ready.
 */
export async function serveShare<S, I, O>(
  data: ShareData<S, I>,
  start: (setup: S) => Promise<(item: I) => O>,
): Promise<void> {
  const { items, signal, port } = data;
  const post = (message: Message<O>) => {
    port.postMessage(message);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  try {
    const one = await start(data);
    for (const [i, item] of items) post({ i, out: one(item) });
    post({ done: true });
  } catch (err) {
    post({ fatal: err instanceof Error ? err.message : String(err) });
  } finally {
    port.close();
  }
}
