/**
 * A throwaway PostgreSQL for tests, from Debian's `postgresql` package: a fresh data directory in the
 * temp folder, a free loopback port, fsync off (nothing here must survive a crash), stopped and removed
 * by `stop()`. PostgreSQL refuses to run as root, so as root its binaries run as the `postgres` user,
 * which then owns the directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/app';

export interface RunningPostgres {
  /** `postgres://playground@127.0.0.1:<port>/postgres` (trust authentication: no password). */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const USER = 'playground';

/** The folder holding initdb and postgres: Debian's /usr/lib/postgresql/<newest>/bin, else PATH. */
function binaries(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((name) => existsSync(path.join(root, name, 'bin', 'initdb'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest) return path.join(root, newest, 'bin');
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (found) return path.dirname(found);
  throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin nor on PATH): install Debian\'s `postgresql` package (apt-get install postgresql).');
}

const asRoot = process.getuid?.() === 0;

/** The command line, run as `postgres` when we are root. */
function command(file: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

/** A temp directory the server's user owns (mode 0700, as initdb wants). */
function ownedTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (asRoot) {
    const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim();
    const [uid, gid] = [id('-u'), id('-g')];
    if (!uid) throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as: install Debian\'s `postgresql` package, which makes it.');
    chownSync(dir, Number(uid), Number(gid));
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Waits for the server's own word that it is ready ("database system is ready to accept connections",
 * logged once its TCP listener is up), its exit, or 30 s; then `pg_isready` as USER confirms it.
 */
async function waitReady(bin: string, port: number, server: ChildProcess, output: () => string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`PostgreSQL did not accept connections on port ${port} within 30 s:\n${output()}`)), 30_000);
    const onData = () => {
      if (output().includes('ready to accept connections')) done();
    };
    const onExit = (code: number | null) => done(new Error(`PostgreSQL exited (${code}) while starting:\n${output()}`));
    function done(error?: Error) {
      clearTimeout(timer);
      server.stderr?.off('data', onData);
      server.stdout?.off('data', onData);
      server.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    server.stderr?.on('data', onData);
    server.stdout?.on('data', onData);
    server.once('exit', onExit);
    onData();
  });
  const [file, args] = command(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', 'postgres']);
  const check = spawnSync(file, args, { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`PostgreSQL said it was ready, but pg_isready on port ${port} answered ${check.status}: ${check.stdout}${check.stderr}\n${output()}`);
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = binaries();
  const dataDir = ownedTempDir('playground-pg-');
  const socketDir = ownedTempDir('playground-pg-socket-');
  const removeDirs = () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(socketDir, { recursive: true, force: true });
  };
  const [initFile, initArgs] = command(path.join(bin, 'initdb'), ['-D', dataDir, '--auth=trust', '-U', USER, '--encoding=UTF8', '--no-sync']);
  const init = spawnSync(initFile, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    removeDirs();
    throw new Error(`initdb failed (${init.status ?? init.error?.message}):\n${init.stdout}${init.stderr}`);
  }
  const port = await freePort();
  const [file, args] = command(path.join(bin, 'postgres'), [
    '-D', dataDir,
    '-p', String(port),
    '-k', socketDir,
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
  ]);
  // A process group of its own, so that stopping it reaches postgres under runuser.
  const server = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  server.stdout?.on('data', (data) => (output += data));
  server.stderr?.on('data', (data) => (output += data));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      // SIGINT: PostgreSQL's "fast shutdown" (ends sessions, no waiting for clients to leave).
      process.kill(-server.pid!, 'SIGINT');
      await exited;
    }
    removeDirs();
  };
  try {
    await waitReady(bin, port, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `postgres://${USER}@127.0.0.1:${port}/postgres`, dataDir, stop };
}
