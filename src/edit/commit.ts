/**
 * The one write path for edits to specs: lock, read the bytes, check they are the ones the edit
 * was computed from, apply the range replacements to the original text, put the BOM back, and
 * write atomically. Nothing is re-serialized, so every byte outside the edits survives.
 *
 * Optimistic concurrency: a caller that computed edits from a document it read earlier passes
 * that document's content hash; if the file changed since, the commit refuses and writes nothing.
 * A caller that passes no hash computes its edits from what is read under the lock, which is how
 * concurrent commands on one file all land: each waits its turn and edits the latest content.
 * Right before writing, the file is read once more, to catch an editor (which ignores the lock)
 * saving in between.
 */
import { readFileSync } from 'node:fs';
import { SpecwrightError } from '../errors.js';
import { decodeSpec } from '../model/encoding.js';
import { parseSpec } from '../model/parse.js';
import type { Edit, SpecDocument } from '../model/types.js';
import { readFileBytes } from '../read-file.js';
import { applyEdits, assertUnchanged, contentHash } from './apply.js';
import { writeFileAtomic } from './atomic.js';
import { unifiedDiff } from './diff.js';
import { acquireLocks, type FileLock, type LockOptions, releaseAll } from './lock.js';

/** Parse decoded text into a document; the workspace passes one that knows its templates. */
export type Parser = (text: string, path: string, bom: boolean) => SpecDocument;

export interface ReadForEdit {
  absPath: string;
  /** The path shown to users (diff headers, errors). */
  path: string;
  bytes: Uint8Array;
  hash: string;
  doc: SpecDocument;
}

export interface CommittedFile {
  absPath: string;
  path: string;
  /** False when the edits were empty or changed nothing. */
  changed: boolean;
  /** sha256 of the bytes before and after (equal when unchanged). */
  beforeHash: string;
  afterHash: string;
  edits: Edit[];
  /** The document as read, before the edits. */
  doc: SpecDocument;
  /** The new text (decoded, without the BOM). */
  after: string;
  /** Unified diff of the change; '' when unchanged. */
  diff: string;
}

export interface CommitOptions {
  /** Compute everything, write nothing. No lock is taken. */
  dryRun?: boolean;
  parse?: Parser;
  /** How paths are shown (default: as given). */
  display?: (absPath: string) => string;
  lock?: LockOptions;
}

export type ComputeEdits = (doc: SpecDocument) => Edit[] | Promise<Edit[]>;
export type ComputeManyEdits = (docs: SpecDocument[]) => Edit[][] | Promise<Edit[][]>;

const defaultParse: Parser = (text, path, bom) => parseSpec(text, path, { bom });

/** Read and parse a file for editing; SpecwrightError when it is missing, unreadable or not UTF-8. */
export function readForEdit(
  absPath: string,
  options: Pick<CommitOptions, 'parse' | 'display'> = {},
): ReadForEdit {
  const path = options.display ? options.display(absPath) : absPath;
  const bytes = readFileBytes(absPath, path);
  const decoded = decodeSpec(bytes, path);
  const doc = (options.parse ?? defaultParse)(decoded.text, path, decoded.bom);
  return { absPath, path, bytes, hash: contentHash(bytes), doc };
}

/** The bytes of a document's text: UTF-8, with the BOM put back when the original had one. */
export function encodeText(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Apply edits to what was read: the new text, its bytes and the diff. Overlapping edits are a bug and throw. */
export function prepare(read: ReadForEdit, edits: Edit[]): CommittedFile {
  const after = applyEdits(read.doc.text, edits);
  const changed = after !== read.doc.text;
  const bytes = changed ? encodeText(after, read.doc.bom) : read.bytes;
  return {
    absPath: read.absPath,
    path: read.path,
    changed,
    beforeHash: read.hash,
    afterHash: changed ? contentHash(bytes) : read.hash,
    edits,
    doc: read.doc,
    after,
    diff: changed ? unifiedDiff(read.doc.text, edits, { from: `a/${read.path}`, to: `b/${read.path}` }) : '',
  };
}

/**
 * Write prepared files, all or nothing as far as checks go: every file is re-read and compared with
 * the hash it was computed from before the first one is written. Each write is atomic.
 */
export function writePrepared(files: readonly CommittedFile[]): void {
  const changed = files.filter((f) => f.changed);
  for (const f of changed) assertUnchanged(f.path, f.beforeHash, readBytes(f.absPath, f.path));
  for (const f of changed) writeFileAtomic(f.absPath, encodeText(f.after, f.doc.bom));
}

function readBytes(absPath: string, path: string): Uint8Array {
  try {
    return readFileSync(absPath);
  } catch {
    throw new SpecwrightError(
      'disappeared while it was being edited; nothing written',
      path,
      undefined,
      'conflict',
    );
  }
}

/**
 * Edit several files in one step: lock them all (in sorted order), read them, verify the expected
 * hashes, compute the edits from the documents, check again and write. If anything throws
 * (a refusal from `compute` included), nothing is written.
 */
export async function commitFiles(
  absPaths: readonly string[],
  compute: ComputeManyEdits,
  options: CommitOptions & {
    expectedHashes?: ReadonlyArray<string | undefined>;
    /**
     * Runs after the writes, before the locks are released (never under dryRun): a move that must
     * not race with other edits. If it moves a folder holding the files, it tells each lock so.
     */
    whileLocked?: (files: CommittedFile[], locks: readonly FileLock[]) => void | Promise<void>;
  } = {},
): Promise<CommittedFile[]> {
  const locks = options.dryRun ? [] : await acquireLocks(absPaths, options.lock);
  try {
    const reads = absPaths.map((p) => readForEdit(p, options));
    reads.forEach((r, i) => {
      const expected = options.expectedHashes?.[i];
      if (expected !== undefined && expected !== r.hash)
        throw new SpecwrightError(
          'changed on disk since it was read; nothing written, run again',
          r.path,
          undefined,
          'conflict',
        );
    });
    const edits = await compute(reads.map((r) => r.doc));
    const prepared = reads.map((r, i) => prepare(r, edits[i] ?? []));
    if (!options.dryRun) {
      writePrepared(prepared);
      await options.whileLocked?.(prepared, locks);
    }
    return prepared;
  } finally {
    releaseAll(locks);
  }
}

/**
 * Edit one file. `expectedHash` is the content hash of the bytes the caller's view came from
 * (`contentHash(bytes)`), or undefined to compute from what is read under the lock.
 */
export async function commitEdits(
  absPath: string,
  expectedHash: string | undefined,
  compute: ComputeEdits,
  options: CommitOptions = {},
): Promise<CommittedFile> {
  const [file] = await commitFiles([absPath], async (docs) => [await compute(docs[0] as SpecDocument)], {
    ...options,
    expectedHashes: [expectedHash],
  });
  return file as CommittedFile;
}
