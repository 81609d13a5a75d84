import 'server-only';
import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { serverEnv } from './env';

/**
 * Who a request comes from, for the rate limit and the access lockout (finding 5), and whether it
 * came over HTTPS (the cookie's Secure, HSTS).
 *
 * A route handler never sees the socket: Next 16 builds a web Request from the Node request's headers.
 * Next does set `x-forwarded-for` to the socket's address, but only when the request has none
 * (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`): a client-sent header
 * is kept as it is, neither replaced nor appended to, so from the handler's side "127.0.0.1" put
 * there by Next and "127.0.0.1" typed by a client look the same. So at start (instrumentation.ts)
 * this subscribes to Node's `http.server.request.start` diagnostics channel, which Node publishes
 * for every request before the server's `request` listeners (Next) run, and stamps the request with
 * a header of its own carrying the socket's address and protocol, overwriting whatever a client sent
 * under that name. The stamp carries a random per-process value, so a header a client sent before the
 * subscription existed (the first requests while the server starts) is recognised as not ours.
 * test/client-address.test.ts checks this against the production build.
 */
export const PEER_HEADER = 'x-playground-peer';

/** Shared by every bundle of the process (Next compiles instrumentation and each route separately). */
const STATE = Symbol.for('function-calling-playground/client-address');
type PeerState = { stamp: string; watching: boolean };

function peerState(): PeerState {
  const global = globalThis as { [STATE]?: PeerState };
  global[STATE] ??= { stamp: randomBytes(12).toString('base64url'), watching: false };
  return global[STATE];
}

/** Once per process, before requests are served (instrumentation.ts). */
export function watchPeerAddresses(): void {
  const state = peerState();
  if (state.watching) return;
  state.watching = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket & { encrypted?: boolean } };
    request.headers[PEER_HEADER] = `${state.stamp} ${socket.encrypted ? 'https' : 'http'} ${socket.remoteAddress ?? ''}`;
  });
}

/** The socket's address and protocol as stamped at start, or null when this request was not stamped. */
function peer(headers: Pick<Headers, 'get'>): { address: string; https: boolean } | null {
  const value = headers.get(PEER_HEADER);
  if (!value) return null;
  const [stamp, protocol, address = ''] = value.split(' ');
  return stamp === peerState().stamp ? { address, https: protocol === 'https' } : null;
}

/** A request whose socket is unknown (it came in before the stamp was set up): they share one key. */
export const UNKNOWN_CLIENT = 'unknown';
/** A trusted X-Forwarded-For entry that is not an IP address: such clients share one key too. */
export const UNPARSEABLE_CLIENT = 'unparseable';

export interface Client {
  /** At most 45 characters, whatever the request carried: an IPv4 address, an IPv6 /64, or one of the two constants. */
  key: string;
  https: boolean;
}

/**
 * The client, as Express's numeric `trust proxy` judges it: with N proxies trusted, the addresses are
 * the socket's then X-Forwarded-For's from the right, and the client is the Nth of them after the
 * socket (or the left-most, when there are fewer). X-Forwarded-Proto (its first value) is believed
 * only when a proxy is.
 */
export function clientOf(headers: Pick<Headers, 'get'>, trustedHops: number = serverEnv().PLAYGROUND_TRUST_PROXY): Client {
  const socket = peer(headers);
  if (trustedHops === 0) return { key: socket ? addressKey(socket.address) : UNKNOWN_CLIENT, https: socket?.https ?? false };
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const https = proto ? proto === 'https' : (socket?.https ?? false);
  const entry = forwardedEntry(headers.get('x-forwarded-for') ?? '', trustedHops);
  if (entry === null) return { key: socket ? addressKey(socket.address) : UNKNOWN_CLIENT, https };
  return { key: addressKey(entry), https };
}

export const clientKey = (headers: Pick<Headers, 'get'>): string => clientOf(headers).key;

/**
 * The `n`th comma-separated entry from the right of X-Forwarded-For (1: the right-most; empty entries
 * skipped), or its left-most when it has fewer; null when it has none. Walks from the right, so a long
 * header costs no more than the entries it skips.
 */
export function forwardedEntry(header: string, n: number): string | null {
  let end = header.length;
  let entry: string | null = null;
  for (let found = 0; found < n && end > 0; ) {
    const start = header.lastIndexOf(',', end - 1);
    const candidate = header.slice(start + 1, end).trim();
    if (candidate) {
      entry = candidate;
      found += 1;
    }
    end = start;
  }
  return entry;
}

/**
 * An address as a key of at most 45 characters: IPv4 as it is (also when IPv4-mapped), IPv6 as its
 * /64 (one subscriber usually holds a whole /64, so its addresses are one client), a proxy's
 * `host:port` or `[v6]:port` without the port. Anything else is UNPARSEABLE_CLIENT.
 */
export function addressKey(raw: string): string {
  if (raw.length > 64) return UNPARSEABLE_CLIENT;
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, ''); // an IPv6 zone id
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1];
  const version = isIP(address);
  if (version === 4) return address;
  if (version === 6) return `${ipv6Prefix64(address)}::/64`;
  return UNPARSEABLE_CLIENT;
}

/** The first four groups of a valid IPv6 address, without leading zeros. */
function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  // A trailing dotted IPv4 counts as two groups; it never reaches the first four unless the head is short.
  const tailGroups = tail ? tail.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group])) : [];
  const groups = address.includes('::') ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups] : headGroups;
  return groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':');
}
