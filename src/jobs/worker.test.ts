import { describe, expect, it } from 'vitest';
import { ChronicleError } from '../shared/errors.js';
import { isContention } from './worker.js';

const withCode = (code: string) => Object.assign(new Error('driver'), { code });

describe('isContention', () => {
  it("knows SQLite's busy and locked errors and PostgreSQL's serialization, deadlock and lock-wait failures", () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', '40001', '40P01', '55P03']) {
      expect(isContention(withCode(code)), code).toBe(true);
    }
  });

  it('finds the driver error behind a wrapping one', () => {
    expect(isContention(new Error('ingest failed', { cause: withCode('SQLITE_BUSY') }))).toBe(true);
  });

  it('leaves every other failure to spend its attempt', () => {
    for (const error of [
      withCode('SQLITE_CONSTRAINT_UNIQUE'),
      withCode('23505'),
      new ChronicleError('PARSE_FAILED', 'broken.pdf: file could not be read'),
      new Error('no code'),
      'a string',
      null,
    ]) {
      expect(isContention(error)).toBe(false);
    }
  });
});
