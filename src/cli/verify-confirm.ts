/**
 * Whether `verify` may run commands: with `--yes`, or after a person says yes
 * on a terminal. In CI (`CI` set) or without a terminal it never asks and never
 * runs without `--yes`.
 */
import { createInterface } from 'node:readline';

export type ConfirmMode = 'run' | 'ask' | 'refuse';

export function isCI(env: NodeJS.ProcessEnv): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}

export function confirmMode(yes: boolean, stdinIsTTY: boolean, env: NodeJS.ProcessEnv): ConfirmMode {
  if (yes) return 'run';
  if (!stdinIsTTY || isCI(env)) return 'refuse';
  return 'ask';
}

/** Ask a y/N question; anything but y/yes (including Ctrl-C or end of input) is no. */
export function ask(
  question: string,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<boolean> {
  return new Promise((resolve) => {
    const rl = createInterface({ input, output, terminal: false });
    let answered = false;
    const finish = (yes: boolean) => {
      if (answered) return;
      answered = true;
      rl.close();
      resolve(yes);
    };
    rl.on('SIGINT', () => finish(false));
    rl.on('close', () => finish(false));
    rl.on('line', (line) => finish(/^\s*y(?:es)?\s*$/i.test(line)));
    output.write(question);
  });
}
