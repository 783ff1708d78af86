/**
 * Worker thread entry: imports the handler modules named in `workerData`, says `ready`, then
 * runs one task at a time as messages arrive and answers each with its result or its error.
 * A long-lived worker pulls many tasks; it never exits on its own (the pool terminates it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Handler, HandlerModule, TaskMessage, WorkerInit, WorkerMessage } from './protocol.js';
import { errorData, transferablesOf } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('engine/parallel/worker.js must run in a worker thread');

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  const handlers = new Map<string, Handler>();
  try {
    for (const url of init.modules) {
      const mod = (await import(url)) as Partial<HandlerModule>;
      if (!mod.handlers) throw new Error(`${url} exports no 'handlers' table`);
      for (const [kind, handler] of Object.entries(mod.handlers)) handlers.set(kind, handler);
    }
  } catch (err) {
    post({ type: 'init-error', error: errorData(err) });
    return;
  }
  port!.on('message', async (message: TaskMessage) => {
    const { id } = message;
    try {
      const handler = handlers.get(message.kind);
      if (!handler) throw new Error(`no handler for task kind '${message.kind}' (known: ${[...handlers.keys()].join(', ')})`);
      const value = await handler(message.input as never, { progress: (units) => post({ type: 'progress', id, units }) });
      post({ type: 'result', id, value }, transferablesOf(value));
    } catch (err) {
      post({ type: 'error', id, error: errorData(err) });
    }
  });
  post({ type: 'ready' });
}

void main();
