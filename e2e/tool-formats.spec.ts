/**
 * Tools in every format: an MCP tools/list result pasted into "Import tools" and an OpenAPI document
 * chosen as a file, each with its report, added and undone in the editor; the strict-mode case that
 * OpenAI rejects shown as markers with its rule's source, Send explaining, and the quick fix making it
 * valid; a json_schema response format answered by the simulator and checked.
 */
import type { Page } from '@playwright/test';
import { answeredCalls, chooseModel, conversation, expect, expectAccessible, openPlayground, test } from './fixtures';

const MCP_TOOLS_LIST = {
  jsonrpc: '2.0',
  id: 2,
  result: {
    tools: [
      {
        name: 'weather.forecast',
        title: 'Weather forecast',
        description: 'The forecast for a city, for the next days',
        inputSchema: {
          type: 'object',
          properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
          required: ['city'],
        },
        outputSchema: { type: 'object', properties: { high: { type: 'number' }, low: { type: 'number' } }, required: ['high', 'low'] },
        annotations: { readOnlyHint: true },
      },
      { name: 'echo', description: 'Echoes the message back', inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] } },
    ],
  },
};

const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/pets/{petId}': {
      parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
      get: { operationId: 'getPet', summary: 'One pet by its id', responses: { '200': { description: 'The pet', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } },
    },
    '/pets': {
      post: {
        operationId: 'addPet',
        summary: 'Add a pet',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } },
        responses: { '201': { description: 'Added' } },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', properties: { name: { type: 'string' }, tag: { type: ['string', 'null'] } }, required: ['name'] },
    },
  },
};

/** The reproduction: strict, but no additionalProperties, `unit` not required, and `timezone` required but not defined. */
const STRICT_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'The weather in a city',
      strict: true,
      parameters: {
        type: 'object',
        properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
        required: ['location', 'timezone'],
      },
    },
  },
];

const toolsStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^✓?\s*Valid/ });
const problemsList = (page: Page) => page.getByRole('list', { name: 'Tool problems' });

