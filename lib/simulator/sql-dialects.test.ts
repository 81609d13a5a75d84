/** A SQL tool gets SQL in the dialect its description names: limits, dates and quoting. */
import { describe, expect, it } from 'vitest';
import type { Tool } from '@/lib/wire/chat';
import { simulateCompletion } from './completion';
import { buildSelect } from './sql';
import { dialectOf } from './sql-dialects';
import { readFacts } from './facts';
import { ask } from './testing/fixtures';

const LAST_MONTH = 'How many orders were placed last month?';
const TOP = 'Show the top 5 customers by revenue';
const ON_DATE = 'List the orders on 2024-03-01';
const LAST_WEEK = 'Show the orders of the last 2 weeks';
const BY_USER = 'Top 3 orders by user';

const sql = (question: string, description: string) => buildSelect(readFacts(question), description);

describe('SQL dialects', () => {
  it('PostgreSQL when the tool names none, and when it names PostgreSQL', () => {
    for (const description of ['Run a SQL query', 'Run a PostgreSQL query']) {
      expect(sql(LAST_MONTH, description)).toBe(
        "SELECT COUNT(*) AS count FROM orders WHERE placed_at >= date_trunc('month', CURRENT_DATE) - INTERVAL '1 month' AND placed_at < date_trunc('month', CURRENT_DATE);",
      );
      expect(sql(TOP, description)).toBe('SELECT * FROM customers ORDER BY revenue DESC LIMIT 5;');
      expect(sql(BY_USER, description)).toBe('SELECT * FROM orders ORDER BY "user" DESC LIMIT 3;');
    }
  });

  it('SQL Server / T-SQL: TOP, DATEADD, brackets', () => {
    for (const description of ['Run a T-SQL query on the shop database', 'Query our Microsoft SQL Server']) {
      expect(sql(TOP, description)).toBe('SELECT TOP 5 * FROM customers ORDER BY revenue DESC;');
      expect(sql(LAST_MONTH, description)).toBe(
        'SELECT COUNT(*) AS count FROM orders WHERE placed_at >= DATEADD(month, -1, DATEFROMPARTS(YEAR(GETDATE()), MONTH(GETDATE()), 1)) AND placed_at < DATEFROMPARTS(YEAR(GETDATE()), MONTH(GETDATE()), 1);',
      );
      expect(sql(ON_DATE, description)).toBe("SELECT TOP 100 * FROM orders WHERE CAST(created_at AS date) = '2024-03-01';");
      expect(sql(BY_USER, description)).toBe('SELECT TOP 3 * FROM orders ORDER BY [user] DESC;');
    }
  });

  it('MySQL: LIMIT, INTERVAL n UNIT, DATE(), backticks', () => {
    const description = 'Execute a MySQL 8 query';
    expect(sql(LAST_WEEK, description)).toBe('SELECT * FROM orders WHERE created_at >= CURDATE() - INTERVAL 2 WEEK LIMIT 100;');
    expect(sql(ON_DATE, description)).toBe("SELECT * FROM orders WHERE DATE(created_at) = '2024-03-01' LIMIT 100;");
    expect(sql(BY_USER, description)).toBe('SELECT * FROM orders ORDER BY `user` DESC LIMIT 3;');
  });

  it("SQLite: date('now', …) modifiers", () => {
    const description = 'Query the local SQLite database';
    expect(sql(LAST_MONTH, description)).toBe(
      "SELECT COUNT(*) AS count FROM orders WHERE placed_at >= date(date('now', 'start of month'), '-1 month') AND placed_at < date('now', 'start of month');",
    );
    expect(sql(LAST_WEEK, description)).toBe("SELECT * FROM orders WHERE created_at >= date(date('now'), '-14 days') LIMIT 100;");
  });

  it('BigQuery: DATE_SUB, DATE_TRUNC(…, MONTH), backticks', () => {
    const description = 'Run GoogleSQL on BigQuery';
    expect(sql(LAST_MONTH, description)).toBe(
      'SELECT COUNT(*) AS count FROM orders WHERE placed_at >= DATE_SUB(DATE_TRUNC(CURRENT_DATE(), MONTH), INTERVAL 1 MONTH) AND placed_at < DATE_TRUNC(CURRENT_DATE(), MONTH);',
    );
    expect(sql(ON_DATE, description)).toBe("SELECT * FROM orders WHERE DATE(created_at) = DATE '2024-03-01' LIMIT 100;");
  });

  it('Oracle: FETCH FIRST n ROWS ONLY, ADD_MONTHS', () => {
    const description = 'Query the Oracle data warehouse with SQL';
    expect(sql(TOP, description)).toBe('SELECT * FROM customers ORDER BY revenue DESC FETCH FIRST 5 ROWS ONLY;');
    expect(sql(LAST_MONTH, description)).toContain("ADD_MONTHS(TRUNC(SYSDATE, 'MM'), -1)");
  });

  it('the dialect named first wins; names are read as words', () => {
    expect(dialectOf('SQLite now, migrating to PostgreSQL later').name).toBe('SQLite');
    expect(dialectOf('mysqlish').name).toBe('PostgreSQL');
    expect(dialectOf('Snowflake warehouse').name).toBe('Snowflake');
  });

  it('reaches the call: a T-SQL tool gets TOP in its query argument', () => {
    const tool: Tool = {
      type: 'function',
      function: {
        name: 'run_query',
        description: 'Run a read-only query on the SQL Server sales database (T-SQL)',
        parameters: { type: 'object', properties: { query: { type: 'string', description: 'The T-SQL statement' } }, required: ['query'] },
      },
    };
    const call = simulateCompletion(ask('Query the sales database for the top 5 customers by revenue', [tool])).choices[0].message.tool_calls?.[0];
    expect(JSON.parse(call?.function.arguments ?? '{}')).toEqual({ query: 'SELECT TOP 5 * FROM customers ORDER BY revenue DESC;' });
  });
});
