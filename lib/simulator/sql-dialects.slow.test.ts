/** The simulator's SQLite queries run: sqlite3 (the command-line shell) parses and executes each one. */
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readFacts } from './facts';
import { buildSelect } from './sql';

// Skipped where the SQLite shell is missing, except in CI, which installs it (.ci/run): there it must run.
const HAS_SQLITE = spawnSync('sqlite3', ['-version']).status === 0 || Boolean(process.env.CI);

const COLUMNS = 'id INTEGER, placed_at TEXT, created_at TEXT, registered_at TEXT, revenue REAL, price REAL, "user" TEXT';
const SCHEMA = ['orders', 'customers', 'users', 'invoices', 'products', 'purchases'].map((table) => `CREATE TABLE ${table} (${COLUMNS});`).join('\n');

const QUESTIONS = [
  'How many orders were placed last month?',
  'How many users registered this week?',
  'How many orders were placed this year?',
  'Show the orders of the last 2 weeks',
  'Show the orders of the last 3 months',
  'Show customers from yesterday',
  'How many purchases today?',
  'List the orders on 2024-03-01',
  'What is the total revenue of invoices since 2024-01-01?',
  'Average price of products before 2023-06-30',
  'Show the top 5 customers by revenue',
  'Top 3 orders by user',
];

describe.runIf(HAS_SQLITE)('SQLite queries', () => {
  it('every query parses and runs', () => {
    const queries = QUESTIONS.map((question) => buildSelect(readFacts(question), 'Query the local SQLite database'));
    for (const query of queries) {
      const out = spawnSync('sqlite3', ['-bail', ':memory:'], { input: `${SCHEMA}\n${query}\n`, encoding: 'utf8' });
      expect(out.stderr, query).toBe('');
      expect(out.status, query).toBe(0);
    }
    expect(execFileSync('sqlite3', [':memory:', "SELECT date('2024-03-15', 'start of month');"], { encoding: 'utf8' }).trim()).toBe('2024-03-01');
  }, 60_000);
});
