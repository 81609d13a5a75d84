/**
 * nginx from Debian's package, started by a test in front of given upstreams with the very proxy
 * settings users run: deploy/nginx.conf (what compose.yaml mounts) with its `server app…` lines
 * replaced by the upstreams and its `listen` by a free loopback port, wrapped in a main configuration
 * that keeps every file nginx writes (pid, logs, temporary bodies) in a temporary directory.
 *
 * The access log names, per request, its X-Request-Id as the app saw it and the upstream(s) tried,
 * so a test can tell which instance served what.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../support/app';

export const DEPLOY_CONFIG = 'deploy/nginx.conf';

export interface RunningNginx {
  url: string;
  /** The access log: one `<request id> <status> <upstream addresses, comma-separated>` a line. */
  accessLog: () => string;
  stop: () => Promise<void>;
}

export interface ServedRequest {
  requestId: string;
  status: number;
  /** Each upstream nginx tried, in order: the last one answered (or failed last). */
  upstreams: string[];
}

const UPSTREAM_SERVER = /^([ \t]*)server app\d+:3000((?: [^;\n]*)?);[ \t]*$/gm;
const LISTEN = /^([ \t]*)listen 80;[ \t]*$/m;

/** deploy/nginx.conf for these upstreams (`host:port`) and this port, every other line as it is. */
export function playgroundConfig(deployConfig: string, upstreams: string[], port: number): string {
  const servers = [...deployConfig.matchAll(UPSTREAM_SERVER)];
  if (servers.length === 0 || !LISTEN.test(deployConfig)) {
    throw new Error(`${DEPLOY_CONFIG} no longer has \`server appN:3000 …;\` lines and a \`listen 80;\`: update test/services/nginx.ts to match it.`);
  }
  const [indent, parameters] = [servers[0][1], servers[0][2]];
  const replacement = upstreams.map((upstream) => `${indent}server ${upstream}${parameters};`).join('\n');
  let first = true;
  return deployConfig
    .replace(UPSTREAM_SERVER, () => (first ? ((first = false), replacement) : ''))
    .replace(LISTEN, (_, space: string) => `${space}listen 127.0.0.1:${port};`);
}

/** The main configuration around it: everything nginx writes stays in `dir`. */
function mainConfig(dir: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`).join('\n');
  return [
    // As root, nginx's workers would switch to `nobody`, who cannot write into the temporary directory.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 1024; }',
    'http {',
    temp,
    `  include ${join(dir, 'playground.conf')};`,
    "  log_format served '$playground_request_id $status $upstream_addr';",
    `  access_log ${join(dir, 'access.log')} served;`,
    '}',
    '',
  ].join('\n');
}

function nginxBinary(): string {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const directory of directories) {
    const candidate = join(directory, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error("nginx is not installed: install Debian's package (`apt-get install nginx`); the topology test runs it in front of the app.");
}

export async function startNginx({ upstreams }: { upstreams: string[] }): Promise<RunningNginx> {
  const binary = nginxBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'playground-nginx-'));
  writeFileSync(join(dir, 'playground.conf'), playgroundConfig(readFileSync(DEPLOY_CONFIG, 'utf8'), upstreams, port));
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (data) => (output += data));
  child.stderr?.on('data', (data) => (output += data));
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM'); // nginx's fast shutdown: open streams are closed
        await exited;
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const why = `${output}${read('error.log')}`;
      await stop();
      throw new Error(`nginx did not start (${binary} ${args.join(' ')}):\n${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `http://127.0.0.1:${port}`, accessLog: () => read('access.log'), stop };
}

/** The access log's lines, parsed. */
export function servedRequests(accessLog: string): ServedRequest[] {
  return accessLog
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [requestId, status, ...upstreams] = line.split(' ');
      return { requestId, status: Number(status), upstreams: upstreams.join('').split(',').filter(Boolean) };
    });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}
