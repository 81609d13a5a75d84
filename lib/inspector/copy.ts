/**
 * "Copy as curl" and "Copy as JSON" for one model call. The curl command asks the AI/ML API (the
 * provider the exported code targets) with the key as `$AIML_API_KEY`; a simulator call asks the
 * playground's own endpoint, where the simulator lives. The JSON is the call as the inspector shows it.
 */
import type { AssembledMessage, ModelCall } from '@/lib/conversation/state';
import { CHAT_URL } from '@/lib/wire/chat-client';
import { isSimulatorModel } from '@/lib/wire/models';
import { curlCommand, EXPORT_BASE_URL, shellQuoted } from '@/lib/export/curl';
import type { RawStream } from './raw-stream';

export function callAsCurl(call: Pick<ModelCall, 'body'>, origin: string): string {
  const stream = call.body.stream === true;
  if (isSimulatorModel(call.body.model)) {
    return `# The offline simulator runs inside the playground server: this asks it there.\n${curlCommand(call.body, { url: shellQuoted(`${origin}${CHAT_URL}`), withKey: false, stream })}`;
  }
  return curlCommand(call.body, { url: shellQuoted(`${EXPORT_BASE_URL}/chat/completions`), withKey: true, stream });
}

export function callAsJson(call: ModelCall, assembled: AssembledMessage | null, stream: RawStream): string {
  const since = (at: number | null) => (at === null ? null : at - call.startedAt);
  return JSON.stringify(
    {
      request: { method: 'POST', url: CHAT_URL, body: call.body },
      response: {
        status: call.http?.status ?? call.error?.status ?? null,
        headers: call.http?.headers ?? null,
        provider: stream.upstream,
        chunks: stream.chunks,
        message: assembled,
        finish_reason: call.finishReason,
        usage: call.usage,
        error: call.error,
      },
      timing: { started_at: new Date(call.startedAt).toISOString(), first_token_ms: since(call.firstTokenAt), total_ms: since(call.finishedAt) },
    },
    null,
    2,
  );
}
