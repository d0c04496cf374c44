/**
 * The run-wide facts rules may ask about beyond their document (does a file exist,
 * which issue numbers exist), and the record of what each file's rules asked: a cached
 * result is reused only while every answer it depended on is still the same.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder upwards (from `root`) holding `.git`, else `root`. */
export function findRepoRoot(root: string): string {
  let dir = resolve(root);
  for (;;) {
    try {
      statSync(join(dir, '.git'));
      return dir;
    } catch {
      // keep looking upwards
    }
    const up = dirname(dir);
    if (up === dir) return resolve(root);
    dir = up;
  }
}

/**
 * Memoized existence checks for one run: a path asked about by many documents is stat'ed once, and
 * nothing is stat'ed inside a folder known to be missing. Documents guess paths relative to
 * themselves (`specs/active/x/specs/guides/a.md`, `.../b.md`): each guess then costs one stat of
 * its first missing folder, shared by the rest.
 */
export class FileProbe {
  private readonly memo = new Map<string, boolean>();

  exists(absPath: string): boolean {
    // Keyed by the path as asked first (most paths are asked many times), normalised on a miss.
    let hit = this.memo.get(absPath);
    if (hit === undefined) {
      const key = resolve(absPath);
      hit = this.memo.get(key);
      if (hit === undefined) {
        const parent = dirname(key);
        hit = (parent === key || this.exists(parent)) && statable(key);
        this.memo.set(key, hit);
      }
      this.memo.set(absPath, hit);
    }
    return hit;
  }
}

function statable(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What one file's rules asked beyond the file's own bytes. */
export interface Dependencies {
  /** Absolute path -> whether it existed. */
  probes: Map<string, boolean>;
  /** Issue number -> whether it was known; `all` when a rule read the whole set (its size, or iterated it). */
  issues: Map<number, boolean> | 'all';
}

export function newDependencies(): Dependencies {
  return { probes: new Map(), issues: new Map() };
}

/** `ctx.exists` for one file: answers from the run's probe, and records the question. */
export function recordingExists(probe: FileProbe, deps: Dependencies): (absPath: string) => boolean {
  return (absPath) => {
    const hit = probe.exists(absPath);
    deps.probes.set(resolve(absPath), hit);
    return hit;
  };
}

/**
 * `ctx.issueNumbers` for one file: a read-only view of the run's (possibly still growing) set that
 * records each number asked about, so that the engine can tell later whether the final set answers
 * the same.
 */
export class RecordingIssueSet implements ReadonlySet<number> {
  constructor(
    private readonly live: ReadonlySet<number>,
    private readonly deps: Dependencies,
  ) {}

  has(n: number): boolean {
    const hit = this.live.has(n);
    if (this.deps.issues !== 'all') this.deps.issues.set(n, hit);
    return hit;
  }

  private whole(): ReadonlySet<number> {
    this.deps.issues = 'all';
    return this.live;
  }

  get size(): number {
    return this.whole().size;
  }
  forEach(fn: (value: number, key: number, set: ReadonlySet<number>) => void, thisArg?: unknown): void {
    for (const n of this.whole()) fn.call(thisArg, n, n, this);
  }
  entries(): SetIterator<[number, number]> {
    return this.whole().entries();
  }
  keys(): SetIterator<number> {
    return this.whole().keys();
  }
  values(): SetIterator<number> {
    return this.whole().values();
  }
  [Symbol.iterator](): SetIterator<number> {
    return this.whole()[Symbol.iterator]();
  }
}

/** Whether the answers recorded in `deps` still hold. */
export function dependenciesHold(
  deps: {
    probes?: Record<string, boolean> | Map<string, boolean>;
    issues?: Record<string, boolean> | 'all' | Map<number, boolean>;
    issuesHash?: string;
  },
  probe: FileProbe,
  issues: ReadonlySet<number>,
  issuesHash: () => string,
): boolean {
  const probes = deps.probes instanceof Map ? deps.probes : Object.entries(deps.probes ?? {});
  for (const [path, existed] of probes) if (probe.exists(path) !== existed) return false;
  if (deps.issues === 'all') return deps.issuesHash === issuesHash();
  const asked = deps.issues instanceof Map ? deps.issues : Object.entries(deps.issues ?? {});
  for (const [n, known] of asked) if (issues.has(Number(n)) !== known) return false;
  return true;
}
