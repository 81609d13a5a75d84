'use client';

/**
 * The providers' rules about the conversation rather than the tools (Mistral's 9-character tool call
 * ids), under the Tools editor's problems: a note, since the proxy adapts the request for them.
 */
import { useMemo } from 'react';
import { usePlayground } from '@/components/playground/store-context';
import { toWireMessages } from '@/lib/conversation/state';
import { loadedSchemaEngine } from '@/lib/tools/schema-engine-loader';
import { checkTargets, mainConversation } from '@/lib/store/selectors';

export function ConversationRules() {
  // The conversation changes with every streamed chunk: the note is worked out from them only
  // when they or the targets change, and only when Mistral is among the targets.
  const { conversation, checked } = usePlayground((s) => ({
    conversation: checkTargets(s).includes('mistral') ? mainConversation(s).state : null,
    checked: !s.tools.lint.checking,
  }));
  const note = useMemo(() => {
    // The rules load with the tools' checks; until then there is nothing to say.
    const engine = loadedSchemaEngine();
    if (!conversation || !engine || !checked) return null;
    const findings = engine.checkConversation(toWireMessages(conversation), ['mistral']);
    if (!findings.length) return null;
    // A call's id and its result's tool_call_id are one id: counted once (each finding's message names it).
    const ids = new Set(findings.map((finding) => finding.message)).size;
    const count = findings.length >= 20 ? `${ids} or more` : String(ids);
    return `Mistral: ${count} tool call ${ids === 1 ? 'id' : 'ids'} in the conversation ${ids === 1 ? 'is' : 'are'} not 9 letters and digits, as Mistral requires; the proxy rewrites them for Mistral models (the inspector shows the request as sent).`;
  }, [conversation, checked]);
  if (!note) return null;
  return (
    <p role="note" className="border-t border-zinc-200 px-3 py-1.5 text-xs text-amber-800 dark:border-zinc-800 dark:text-amber-300">
      {note}
    </p>
  );
}
