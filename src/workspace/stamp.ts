/** What a file's stat says of it, enough to tell that it changed (git's index check). */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/** Timestamps coarser than this (FAT, some network file systems) must not make a same-tick change look old. */
const TIMESTAMP_SLACK_MS = 2000;

/**
 * Whether a stamp recorded at `seenAt` can vouch for the file: not when the file changed less than
 * TIMESTAMP_SLACK_MS before, since a second write in the same timestamp tick would leave the stamp
 * unchanged ("racy git").
 */
export function settledBefore(mtimeMs: number, ctimeMs: number, seenAt: number): boolean {
  return Math.max(mtimeMs, ctimeMs) + TIMESTAMP_SLACK_MS <= seenAt;
}
