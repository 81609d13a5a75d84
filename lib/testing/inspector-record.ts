import type { InspectorRecord } from '@/lib/conversation/records';

/** An inspector record for tests: a finished plain reply unless told otherwise. */
export function inspectorRecord(partial: Partial<InspectorRecord> = {}): InspectorRecord {
  return {
    id: 'r1',
    started_at: 1_000,
    first_token_ms: 120,
    total_ms: 480,
    status: 'done',
    request: { model: 'gpt-4o', stream: true },
    system: null,
    message_count: 1,
    usage: null,
    finish_reason: 'stop',
    error: null,
    reply: null,
    raw: '',
    raw_chars: 0,
    ...partial,
  };
}
