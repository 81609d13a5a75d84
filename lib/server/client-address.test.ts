import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressKey, clientOf, forwardedEntry, PEER_HEADER, UNKNOWN_CLIENT, UNPARSEABLE_CLIENT, watchPeerAddresses } from './client-address';
import { resetServerEnvForTests } from './env';

beforeAll(() => {
  delete process.env.PLAYGROUND_TRUST_PROXY;
  resetServerEnvForTests();
});

/** What a request's handler sees of it when it arrives through a real node:http server, as under Next. */
async function arriving(headers: Record<string, string> = {}, localAddress = '127.0.0.1'): Promise<Headers> {
  const server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const seen = await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      request({ host: '127.0.0.1', port, headers, localAddress, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk)).on('end', () => resolve(JSON.parse(text)));
      })
        .on('error', reject)
        .end();
    });
    return new Headers(Object.entries(seen).map(([name, value]): [string, string] => [name, String(value)]));
  } finally {
    server.close();
  }
}

describe('the socket address, stamped on each request at start', () => {
  beforeAll(() => watchPeerAddresses());

  it('is the client, whatever X-Forwarded-For, X-Real-IP or stamp header the client sends', async () => {
    const headers = await arriving({ 'x-forwarded-for': '203.0.113.1', 'x-real-ip': '203.0.113.2', [PEER_HEADER]: 'forged http 203.0.113.3' }, '127.0.0.9');
    expect(clientOf(headers, 0)).toEqual({ key: '127.0.0.9', https: false });
  });

  it('is the client when a trusted proxy sent no X-Forwarded-For (a direct request)', async () => {
    expect(clientOf(await arriving({}, '127.0.0.8'), 1).key).toBe('127.0.0.8');
  });

  it('ignores a client-sent X-Forwarded-Proto unless a proxy is trusted', async () => {
    const headers = await arriving({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.4' });
    expect(clientOf(headers, 0).https).toBe(false);
    expect(clientOf(headers, 1)).toEqual({ key: '198.51.100.4', https: true });
  });
});

describe('a request the stamp did not see (or a forged stamp)', () => {
  it('shares one key when no proxy is trusted, and never uses the client headers', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.1', [PEER_HEADER]: 'forged http 203.0.113.3' });
    expect(clientOf(headers, 0)).toEqual({ key: UNKNOWN_CLIENT, https: false });
  });
});

describe('forwardedEntry: the Nth X-Forwarded-For entry from the right, as Express counts trusted hops', () => {
  it.each([
    ['a, b, c', 1, 'c'],
    ['a, b, c', 2, 'b'],
    ['a, b, c', 3, 'a'],
    ['a, b, c', 9, 'a'],
    ['a,b', 1, 'b'],
    [' a ,  ', 1, 'a'],
    ['a, , b', 2, 'a'],
    ['', 1, null],
  ] as const)('%j, %i hops: %s', (header, hops, entry) => {
    expect(forwardedEntry(header, hops)).toBe(entry);
  });

  it('reads only the entries it needs of a long header', () => {
    expect(forwardedEntry(`${'x, '.repeat(5000)}198.51.100.1, 10.0.0.1`, 2)).toBe('198.51.100.1');
  });
});

describe('addressKey: a short key, whatever the entry', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['[2001:DB8:1:2::9]:443', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['unknown', UNPARSEABLE_CLIENT],
    ['<script>', UNPARSEABLE_CLIENT],
  ])('%s → %s', (entry, key) => {
    expect(addressKey(entry)).toBe(key);
  });

  it('an 8 KB entry → unparseable', () => {
    expect(addressKey('z'.repeat(8000))).toBe(UNPARSEABLE_CLIENT);
  });

  it('keeps every key within 45 characters', () => {
    for (const entry of ['ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255', '255.255.255.255:65535', '[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535']) {
      expect(addressKey(entry).length).toBeLessThanOrEqual(45);
    }
  });
});