async function importText(page: Page, text: string, mode: 'Add to the tools' | 'Replace the tools') {
  await page.getByRole('button', { name: 'Import tools' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import tools' });
  await dialog.getByRole('textbox', { name: /Tools to import/ }).fill(text);
  await dialog.getByRole('button', { name: mode }).click();
  await expect(dialog).toBeHidden();
}

test('an MCP tools/list result imports through the dialog with its report, and the editor undoes it', async ({ page }) => {
  await openPlayground(page);
  await expect(page.locator('.monaco-editor').first()).toBeAttached();
  await page.getByRole('button', { name: 'Import tools' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import tools' });
  await dialog.getByRole('textbox', { name: /Tools to import/ }).fill(JSON.stringify(MCP_TOOLS_LIST, null, 2));
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('2 tools from MCP tools/list');
  await expect(report).toContainText('weather_forecast');
  await expect(report.getByRole('list', { name: 'Changes' })).toContainText('weather.forecast');
  await page.screenshot({ path: 'test-results/screens/import-mcp.png' });
  await expectAccessible(page, 'the Import tools dialog with an MCP report');
  await dialog.getByRole('button', { name: 'Add to the tools' }).click();
  await expect(dialog).toBeHidden();
  await expect(toolsStatus(page)).toContainText('Valid: get_current_weather, weather_forecast, echo');
  // The MCP outputSchema became the function's result schema.
  await expect(page.getByRole('textbox', { name: 'Result schema for weather_forecast' })).toHaveValue(/"high"/);

  // One edit of the editor: its Undo takes the import back.
  await page.locator('.monaco-editor .view-line').first().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(toolsStatus(page)).toContainText('Valid: get_current_weather');
  await expect(toolsStatus(page)).not.toContainText('echo');
});

test('an OpenAPI 3.1 document chosen as a file imports one tool per operation, $refs resolved', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('button', { name: 'Import tools' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import tools' });
  await dialog.getByLabel('Or a file').setInputFiles({ name: 'pets.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(OPENAPI_DOCUMENT)) });
  const report = dialog.getByRole('region', { name: 'Import report' });
  await expect(report).toContainText('2 tools from OpenAPI');
  await expect(report).toContainText('getPet, addPet');
  await dialog.getByRole('button', { name: 'Replace the tools' }).click();
  await expect(toolsStatus(page)).toContainText('Valid: getPet, addPet');
  // The $ref'd Pet schema was inlined into addPet's body properties and into getPet's result schema.
  await expect(page.getByRole('textbox', { name: 'Result schema for getPet' })).toHaveValue(/"tag"/);
});

test('strict mode that OpenAI would reject: markers with their source, Send explains, the quick fix makes it valid', async ({ page }) => {
  await openPlayground(page);
  await importText(page, JSON.stringify(STRICT_TOOLS), 'Replace the tools');
  const problems = problemsList(page);
  await expect(problems).toContainText('OpenAI strict mode');
  await expect(problems).toContainText('"unit"');
  await expect(problems).toContainText('additionalProperties');
  await expect(problems).toContainText('timezone');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await expect(page.getByText(/^Fix the tools first: /).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/strict-markers.png' });
  await expectAccessible(page, 'the strict case with its markers');

  // The fixes are in the problems list (and Monaco's light bulb); each rewrites the tool in place.
  // Make strict-compatible adds additionalProperties: false, makes "unit" required and nullable, and
  // drops "timezone", which no property defines.
  await problems.getByRole('button', { name: 'Make strict-compatible' }).first().click();
  await expect(toolsStatus(page)).toContainText('Valid: get_weather');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  // Export shows the fixed tool, and what Gemini needs changed from it.
  await page.getByRole('button', { name: 'Export tools' }).click();
  const exported = page.getByRole('dialog', { name: 'Export tools' });
  await exported.getByText('OpenAI', { exact: true }).click();
  await expect(exported.getByLabel('Tools as OpenAI JSON')).toContainText('"additionalProperties": false');
  await exported.getByText('Gemini', { exact: true }).click();
  await expect(exported.getByLabel('Tools as Gemini JSON')).toContainText('"functionDeclarations"');
  await expect(exported.getByRole('region', { name: 'Export report' })).toContainText('additionalProperties');
  await page.screenshot({ path: 'test-results/screens/export-gemini.png' });
  await expectAccessible(page, 'the Export tools dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^Strict mode: 1 of 1 tool/ }).click();
  await expect(page.getByRole('switch', { name: 'Strict: get_weather' })).toBeChecked();
  // Switched off, the tool is sent without strict; switched on again, it is still strict-compatible.
  await page.getByRole('switch', { name: 'Strict: get_weather' }).click();
  await expect(page.getByRole('switch', { name: 'Strict: get_weather' })).not.toBeChecked();
  await page.getByRole('switch', { name: 'Strict: get_weather' }).click();
  await expect(toolsStatus(page)).toContainText('Valid: get_weather');
});

test('a json_schema response format: the simulator answers with JSON of that schema, and the answer is checked', async ({ page }) => {
  await openPlayground(page);
  await page.getByLabel('Response format').selectOption('json_schema');
  await expect(page.getByText(/The schema is valid for strict mode/)).toBeVisible();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('textbox', { name: 'Result for get_current_weather' })).toHaveCount(3);
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Approve' }).first().click();
  await expect(answeredCalls(page)).toHaveCount(3);
  const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
  await expect(answer).toContainText('"summary"');
  await expect(answer.getByText(/^✓/)).toBeVisible();
  const text = await answer.innerText();
  const json = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as { summary: string };
  expect(Object.keys(json)).toEqual(['summary']);
  expect(json.summary).toMatch(/22|16|18/);
  await page.screenshot({ path: 'test-results/screens/response-format.png' });
});

test('a Mistral model: the call ids it would refuse are rewritten, the inspector says so; reasoning shows folded above the answer', async ({ page, upstream }) => {
  await upstream.script([
    { kind: 'toolCalls', calls: [{ name: 'get_current_weather', arguments: { location: 'Paris, FR' }, id: 'call_abc_1' }] },
    {
      kind: 'stream',
      chunks: [
        { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', reasoning_content: 'The tool said 20 degrees, so I will say that.' }, finish_reason: null }] },
        { id: 'r', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'It is 20 °C in Paris.' }, finish_reason: 'stop' }] },
      ],
    },
  ]);
  await openPlayground(page);
  await chooseModel(page, 'mistralai/Mixtral-8x7B-Instruct-v0.1');
  await page.getByRole('textbox', { name: 'Message' }).fill('Weather in Paris?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('button', { name: 'Approve' }).click();
  const answer = conversation(page).getByRole('article', { name: 'Assistant' }).last();
  await expect(answer).toContainText('It is 20 °C in Paris.');
  await expect(answer.getByText(/^Reasoning/)).toBeVisible();
  await answer.getByText(/^Reasoning/).click();
  await expect(answer).toContainText('The tool said 20 degrees');

  // The second call carried the call's id: Mistral wants 9 letters and digits, so it went rewritten.
  const sent = (await upstream.requests()).filter((r) => r.path.endsWith('/chat/completions'));
  const ids = sent[1].body.messages.flatMap((m: { tool_calls?: Array<{ id: string }>; tool_call_id?: string }) => [...(m.tool_calls ?? []).map((c) => c.id), ...(m.tool_call_id ? [m.tool_call_id] : [])]);
  expect(ids).toHaveLength(2);
  expect(ids[0]).toMatch(/^[a-zA-Z0-9]{9}$/);
  expect(ids[1]).toBe(ids[0]);
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const call2 = inspector.locator('details.group').nth(1);
  if ((await call2.getAttribute('open')) === null) await call2.locator('> summary').click();
  await expect(inspector.getByRole('list', { name: 'What the adapter changed (call 2)' })).toContainText('Adapted for Mistral');
  await expect(page.getByText(/Mistral: 1 tool call id in the conversation is not 9 letters and digits/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/mistral-adapted.png' });
  await expectAccessible(page, 'an adapted call in the inspector, reasoning folded');
});
