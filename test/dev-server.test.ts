/** The README's first command: `npm run dev` with no key, then curl, answers with the simulator. */
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { freePort } from './support/app';

let stop: () => void = () => {};
afterAll(() => stop());

it('curl against `next dev` with no key gets a tool call from the simulator', { timeout: 180_000 }, async () => {
  const port = await freePort();
  // `next dev` writes to .next/dev, beside (not over) the production build the other tests use.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.AIML_API_KEY;
  const child = spawn('npx', ['next', 'dev', '-p', String(port), '-H', '127.0.0.1'], { env, stdio: 'ignore', detached: true });
  stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const body = JSON.stringify({
    model: 'offline-simulator',
    messages: [{ role: 'user', content: 'Send an email to alice@example.com saying the report is ready' }],
    tools: [
      {
        type: 'function',
        function: {
          name: 'send_email',
          parameters: { type: 'object', properties: { to: { type: 'string' }, body: { type: 'string' } }, required: ['to', 'body'] },
        },
      },
    ],
  });
  let output = '';
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    try {
      output = execFileSync('curl', ['-sS', '--max-time', '120', `http://127.0.0.1:${port}/api/v1/chat/completions`, '-H', 'Content-Type: application/json', '-d', body], {
        encoding: 'utf8',
      });
      if (output.includes('chat.completion')) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  const completion = JSON.parse(output);
  const call = completion.choices[0].message.tool_calls[0];
  expect(call.function.name).toBe('send_email');
  expect(JSON.parse(call.function.arguments).to).toBe('alice@example.com');
});
