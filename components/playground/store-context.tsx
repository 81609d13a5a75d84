'use client';

/**
 * The page's one playground store (lib/store/playground-store.ts), made once per page and handed down
 * by context; components subscribe to the slices they show with `usePlayground(selector)`.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createPlaygroundStore, type PlaygroundState, type PlaygroundStore } from '@/lib/store/playground-store';
import type { Scenario } from '@/lib/scenario/base';

const StoreContext = createContext<PlaygroundStore | null>(null);

export function PlaygroundStoreProvider({ initial, store, children }: { initial?: Scenario; store?: PlaygroundStore; children: ReactNode }) {
  const [created] = useState(() => store ?? createPlaygroundStore(initial!));
  return <StoreContext.Provider value={created}>{children}</StoreContext.Provider>;
}

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('usePlaygroundStore needs a PlaygroundStoreProvider above it.');
  return store;
}

/** A slice of the store; re-renders when it changes (compared shallowly, so objects of slices work). */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), useShallow(selector));
}
