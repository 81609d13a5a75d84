/**
 * JSON Lines from outside (a dataset file, a pasted export), read with bounds: at most
 * `EVALUATE_LIMITS.maxCases` records, each line at most MAX_LINE_CHARS and nested at most
 * MAX_JSON_DEPTH deep. A line that breaks a rule is a problem in words ("Line 3: …"), never a throw;
 * the other lines still count. A whole-file JSON array is read too (one record per element).
 */
import { MAX_JSON_DEPTH, nestedDeeperThan } from '@/lib/wire/json-depth';
import { EVALUATE_LIMITS } from './types';

/** Far more than a test case or a BFCL record needs (those are a few KB), far less than memory. */
export const MAX_LINE_CHARS = 500_000;

export interface JsonLine {
  /** 1-based line number (or element number, for a JSON array). */
  line: number;
  value: unknown;
}

export function readJsonLines(text: string, maxRecords: number = EVALUATE_LIMITS.maxCases): { rows: JsonLine[]; problems: string[] } {
  const rows: JsonLine[] = [];
  const problems: string[] = [];
  const keep = (line: number, value: unknown) => {
    if (nestedDeeperThan(value, MAX_JSON_DEPTH)) problems.push(`Line ${line}: nested deeper than ${MAX_JSON_DEPTH} levels`);
    else rows.push({ line, value });
  };
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') && text.length <= MAX_LINE_CHARS * 4) {
    try {
      const all: unknown = JSON.parse(text);
      if (Array.isArray(all)) {
        all.slice(0, maxRecords).forEach((value, i) => keep(i + 1, value));
        if (all.length > maxRecords) problems.push(`Only the first ${maxRecords.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} records were read`);
        return { rows, problems };
      }
    } catch {
      // Not one JSON array: read it as JSON Lines, which says what is wrong line by line.
    }
  }
  let start = 0;
  let line = 0;
  let records = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    line++;
    const length = stop - start;
    if (length > MAX_LINE_CHARS) {
      problems.push(`Line ${line}: ${length.toLocaleString('en-US')} characters, more than the ${MAX_LINE_CHARS.toLocaleString('en-US')} a record may have`);
    } else {
      const source = text.slice(start, stop).trim();
      if (source !== '') {
        if (records === maxRecords) {
          problems.push(`Only the first ${maxRecords.toLocaleString('en-US')} records were read; the rest, from line ${line}, were left out`);
          break;
        }
        records++;
        try {
          keep(line, JSON.parse(source));
        } catch (error) {
          problems.push(`Line ${line}: not JSON (${error instanceof Error ? error.message : 'unreadable'})`);
        }
      }
    }
    if (end === -1) break;
    start = end + 1;
  }
  return { rows, problems };
}
