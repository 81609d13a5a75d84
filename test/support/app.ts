/**
 * Starts the production build with `next start` (what `npm start` runs) on a free loopback port with a
 * given environment, for HTTP-level tests. Each test file gets its own server so that configurations (key,
 * token, limits) differ.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const NEXT_BIN = 'node_modules/next/dist/bin/next';

export interface RunningApp {
  url: string;
  /** The process started (its group holds the server); for reading its memory. */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startApp(env: Record<string, string | undefined>): Promise<RunningApp> {
  const port = await freePort();
  return serve(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], port, env);
}

/**
 * The standalone server (`node <distDir>/standalone/server.js`, what the Dockerfile runs, or a copy of
 * that folder) on a free loopback port; it needs the build's public/ and static files beside it
 * (scripts/standalone-assets.mjs).
 */
export async function startStandalone(env: Record<string, string | undefined>, folder = standaloneFolder()): Promise<RunningApp> {
  const server = `${folder}/server.js`;
  if (!existsSync(server)) throw new Error(`No standalone server at ${server}: run \`npm run build\` first.`);
  const port = await freePort();
  return serve(process.execPath, [server], port, { ...env, PORT: String(port), HOSTNAME: '127.0.0.1' });
}

export const standaloneFolder = () => `${process.env.NEXT_DIST_DIR || '.next'}/standalone`;

/**
 * `npm start <args>` as a person types it, serving on `port` (which the args must name). npm's own
 * variables of the run that started the tests are dropped, so npm reads only what this command says.
 */
export function startWithNpm(args: string[], port: number, env: Record<string, string | undefined> = {}): Promise<RunningApp> {
  return serve('npm', ['start', ...args], port, env, (name) => name.startsWith('npm_'));
}

async function serve(
  command: string,
  args: string[],
  port: number,
  env: Record<string, string | undefined>,
  dropVariable: (name: string) => boolean = () => false,
): Promise<RunningApp> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(`${distDir}/BUILD_ID`)) throw new Error(`No production build in ${distDir}: run \`npx next build\` first.`);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  for (const name of Object.keys(childEnv)) if (dropVariable(name)) delete childEnv[name];
  // The app's own settings come from `env` only, never from the shell that ran the tests.
  for (const name of Object.keys(childEnv)) if (/^(AIML_API_|PLAYGROUND_)/.test(name)) delete childEnv[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) childEnv[name] = value;
  // A process group of its own, so that stopping it stops whatever it started (npm → sh → node).
  const child = spawn(command, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout?.on('data', (data) => (output += data));
  child.stderr?.on('data', (data) => (output += data));
  const what = [command === process.execPath ? 'node' : command, ...args].join(' ');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`\`${what}\` exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/v1/models`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`\`${what}\` did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, pid: child.pid!, output: () => output, stop };
}
