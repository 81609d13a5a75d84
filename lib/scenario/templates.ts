/**
 * Ready-made scenarios: the function-calling guide's use cases, each with tools described well enough for
 * a model to use, and realistic mock results so the loop can be played through without writing code.
 */
import type { Tool } from '@/lib/wire/chat';
import { cloneScenario, deepFreeze, DEFAULT_SCENARIO, type Scenario } from './base';
import { OFFLINE_SIMULATOR_ID } from '@/lib/wire/models';
import { fixedMock } from '@/lib/mocks/mock';

export interface Template {
  id: 'weather' | 'send_email' | 'get_customers' | 'extract_data' | 'sql_query';
  title: string;
  description: string;
  scenario: Scenario;
}

function fn(name: string, description: string, properties: Record<string, unknown>, required: string[]): Tool {
  return {
    type: 'function',
    function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } },
  };
}

/** A template with one fixed result per function. */
function base(name: string, system: string, tools: Tool[], results: Record<string, string>, draft: string): Scenario {
  return {
    ...cloneScenario(DEFAULT_SCENARIO),
    name,
    model: OFFLINE_SIMULATOR_ID,
    system,
    tools,
    mocks: Object.fromEntries(Object.entries(results).map(([fn, result]) => [fn, fixedMock(result)])),
    draft,
  };
}

const sendEmail = base(
  'Send an e-mail (with approval)',
  'You are an e-mail assistant. You can send e-mails with the send_email function. Sending an e-mail is an ' +
    'action in the real world that cannot be undone, so the person you work for must approve every e-mail ' +
    'before it is sent: the application shows them each send_email call, and they approve or reject it. ' +
    'Write the whole body yourself, in a friendly, professional tone, and sign it "Sam". If you do not know ' +
    'the recipient\'s address, ask for it instead of guessing. If a call is rejected, ask what to change.',
  [
    fn(
      'send_email',
      'Send an e-mail. This takes effect in the real world: the person must approve each call before the ' +
        'e-mail is sent, and may reject it.',
      {
        to: { type: 'string', format: 'email', description: "The recipient's e-mail address, e.g. alice@example.com" },
        body: { type: 'string', description: 'The complete text of the e-mail, including greeting and signature' },
      },
      ['to', 'body'],
    ),
  ],
  { send_email: '{"status": "sent", "message_id": "<20240612093015.4f2a@mail.example.com>"}' },
  'Send an email to alice@example.com telling her the quarterly report is ready',
);

const getCustomers = base(
  'Top customers (natural language → API call)',
  'You are an assistant for the sales team at Acme Corp. Answer questions about customers by calling the ' +
    'internal CRM API through get_customers; never invent customers. Revenue is lifetime revenue in US ' +
    'dollars. "Top customers" means at least $100,000 of revenue; unless the person says otherwise, show ' +
    'the 5 largest. Today is 2024-06-12.',
  [
    fn(
      'get_customers',
      'List customers from the CRM, largest lifetime revenue first.',
      {
        min_revenue: {
          type: 'integer',
          minimum: 0,
          description: 'Only customers whose lifetime revenue, in whole US dollars, is at least this',
        },
        created_before: {
          type: 'string',
          format: 'date',
          description: 'Only customers whose account was created before this date, as YYYY-MM-DD',
        },
        limit: { type: 'integer', minimum: 1, maximum: 100, description: 'The most customers to return' },
      },
      ['min_revenue', 'created_before', 'limit'],
    ),
  ],
  {
    get_customers: JSON.stringify({
      customers: [
        { id: 'cus_1042', name: 'Globex Corporation', revenue: 1250000, created_at: '2019-03-14' },
        { id: 'cus_0077', name: 'Initech', revenue: 845500, created_at: '2017-11-02' },
        { id: 'cus_2210', name: 'Umbrella Health', revenue: 402300, created_at: '2021-06-30' },
        { id: 'cus_1893', name: 'Stark Logistics', revenue: 215000, created_at: '2020-01-08' },
        { id: 'cus_3051', name: 'Wayne Foods', revenue: 131750, created_at: '2022-09-19' },
      ],
      total: 5,
    }),
  },
  'Who are my top customers?',
);

const extractData = base(
  'Extract structured data',
  'You turn free text into structured records. For each person mentioned in the text, call extract_data ' +
    'once with their full name and birthday. Write dates as YYYY-MM-DD. Never guess: leave out anything the ' +
    'text does not say.',
  [
    fn(
      'extract_data',
      "Record a person's details extracted from the text.",
      {
        name: { type: 'string', description: 'The full name as written in the text, e.g. John Smith' },
        birthday: { type: 'string', format: 'date', description: 'Date of birth as YYYY-MM-DD, e.g. 1990-04-12' },
      },
      ['name', 'birthday'],
    ),
  ],
  { extract_data: '{"saved": true, "id": "person_0193"}' },
  'Extract the details: John Smith was born on 1990-04-12.',
);
// Extraction wants the data, not a chat: force the function on the first call.
extractData.tool_choice = { type: 'function', function: { name: 'extract_data' } };

