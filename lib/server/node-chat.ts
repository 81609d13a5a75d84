import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientKey } from './access';
import { answerChatCompletion } from './chat-endpoint';
import { errorReply, type HeaderSource, type IncomingBody, type Reply } from './http';
import { apiError } from './upstream-errors';

/**
 * POST /api/v1/chat/completions straight on node:http. A Next route handler costs about a millisecond
 * per call before any code of ours runs (bench/RESULTS.md); `npm start` (server.mjs) sends this one
 * path here and everything else to Next. Same endpoint code as the route: only the transport differs.
 * Never rejects: a failure is answered as a 500, or cuts a stream whose headers went out.
 */
export async function serveChatCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const clientGone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) clientGone.abort();
  });
  const headers = nodeHeaders(req);
  let reply: Reply;
  try {
    reply = await answerChatCompletion({
      headers,
      client: clientKey(headers, req.socket.remoteAddress),
      body: nodeBody(req),
      signal: clientGone.signal,
    });
  } catch (error) {
    if (clientGone.signal.aborted) return;
    console.error('chat completion failed:', error);
    reply = internalError;
  }
  try {
    writeReply(res, reply);
  } catch (error) {
    console.error('chat completion failed while answering:', error);
    if (res.headersSent) res.destroy();
    else writeReply(res, internalError);
  }
}

const internalError = errorReply(
  apiError(500, 'The playground server failed while handling this request. Retry; if it keeps failing, the server log says why.', { code: 'internal_error' }),
);

const HEADERS_ALONE_AFTER_MS = 20;

function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, reply.headers);
  if ('body' in reply) return void res.end(reply.body);
  // The headers go out with the first event (one write instead of two, so the first token is sooner),
  // or on their own if the provider takes longer than that to start, so the client knows it began.
  const headersAlone = setTimeout(() => res.flushHeaders(), HEADERS_ALONE_AFTER_MS);
  const stop = reply.stream({
    write: (text) => {
      clearTimeout(headersAlone);
      res.write(text);
    },
    end: () => {
      clearTimeout(headersAlone);
      res.end();
    },
  });
  res.once('close', () => {
    clearTimeout(headersAlone);
    if (!res.writableFinished) stop();
  });
}

function nodeHeaders(req: IncomingMessage): HeaderSource {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

function nodeBody(req: IncomingMessage): IncomingBody {
  return {
    declaredLength: Number(req.headers['content-length'] ?? NaN),
    text: (limit) =>
      new Promise((resolve, reject) => {
        const parts: Buffer[] = [];
        let size = 0;
        const onData = (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limit) return void parts.push(chunk);
          // Stop here; Node discards the rest once the 413 has been sent.
          req.off('data', onData).off('end', onEnd).off('error', reject);
          resolve(null);
        };
        const onEnd = () => resolve(parts.length === 1 ? parts[0].toString('utf8') : Buffer.concat(parts).toString('utf8'));
        req.on('data', onData).once('end', onEnd).once('error', reject);
      }),
  };
}

/**
 * How server.mjs finds this handler: instrumentation.ts puts it here at start, compiled by Next like
 * every other module (server.mjs itself is plain JavaScript that Next does not compile).
 */
export const CHAT_HANDLER_KEY = Symbol.for('function-calling-playground.serve-chat-completion');

export function offerChatHandler(): void {
  (globalThis as { [CHAT_HANDLER_KEY]?: typeof serveChatCompletion })[CHAT_HANDLER_KEY] = serveChatCompletion;
}
