/**
 * A Redis address as `--backend` takes it: `redis://[USER:PASSWORD@]HOST[:PORT][/DB]`
 * (`rediss://` for TLS). Plain parsing, no connection (connection.ts connects).
 */

/** A parsed `--backend` address. */
export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** `rediss://`: TLS */
  tls: boolean;
  /** the address without its password, for messages */
  text: string;
}

/**
 * Parses `redis://[USER:PASSWORD@]HOST[:PORT][/DB]` (`rediss://` for TLS; port 6379 and DB 0 by default).
 * @throws {RangeError} anything else, naming the value and the form
 * @example parseRedisUrl('redis://10.0.0.5:6379/2') // { host: '10.0.0.5', port: 6379, db: 2, tls: false, … }
 */
export function parseRedisUrl(value: string): RedisAddress {
  const bad = (why: string) => new RangeError(`'${value}' is not a Redis address (${why}); write redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379/0`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`the scheme must be redis:// or rediss://, got ${url.protocol}//`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw bad('no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  if (!/^\d{0,6}$/.test(path)) throw bad(`the database must be a whole number ≥ 0, got '${path}'`);
  if (url.search || url.hash) throw bad('no ?query or #fragment');
  const db = path === '' ? 0 : Number(path);
  const tls = url.protocol === 'rediss:';
  const address: RedisAddress = { host, port, db, tls, text: `${url.protocol}//${url.host}/${db}` };
  if (url.username) address.username = decodeURIComponent(url.username);
  if (url.password) address.password = decodeURIComponent(url.password);
  return address;
}

