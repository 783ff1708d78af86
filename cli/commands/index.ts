/** Every `ccsim` command, in the order `--help` lists them. Add a command here. */
import type { CommandModule } from 'yargs';
import { erlangCommand } from './erlang.js';
import { staffCommand } from './staff.js';
import { simulateCommand } from './simulate.js';
import { validateCommand } from './validate.js';
import { calibrateCommand } from './calibrate.js';
import { whatifCommand } from './whatif.js';
import { sweepCommand } from './sweep.js';
import { examplesCommand } from './examples.js';
import { workerCommand } from './worker.js';
import { serveCommand } from './serve.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [erlangCommand, staffCommand, simulateCommand, validateCommand, calibrateCommand, whatifCommand, sweepCommand, workerCommand, serveCommand, examplesCommand];
