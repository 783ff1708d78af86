/**
 * `ccsim serve [FILE]`: a local what-if page. Pick a scenario (FILE and the shipped ones),
 * move the levers and see the kernels' figures at once, then simulate for 95% intervals; the
 * page shows the charts of `--report`, saves the report and shows the equivalent
 * `ccsim whatif` command (cli/serve/).
 *
 *   ccsim serve scenarios/china-banking-2017.yaml [--port 8080] [--host 127.0.0.1] [--workers N]
 *
 * Listens on 127.0.0.1 unless `--host` names another address (then anyone who can reach it
 * can use the page: there is no login, and a line on stderr says so). `--port 0` picks a
 * free port. Runs until Ctrl-C (or SIGTERM).
 */
import type { Argv, CommandModule } from 'yargs';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { numberFlag, numericOption, stringFlag } from '../io/flags.js';
import { displayPath, listExamples } from '../io/package.js';
import { scenarioFileOf } from '../io/scenario.js';
import { workersFlag, workersOption } from '../io/workers.js';
import { createApp, type PageScenario } from '../serve/app.js';
import { scenarioTitle } from '../serve/whatif.js';

type Args = Record<string, unknown>;

/** Whether a host name or address is this machine's loopback. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The scenarios the page offers: FILE first (when given), then the shipped ones. */
function pageScenarios(argv: Args): PageScenario[] {
  const files: string[] = [];
  if ((typeof argv.file === 'string' && argv.file !== '') || argv.example !== undefined) files.push(scenarioFileOf(argv));
  for (const e of listExamples()) if (e.kind === 'scenario' && !files.some((f) => resolve(f) === e.path)) files.push(displayPath(e.path));
  return files.map((file, i) => ({ id: String(i), file, title: scenarioTitle(file) }));
}

async function handler(argv: Args): Promise<void> {
  const hostGiven = stringFlag(argv, 'host');
  const host = hostGiven ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. --host 127.0.0.1');
  const port = numberFlag(argv, 'port', { min: 0, max: 65535, integer: true }) ?? 8080;
  const scenarios = pageScenarios(argv);
  const loopback = isLoopback(host);
  let hosts: string[] | 'any' = 'any';
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const app = createApp({ scenarios, workers: workersFlag(argv), get hosts() { return hosts; } });
    const s = serve({ fetch: app.fetch, port, hostname: host.replace(/^\[(.*)\]$/, '$1') }, () => ok(s));
    s.once('error', (err: NodeJS.ErrnoException) => fail(new UsageError(`cannot listen on ${host}:${port}: ${err.code === 'EADDRINUSE' ? 'the port is in use (try --port 0 for a free one)' : (err.code ?? err.message)}`)));
  });
  const actual = (server.address() as AddressInfo).port;
  if (loopback) hosts = [`${host}:${actual}`, `localhost:${actual}`, `127.0.0.1:${actual}`, `[::1]:${actual}`];
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  process.stdout.write(`ccsim serve: http://${shown}:${actual}/ (${scenarios.map((s) => s.file).join(', ')}); Ctrl-C stops\n`);
  if (!loopback) process.stderr.write(`ccsim serve: listening on ${host}, not loopback: anyone who can reach ${shown}:${actual} can use this page and run simulations (there is no login)\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => done());
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serveCommand: CommandModule<object, Args> = {
  command: 'serve [file]',
  describe: 'a local what-if page: levers → kernel figures at once, simulate for intervals, charts, save the report',
  builder: (y) =>
    (y as Argv<Args>)
      .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON) offered first; the shipped scenarios are offered too' })
      .option('example', { type: 'string', requiresArg: true, describe: 'a scenario ccsim ships, by name, instead of FILE' })
      .option('port', numericOption('TCP port (default 8080; 0: a free port, printed)'))
      .option('host', { type: 'string', requiresArg: true, describe: 'address to listen on (default 127.0.0.1, this machine only); another address opens the page to the network, without login' })
      .option('workers', workersOption)
      .example('$0 serve scenarios/china-banking-2017.yaml', 'open the printed address in a browser')
      .example('$0 serve --port 0', 'the shipped scenarios, on a free port'),
  handler: (argv) => handler(argv as Args),
};
