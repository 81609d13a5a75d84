import { afterEach, describe, expect, it } from 'vitest';
import { resetServerEnvForTests } from './env';
import { crossSite, guardRequest, hostAllowed, hostName } from './request-guard';

afterEach(() => {
  delete process.env.PLAYGROUND_ALLOWED_HOSTS;
  resetServerEnvForTests();
});

function allow(hosts: string) {
  process.env.PLAYGROUND_ALLOWED_HOSTS = hosts;
  resetServerEnvForTests();
}

const post = (headers: Record<string, string>) =>
  guardRequest(new Request('http://localhost/api', { method: 'POST', headers: { host: 'localhost:3000', ...headers }, body: '{}' }), { json: true });

describe('hostName', () => {
  it.each([
    ['localhost:3000', 'localhost'],
    ['Example.COM.', 'example.com'],
    ['[::1]:3000', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost@evil.example', null],
    ['evil.example/x', null],
    ['', null],
    [null, null],
  ])('%j → %j', (host, name) => {
    expect(hostName(host)).toBe(name);
  });
});

describe('hostAllowed (DNS rebinding, finding 9)', () => {
  it('serves the loopback names by default, and nothing else', () => {
    expect(['localhost:3000', '127.0.0.1:3000', '[::1]:3000', 'localhost'].map(hostAllowed)).toEqual([true, true, true, true]);
    expect(['evil.example', 'localhost.evil.example', '127.0.0.2', '[::2]', null].map(hostAllowed)).toEqual([false, false, false, false, false]);
  });

  it('adds PLAYGROUND_ALLOWED_HOSTS: names, .name for it and its subdomains, * for any', () => {
    allow('play.example.com, .corp.example ::1');
    expect(['play.example.com', 'x.corp.example:443', 'corp.example', 'notcorp.example', 'example.com'].map(hostAllowed)).toEqual([true, true, true, false, false]);
    allow('*');
    expect(hostAllowed('anything.example')).toBe(true);
  });

  it('stops the server at start on a value that is not a host list, naming the variable', async () => {
    allow('https://play.example.com');
    const { serverEnv } = await import('./env');
    expect(() => serverEnv()).toThrow(/PLAYGROUND_ALLOWED_HOSTS/);
  });
});

describe('crossSite (CSRF, finding 9)', () => {
  const site = (headers: Record<string, string>) => crossSite(new Headers({ host: 'localhost:3000', ...headers }));

  it('refuses what a browser marks as coming from another page', () => {
    expect(site({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(site({ 'sec-fetch-site': 'same-site' })).toBe(true);
    expect(site({ origin: 'http://localhost:3001' })).toBe(true);
    expect(site({ origin: 'http://evil.example' })).toBe(true);
    expect(site({ origin: 'null' })).toBe(true);
  });

  it("passes the page's own requests and clients that send neither header", () => {
    expect(site({})).toBe(false);
    expect(site({ 'sec-fetch-site': 'same-origin', origin: 'http://localhost:3000' })).toBe(false);
    expect(site({ 'sec-fetch-site': 'none' })).toBe(false);
    expect(crossSite(new Headers({ host: 'play.example.com', origin: 'https://play.example.com' }))).toBe(false);
    expect(crossSite(new Headers({ host: 'localhost:80', origin: 'http://localhost' }))).toBe(false);
  });
});

describe('guardRequest', () => {
  it('wants application/json on a POST with a body (415 otherwise, OpenAI-shaped)', () => {
    expect(post({ 'content-type': 'application/json; charset=utf-8' })).toBeNull();
    const refused = post({ 'content-type': 'text/plain;charset=UTF-8' });
    expect(refused?.status).toBe(415);
    expect(refused?.body.error).toMatchObject({ code: 'unsupported_media_type', type: 'invalid_request_error', param: null });
    expect(refused?.body.error.message).toContain('"text/plain"');
  });

  it('checks the Host first, and only the Host on a GET', () => {
    expect(guardRequest(new Request('http://x/api', { headers: { host: 'evil.example', 'sec-fetch-site': 'cross-site' } }))?.body.error.code).toBe('host_not_allowed');
    expect(guardRequest(new Request('http://x/api', { headers: { host: 'localhost', 'sec-fetch-site': 'cross-site' } }))).toBeNull();
    expect(post({ 'content-type': 'application/json', origin: 'https://evil.example' })?.status).toBe(403);
  });

  it('refuses a cross-site GET that asks the provider (it spends the key), and lets the page\'s own through', () => {
    const get = (headers: Record<string, string>) => guardRequest(new Request('http://x/api', { headers: { host: 'localhost', ...headers } }), { asksProvider: true });
    expect(get({ 'sec-fetch-site': 'cross-site' })?.body.error.code).toBe('cross_site_request');
    expect(get({ origin: 'https://evil.example' })?.status).toBe(403);
    expect(get({ 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(get({})).toBeNull();
  });
});
