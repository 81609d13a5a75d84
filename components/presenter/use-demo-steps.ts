'use client';

/** The diagram's steps of one conversation, kept in step with the store (lib/demo/steps.ts builds them). */
import { useMemo } from 'react';
import { demoSteps } from '@/lib/demo/steps';
import type { DemoStep } from '@/lib/demo/types';
import { columnModel } from '@/lib/store/compare';
import { checkToolArgumentsIfLoaded } from '@/lib/tools/arguments';
import { usePlayground } from '@/components/playground/store-context';
import { useSchemaEngine } from '@/components/chat/use-arguments-check';

export function useDemoSteps(conversationId: string): DemoStep[] {
  const { state, model, tools, system } = usePlayground((s) => {
    const slot = s.conversations[conversationId];
    return { state: slot.state, model: columnModel(s.settings, slot), tools: s.tools.lastValid, system: s.settings.system };
  });
  const engine = useSchemaEngine(true);
  return useMemo(
    () =>
      demoSteps({
        entries: state.entries,
        calls: state.calls,
        failure: state.failure,
        pendingCall: state.pendingCall,
        model,
        system,
        tools,
        checkArguments: (name, args) => (engine === 'loaded' ? checkToolArgumentsIfLoaded(tools, name, args) : null),
      }),
    [state.entries, state.calls, state.failure, state.pendingCall, model, system, tools, engine],
  );
}