const sqlQuery = base(
  'Ask the database (SQL)',
  'You answer questions about an online shop by writing SQLite queries and running them with sql_query. ' +
    'The database has these tables:\n' +
    'customers(id INTEGER PRIMARY KEY, name TEXT, email TEXT, country TEXT, created_at DATE)\n' +
    'orders(id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), placed_at DATE, ' +
    "total_cents INTEGER, status TEXT -- one of 'paid', 'shipped', 'refunded')\n" +
    'order_items(order_id INTEGER REFERENCES orders(id), product TEXT, quantity INTEGER, unit_price_cents INTEGER)\n' +
    'Only read data: write a single SELECT statement. Money is stored in cents. Today is 2024-06-12. ' +
    'Answer in one or two sentences and mention the numbers the query returned.',
  [
    fn(
      'sql_query',
      "Run one read-only SQL SELECT statement against the shop's SQLite database and return the rows.",
      {
        query: {
          type: 'string',
          description: 'A single SQLite SELECT statement, e.g. SELECT COUNT(*) FROM orders WHERE status = \'paid\'',
        },
      },
      ['query'],
    ),
  ],
  { sql_query: '{"columns": ["order_count"], "rows": [[1287]]}' },
  'How many orders were placed last month?',
);

/** Frozen: take a copy (cloneScenario) before changing one. */
export const TEMPLATES: ReadonlyArray<Template> = deepFreeze([
  {
    id: 'weather',
    title: 'Weather in three cities',
    description:
      "The guide's own example: one get_current_weather tool and a question about three cities, which a " +
      'model answers with three tool calls at once. Approve a result for each, then watch the second call use them.',
    scenario: DEFAULT_SCENARIO,
  },
  {
    id: 'send_email',
    title: 'Send an e-mail — with your approval',
    description:
      'An action with real-world effects. As the guide advises, nothing is sent until you confirm it: each ' +
      'send_email call waits for you to approve the e-mail (the mock result says it was sent) or reject it.',
    scenario: sendEmail,
  },
  {
    id: 'get_customers',
    title: 'Top customers: natural language to an API call',
    description:
      'The guide\'s "Who are my top customers?" example: the model turns a vague question into ' +
      'get_customers(min_revenue, created_before, limit) arguments for an internal API.',
    scenario: getCustomers,
  },
  {
    id: 'extract_data',
    title: 'Extract structured data from text',
    description:
      'tool_choice names extract_data, so the model must call it (the call after the result lets the model answer): a dependable way to get a name and a ' +
      'birthday out of free text as JSON. Check whether it invents values the text does not give.',
    scenario: extractData,
  },
  {
    id: 'sql_query',
    title: 'Ask the database in plain words',
    description:
      'The system prompt describes a small shop database; the model writes a SQL query for sql_query, and ' +
      'you return the rows. Read the query before approving it, as you would before running it for real.',
    scenario: sqlQuery,
  },
]);

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

const WEATHER_RESULTS = [
  ['call_8fJq2LmZ0xWc4RtY7hN', 'New York, NY', '{"temperature": 22, "unit": "celsius", "description": "Sunny"}'],
  ['call_Tz5KpV1sQe9GdX3oAy6', 'San Francisco, CA', '{"temperature": 16, "unit": "celsius", "description": "Foggy"}'],
  ['call_Hm7Wr4BcN2jF8uLk0Pz', 'Chicago, IL', '{"temperature": 18, "unit": "celsius", "description": "Partly cloudy"}'],
] as const;

/**
 * The weather template after one whole loop: the question, three parallel tool calls, three approved
 * results and the final answer. The reference case for share-link size and for benchmarks.
 */
export function finishedWeatherScenario(): Scenario {
  const scenario = cloneScenario(DEFAULT_SCENARIO);
  scenario.messages = [
    { role: 'user', content: DEFAULT_SCENARIO.draft },
    {
      role: 'assistant',
      content: null,
      tool_calls: WEATHER_RESULTS.map(([id, location]) => ({
        id,
        type: 'function' as const,
        function: { name: 'get_current_weather', arguments: JSON.stringify({ location, unit: 'celsius' }) },
      })),
    },
    ...WEATHER_RESULTS.map(([id, , result]) => ({ role: 'tool' as const, tool_call_id: id, content: result })),
    {
      role: 'assistant',
      content:
        'Right now it is 22 °C and sunny in New York, 16 °C and foggy in San Francisco, and 18 °C and partly cloudy in Chicago.',
    },
  ];
  scenario.draft = '';
  return scenario;
}
