/**
 * Reaching Redis: a first contact that answers within a few seconds or fails with one line (a Redis that is down, a port that never answers, a
 * host that does not resolve — never a hang); and the watch that declares the connection
 * lost when it stays down longer than a grace period (ioredis reconnects by itself meanwhile,
 * so a Redis restart within the grace period goes unnoticed).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisAddress } from './address.js';

/** Seconds the first contact may take (TCP connect, SELECT, PING). */
export const FIRST_CONTACT_SECONDS = 3;

/** The cluster cannot go on: Redis unreachable, lost, or refusing. One line, no stack. */
export class ClusterError extends Error {
  override name = 'ClusterError';
}

function optionsOf(a: RedisAddress): RedisOptions {
  return {
    host: a.host,
    port: a.port,
    db: a.db,
    ...(a.username ? { username: a.username } : {}),
    ...(a.password ? { password: a.password } : {}),
    ...(a.tls ? { tls: {} } : {}),
  };
}

function reasonOf(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'unknown host';
  if (e.code === 'ETIMEDOUT') return 'no connection';
  if (e.code === 'EHOSTUNREACH' || e.code === 'ENETUNREACH') return 'host unreachable';
  return (e.message ?? String(err)).split('\n')[0]!;
}

function deadline<T>(p: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what)), seconds * 1000);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Waits for `p` (its outcome ignored) at most `ms` milliseconds; leaves no timer behind. */
export async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/**
 * Connects to Redis: a first contact (TCP, SELECT, PING) within FIRST_CONTACT_SECONDS, then
 * the long-lived client BullMQ needs (`maxRetriesPerRequest: null`: commands wait while it
 * reconnects, every 0.1–1 s, until `watchConnection` gives up).
 * @throws {ClusterError} Redis cannot be reached or refuses: one line naming the address and why
 */
export async function connectRedis(a: RedisAddress): Promise<Redis> {
  const fail = (why: string) => new ClusterError(`cannot reach Redis at ${a.text}: ${why}; is redis-server running there and reachable from this machine?`);
  const probe = new Redis({ ...optionsOf(a), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: FIRST_CONTACT_SECONDS * 1000 });
  let last: unknown;
  probe.on('error', (err) => (last = err));
  try {
    await deadline(probe.connect().then(() => probe.select(a.db)).then(() => probe.ping()), FIRST_CONTACT_SECONDS, `no answer within ${FIRST_CONTACT_SECONDS} s`);
  } catch (err) {
    throw fail(reasonOf(last ?? err));
  } finally {
    probe.disconnect();
  }
  const client = new Redis({ ...optionsOf(a), lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(100 * times, 1000) });
  client.on('error', () => {}); // reported by watchConnection when it lasts
  try {
    await deadline(client.connect(), FIRST_CONTACT_SECONDS, `no answer within ${FIRST_CONTACT_SECONDS} s`);
  } catch (err) {
    client.disconnect();
    throw fail(reasonOf(err));
  }
  return client;
}

/**
 * Calls `onLost` once when the client has been disconnected for more than `graceSeconds`
 * (it reconnects meanwhile); returns a function that stops watching.
 */
export function watchConnection(client: Redis, a: RedisAddress, graceSeconds: number, onLost: (error: ClusterError) => void): () => void {
  let downSince: number | undefined;
  let last = 'connection closed';
  const onError = (err: unknown) => (last = reasonOf(err));
  const onClose = () => (downSince ??= Date.now());
  const onReady = () => (downSince = undefined);
  client.on('error', onError);
  client.on('close', onClose);
  client.on('ready', onReady);
  const stop = () => {
    clearInterval(timer);
    client.off('error', onError);
    client.off('close', onClose);
    client.off('ready', onReady);
  };
  const timer = setInterval(() => {
    if (downSince !== undefined && Date.now() - downSince > graceSeconds * 1000) {
      stop();
      onLost(new ClusterError(`lost the connection to Redis at ${a.text} (${last}) for more than ${graceSeconds} s`));
    }
  }, 200);
  return stop;
}
