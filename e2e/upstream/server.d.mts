/** Types for TypeScript importers of server.mjs (the project compiles with allowJs off). */
import type { StartOptions, TestUpstream } from './types';

export type * from './types';

/** Starts the scripted upstream on loopback; port 0 picks a free port (read it from the result). */
export declare function startTestUpstream(options?: StartOptions): Promise<TestUpstream>;
