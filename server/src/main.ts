#!/usr/bin/env node
/**
 * The entry point, `node dist/main.js [command]` and the `ketenkaart` bin (rules SV-S7, SV-C1,
 * SV-O3): without a command it runs the server (`cli/serve.ts`); `--help` lists the rest.
 */
import { runCli } from './cli/cli.js';

const code = await runCli(process.argv.slice(2), process.env);
// `serve` keeps running (-1); every other command ends once its output is written.
if (code >= 0) process.exitCode = code;
