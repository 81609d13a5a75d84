/**
 * What checking JSON Schemas takes: Ajv (with fast-uri), re2js for the schemas' regular expressions, and
 * the server's own tool schema (zod), about 120 KB gzip together (re2js about 50 KB of it), and the
 * providers' rules (lib/tool-formats/rules). Never
 * imported directly by the page: lib/tools/schema-engine-loader.ts loads it on first use, so it stays
 * off the first load.
 */
import Ajv, { type Options } from 'ajv';
import { toolSchema } from '@/lib/wire/chat';
import { collectUnchecked, linearRegExp } from './linear-regexp';

/**
 * An Ajv whose `pattern` and `patternProperties` run in linear time (lib/tools/linear-regexp.ts): the
 * only way this project makes one for a user's schema.
 */
function createAjv(options: Omit<Options, 'code'>): Ajv {
  return new Ajv({ ...options, code: { regExp: linearRegExp } });
}

export { collectUnchecked, createAjv, toolSchema };
// The providers' rules and their quick fixes load with the schema checks: the lint is their only way in.
export { applyQuickFix, checkConversation, checkTools, QUICK_FIX_TITLES } from '@/lib/tool-formats/rules';
