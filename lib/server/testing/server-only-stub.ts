// Vitest alias target for 'server-only' (which throws outside a React Server environment).
export {};
