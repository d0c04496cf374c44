import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Process groups: each command runs as the leader of its own group (spawned
 * detached), so that a timeout or an interrupt can stop it together with
 * everything it started, and nothing it left behind outlives its level.
 */

const HAS_PROC = existsSync('/proc/self/stat');

/** Whether any process of the group still exists (zombies waiting to be reaped do not count). */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (err) {
    // EPERM: the group exists but belongs to someone else (it cannot be ours any more).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return HAS_PROC ? liveMemberInProc(pgid) : true;
}

/**
 * Linux: look for a member that is not a zombie. Killed children are re-parented to
 * init, which may reap them late; waiting for that would turn every timeout into a
 * full grace period and report finished commands as having left processes behind.
 */
function liveMemberInProc(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Stop a whole group: SIGTERM, then SIGKILL for whatever is still there after
 * `graceMs`. Resolves once the group is gone (or SIGKILL was sent).
 */
export async function terminateGroup(pgid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pgid)) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(Math.min(25, Math.max(1, deadline - Date.now())));
    if (!groupAlive(pgid)) return;
  }
  signalGroup(pgid, 'SIGKILL');
}
