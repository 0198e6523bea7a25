/** The admin command line run in this process, for its tests. */
import { runCli } from '../../src/cli/cli.js';

/** Runs the command line with `args` and `env`; its exit code and what it printed. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, env, { line: (t) => out.push(t) }, { line: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A small valid map (JSON v1) for the command line's tests. */
export const CLI_MAP_FILE = {
  format: 'ketenkaart',
  version: 1,
  title: 'Jeugdzorgketen',
  partners: [{ id: 'p', name: 'Gemeente' }],
  steps: [{ id: 's', partner: 'p', label: 'Melding' }],
  flows: [],
};
