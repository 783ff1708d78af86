/**
 * `ccsim serve` without a browser: it listens on 127.0.0.1 unless --host says otherwise,
 * refuses requests naming another host (a page elsewhere cannot reach it through a DNS
 * name), says so when the port is taken, and answers the page's API with `ccsim whatif`'s
 * messages for bad levers.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../../cli/commands/serve.js';
import { startServe } from '../browser/serveProcess.js';
import { spawnCli } from './run.js';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;

/** A request with a chosen Host header; resolves with the status and body. */
function get(url: string, host: string, path = '/', body?: unknown): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: body ? 'POST' : 'GET', headers: { host, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', fail);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

describe('ccsim serve', () => {
  let server: Awaited<ReturnType<typeof startServe>>;
  beforeAll(async () => { server = await startServe([tiny, '--workers', '1']); });
  afterAll(() => { server?.child.kill('SIGTERM'); });

  it('listens on 127.0.0.1 by default and serves the page to its own address', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const r = await get(server.url, host);
      expect(r.status, host).toBe(200);
      expect(r.text).toContain('<script type="application/json" id="ccsim-boot">');
      expect(r.text).not.toMatch(/<script[^>]+src=|<link[^>]+href=/); // everything inline
    }
    expect(server.stderr()).toBe('');
  });

  it('refuses a request naming another host (403), whatever the path', async () => {
    for (const path of ['/', '/api/scenarios']) {
      const r = await get(server.url, 'attacker.example:80', path);
      expect(r.status).toBe(403);
      expect(r.text).toMatch(/not served here/);
    }
  });

  it('bad levers: the messages of ccsim whatif, one per lever', async () => {
    const host = new URL(server.url).host;
    const r = await get(server.url, host, '/api/kernels', { scenario: '0', levers: { staff: 'lots', patience: '-200%' } });
    const body = JSON.parse(r.text);
    expect(body.ok).toBe(false);
    expect(`ccsim: ${body.errors.staff}\n`).toBe(spawnCli(['whatif', tiny, '--staff', 'lots', '--no-simulate']).stderr);
    expect(body.errors.patience).toBe('--patience -200%: a change must be > -100%');
  });

  it('a port in use: one line saying so, exit 2', async () => {
    const port = new URL(server.url).port;
    const r = spawnCli(['serve', tiny, '--port', port]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ccsim: cannot listen on 127.0.0.1:${port}: the port is in use (try --port 0 for a free one)\n`);
  });

  it('loopback addresses are told apart from others', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '192.168.1.10', '::', 'example.com', '128.0.0.1']) expect(isLoopback(h), h).toBe(false);
  });

  it('a bad --port is one line naming the flag', () => {
    const r = spawnCli(['serve', tiny, '--port', '70000']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ccsim: --port .*70000/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});
