/**
 * The templates as a person would have played them through once (a call with plausible arguments, the
 * mock as its result, an answer), for the export tests. Test-only.
 */
import { cloneScenario, type Scenario } from '@/lib/scenario/scenario';
import { answerText, mockAnswer } from '@/lib/mocks/mock';
import { finishedWeatherScenario, TEMPLATES, type Template } from '@/lib/scenario/templates';

/** Each template's arguments and final answer (weather has its own, in finishedWeatherScenario). */
const PLAYED: Record<Exclude<Template['id'], 'weather'>, [Record<string, unknown>, string]> = {
  send_email: [
    { to: 'alice@example.com', body: 'Hi Alice,\n\nThe quarterly report is ready.\n\nSam' },
    "I've sent Alice an e-mail saying the quarterly report is ready.",
  ],
  get_customers: [
    { min_revenue: 100000, created_before: '2024-06-12', limit: 5 },
    'Your top customers are Globex Corporation ($1,250,000), Initech ($845,500) and Umbrella Health ($402,300).',
  ],
  extract_data: [{ name: 'John Smith', birthday: '1990-04-12' }, 'Saved John Smith, born 1990-04-12.'],
  sql_query: [
    { query: "SELECT COUNT(*) AS order_count FROM orders WHERE placed_at >= '2024-05-01' AND placed_at < '2024-06-01'" },
    '1,287 orders were placed last month.',
  ],
};

/** The template's scenario after one full round: user, assistant call, tool result, assistant answer. */
export function finished(template: Template): Scenario {
  if (template.id === 'weather') return finishedWeatherScenario();
  const s = cloneScenario(template.scenario);
  const [args, answer] = PLAYED[template.id];
  const name = s.tools[0].function.name;
  const id = 'call_Qm2xT8rLp4ZkV7bNc1Hd';
  s.messages = [
    { role: 'user', content: s.draft },
    { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
    { role: 'tool', tool_call_id: id, content: answerText(mockAnswer(s.mocks[name], JSON.stringify(args))) },
    { role: 'assistant', content: answer },
  ];
  s.draft = '';
  return s;
}

/** Every template, fresh and finished, named for `it.each`. */
export const CASES: Array<[string, Scenario]> = TEMPLATES.flatMap((t) => [
  [t.id, t.scenario] as [string, Scenario],
  [`${t.id} (finished)`, finished(t)] as [string, Scenario],
]);
