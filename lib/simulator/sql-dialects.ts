/**
 * The SQL dialects a tool's description may name, and how each writes what the simulator's SELECTs need:
 * today's date, a date some units back, the start of this day/week/month/year, a date literal, the date
 * part of a column, a row limit (LIMIT, TOP, FETCH FIRST) and a quoted identifier. PostgreSQL when the
 * tool names none.
 */

export type TimeUnit = 'day' | 'week' | 'month' | 'year';

export interface SqlDialect {
  name: string;
  today: string;
  /** `expr` minus `n` units. */
  minus(expr: string, n: number, unit: TimeUnit): string;
  /** The start of the current unit. */
  startOf(unit: TimeUnit): string;
  date(iso: string): string;
  dateOf(column: string): string;
  /** `SELECT <what> FROM <rest>` with at most `n` rows. */
  limited(what: string, rest: string, n: number): string;
  quote(identifier: string): string;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const limitClause = (what: string, rest: string, n: number) => `SELECT ${what} FROM ${rest} LIMIT ${n}`;

const POSTGRES: SqlDialect = {
  name: 'PostgreSQL',
  today: 'CURRENT_DATE',
  minus: (expr, n, unit) => `${expr} - INTERVAL '${plural(n, unit)}'`,
  startOf: (unit) => `date_trunc('${unit}', CURRENT_DATE)`,
  date: (iso) => `DATE '${iso}'`,
  dateOf: (column) => `${column}::date`,
  limited: limitClause,
  quote: (id) => `"${id}"`,
};

const MYSQL: SqlDialect = {
  name: 'MySQL',
  today: 'CURDATE()',
  minus: (expr, n, unit) => `${expr} - INTERVAL ${n} ${unit.toUpperCase()}`,
  startOf: (unit) =>
    ({
      day: 'CURDATE()',
      week: 'CURDATE() - INTERVAL WEEKDAY(CURDATE()) DAY',
      month: "DATE_FORMAT(CURDATE(), '%Y-%m-01')",
      year: 'MAKEDATE(YEAR(CURDATE()), 1)',
    })[unit],
  date: (iso) => `'${iso}'`,
  dateOf: (column) => `DATE(${column})`,
  limited: limitClause,
  quote: (id) => `\`${id}\``,
};

const SQLITE: SqlDialect = {
  name: 'SQLite',
  today: "date('now')",
  // SQLite's date modifiers know days, months and years, not weeks.
  minus: (expr, n, unit) => `date(${expr}, '-${unit === 'week' ? plural(7 * n, 'day') : plural(n, unit)}')`,
  startOf: (unit) =>
    ({ day: "date('now')", week: "date('now', 'weekday 0', '-7 days')", month: "date('now', 'start of month')", year: "date('now', 'start of year')" })[unit],
  date: (iso) => `'${iso}'`,
  dateOf: (column) => `date(${column})`,
  limited: limitClause,
  quote: (id) => `"${id}"`,
};

const SQL_SERVER: SqlDialect = {
  name: 'SQL Server',
  today: 'CAST(GETDATE() AS date)',
  minus: (expr, n, unit) => `DATEADD(${unit}, -${n}, ${expr})`,
  startOf: (unit) =>
    ({
      day: 'CAST(GETDATE() AS date)',
      week: 'DATEADD(week, DATEDIFF(week, 0, GETDATE()), 0)',
      month: 'DATEFROMPARTS(YEAR(GETDATE()), MONTH(GETDATE()), 1)',
      year: 'DATEFROMPARTS(YEAR(GETDATE()), 1, 1)',
    })[unit],
  date: (iso) => `'${iso}'`,
  dateOf: (column) => `CAST(${column} AS date)`,
  limited: (what, rest, n) => `SELECT TOP ${n} ${what} FROM ${rest}`,
  quote: (id) => `[${id}]`,
};

const BIGQUERY: SqlDialect = {
  name: 'BigQuery',
  today: 'CURRENT_DATE()',
  minus: (expr, n, unit) => `DATE_SUB(${expr}, INTERVAL ${n} ${unit.toUpperCase()})`,
  startOf: (unit) => `DATE_TRUNC(CURRENT_DATE(), ${unit.toUpperCase()})`,
  date: (iso) => `DATE '${iso}'`,
  dateOf: (column) => `DATE(${column})`,
  limited: limitClause,
  quote: (id) => `\`${id}\``,
};

const SNOWFLAKE: SqlDialect = {
  name: 'Snowflake',
  today: 'CURRENT_DATE()',
  minus: (expr, n, unit) => `DATEADD(${unit}, -${n}, ${expr})`,
  startOf: (unit) => `DATE_TRUNC('${unit}', CURRENT_DATE())`,
  date: (iso) => `DATE '${iso}'`,
  dateOf: (column) => `${column}::date`,
  limited: limitClause,
  quote: (id) => `"${id}"`,
};

const ORACLE: SqlDialect = {
  name: 'Oracle',
  today: 'TRUNC(SYSDATE)',
  minus: (expr, n, unit) =>
    unit === 'month' || unit === 'year' ? `ADD_MONTHS(${expr}, -${unit === 'year' ? 12 * n : n})` : `${expr} - ${unit === 'week' ? 7 * n : n}`,
  startOf: (unit) => `TRUNC(SYSDATE, '${{ day: 'DD', week: 'IW', month: 'MM', year: 'YYYY' }[unit]}')`,
  date: (iso) => `DATE '${iso}'`,
  dateOf: (column) => `TRUNC(${column})`,
  limited: (what, rest, n) => `SELECT ${what} FROM ${rest} FETCH FIRST ${n} ROWS ONLY`,
  quote: (id) => `"${id.toUpperCase()}"`,
};

/** How tools name each dialect; the one named first in the tool's text wins. */
const NAMES: ReadonlyArray<readonly [RegExp, SqlDialect]> = [
  [/\b(?:sql\s*server|t-?sql|transact-sql|mssql|azure sql)\b/i, SQL_SERVER],
  [/\b(?:mysql|mariadb)\b/i, MYSQL],
  [/\bsqlite\d?\b/i, SQLITE],
  [/\b(?:big\s?query|googlesql)\b/i, BIGQUERY],
  [/\bsnowflake\b/i, SNOWFLAKE],
  [/\b(?:oracle|pl\/sql)\b/i, ORACLE],
  [/\b(?:postgres(?:ql)?|psql|redshift|duckdb)\b/i, POSTGRES],
];

export function dialectOf(toolText: string): SqlDialect {
  let best: { at: number; dialect: SqlDialect } | undefined;
  for (const [pattern, dialect] of NAMES) {
    const at = pattern.exec(toolText)?.index;
    if (at !== undefined && (!best || at < best.at)) best = { at, dialect };
  }
  return best?.dialect ?? POSTGRES;
}
