/** Types for TypeScript importers (the project compiles with allowJs off). */
export { CHROMIUM_ARGS } from "./chromium-args.mjs";
export declare function findChromium(): string;
