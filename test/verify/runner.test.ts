import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminateGroup } from '../../src/verify/process-group.js';
import { startCommand } from '../../src/verify/runner.js';
import { isGone, readPid, tempDir } from './process-helpers.js';

const opts = (cwd: string, timeoutMs = 5000) => ({ cwd, timeoutMs, killGraceMs: 300 });

describe('startCommand', () => {
  it('reports the exit code and streams stdout and stderr as they come', async () => {
    const dir = tempDir();
    const seen: Array<[string, string]> = [];
    const r = await startCommand('echo out; echo err >&2; exit 4', {
      ...opts(dir),
      onOutput: (chunk, stream) => seen.push([stream, chunk.toString()]),
    }).done;
    expect(r).toMatchObject({
      exitCode: 4,
      signal: null,
      timedOut: false,
      interrupted: false,
      leftovers: false,
    });
    expect(seen).toContainEqual(['stdout', 'out\n']);
    expect(seen).toContainEqual(['stderr', 'err\n']);
    expect(r.bytes).toBe(8);
    expect(r.tail.split('\n').sort()).toEqual(['', 'err', 'out']);
  });

  it('runs in the given folder with stdin closed, so a command waiting for input ends at once', async () => {
    const dir = realpathSync(tempDir());
    const r = await startCommand('pwd; cat', opts(dir)).done;
    expect(r.exitCode).toBe(0);
    expect(r.tail).toBe(`${dir}\n`);
  });

  it('stops a command at the timeout together with its children and grandchildren', async () => {
    const dir = tempDir();
    const running = startCommand(
      "sh -c 'sleep 30 & echo $! > grandchild.pid; wait' & echo $! > child.pid; wait",
      opts(dir, 1200),
    );
    const r = await running.done;
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    for (const pid of [running.pgid, readPid(join(dir, 'child.pid')), readPid(join(dir, 'grandchild.pid'))])
      expect(isGone(pid), `pid ${pid}`).toBe(true);
  });

  it('kills with SIGKILL what ignores SIGTERM once the grace period is over', async () => {
    const dir = tempDir();
    const running = startCommand("trap '' TERM; sleep 30 & echo $! > child.pid; wait", opts(dir, 300));
    const r = await running.done;
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGKILL');
    expect(isGone(readPid(join(dir, 'child.pid')))).toBe(true);
  });

  it('reports background processes left running, which the caller then stops', async () => {
    const dir = tempDir();
    const r = await startCommand('sleep 30 & echo $! > bg.pid', opts(dir)).done;
    expect(r.exitCode).toBe(0);
    expect(r.leftovers).toBe(true);
    const bg = readPid(join(dir, 'bg.pid'));
    expect(isGone(bg)).toBe(false);
    await terminateGroup(r.pgid, 300);
    expect(isGone(bg)).toBe(true);
  });

  it('stops the command when interrupted', async () => {
    const dir = tempDir();
    const running = startCommand('sleep 30', opts(dir));
    setTimeout(() => running.interrupt(), 100);
    const r = await running.done;
    expect(r).toMatchObject({ interrupted: true, timedOut: false, exitCode: null });
    expect(isGone(running.pgid)).toBe(true);
  });
});
