/** The guide's tools and requests, shared by the simulator's tests. Test-only. */
import type { ChatMessage, ChatRequest, Tool } from '@/lib/chat';

/** Copied from the function-calling guide (seeds/000_15da291a6515dc4b.txt). */
export const WEATHER_TOOL: Tool = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
    },
  },
};

export const GUIDE_SYSTEM_PROMPT =
  'You are a helpful assistant that can access external functions. The responses from these function calls will be appended to this dialogue. Please provide responses based on the information from these function calls.';

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
