/** Types for TypeScript importers (the project compiles with allowJs off). */
export declare const CHROMIUM_ARGS: string[];
