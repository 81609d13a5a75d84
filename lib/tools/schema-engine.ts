/**
 * What checking JSON Schemas takes: Ajv (with fast-uri) and the server's own tool schema (zod), about
 * 70 KB gzip together. Never imported directly by the page: lib/tools/schema-engine-loader.ts loads it on
 * first use, so it stays off the first load.
 */
import Ajv from 'ajv';
import { toolSchema } from '@/lib/wire/chat';

export { Ajv, toolSchema };
