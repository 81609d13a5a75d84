/** The guide's tools and requests, shared by the simulator's tests. Test-only. */
import type { ChatMessage, ChatRequest, Tool } from '@/lib/wire/chat';

/** The guide's tool and system prompt, verbatim, from the one place the app keeps them. */
import { GUIDE_SYSTEM_PROMPT, WEATHER_TOOL } from '@/lib/scenario/scenario';

export { GUIDE_SYSTEM_PROMPT, WEATHER_TOOL };

export const SEND_EMAIL_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'send_email',
    description: 'Send an email',
    parameters: {
      type: 'object',
      properties: { to: { type: 'string' }, body: { type: 'string' } },
      required: ['to', 'body'],
    },
  },
};

export const GET_CUSTOMERS_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'get_customers',
    description: 'List customers from the internal API',
    parameters: {
      type: 'object',
      properties: {
        min_revenue: { type: 'integer' },
        created_before: { type: 'string' },
        limit: { type: 'integer' },
      },
      required: ['min_revenue', 'created_before', 'limit'],
    },
  },
};

export const EXTRACT_DATA_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'extract_data',
    description: 'Extract structured data from text',
    parameters: {
      type: 'object',
      properties: { name: { type: 'string' }, birthday: { type: 'string' } },
      required: ['name', 'birthday'],
    },
  },
};

export const SQL_QUERY_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'sql_query',
    description: 'Run a SQL query against the shop database',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
};

export const GUIDE_TOOLS = [WEATHER_TOOL, SEND_EMAIL_TOOL, GET_CUSTOMERS_TOOL, EXTRACT_DATA_TOOL, SQL_QUERY_TOOL];

export const GUIDE_QUESTION = 'What is the current temperature of New York, San Francisco, and Chicago?';

export function ask(content: string, tools: Tool[], extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'offline-simulator', messages: [{ role: 'user', content }], tools, ...extra };
}

/** The guide's first request, exactly as its Python example sends it. */
export function guideRequest(extra: Partial<ChatRequest> = {}): ChatRequest {
  const messages: ChatMessage[] = [
    { role: 'system', content: GUIDE_SYSTEM_PROMPT },
    { role: 'user', content: GUIDE_QUESTION },
  ];
  return { model: 'gpt-4o', messages, tools: [WEATHER_TOOL], tool_choice: 'auto', ...extra };
}
