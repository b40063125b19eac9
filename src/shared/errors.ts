/**
 * One registry of error codes, as fastify's lib/errors.js: the CLI, the API and the UI report the same failure
 * the same way, and tests assert codes rather than message text.
 */
export const ERROR_CODES = {
  USAGE: { status: 400, exit: 2, message: 'invalid usage' },
  VALIDATION: { status: 400, exit: 1, message: 'invalid input' },
  NOT_FOUND: { status: 404, exit: 1, message: 'not found' },
  UNAUTHENTICATED: { status: 401, exit: 1, message: 'sign in required' },
  FORBIDDEN: { status: 404, exit: 1, message: 'not found' },
  CSRF: { status: 403, exit: 1, message: 'missing or wrong X-CSRF-Token header' },
  TOTP_REQUIRED: { status: 401, exit: 1, message: 'a one-time code is required' },
  WRONG_CODE: { status: 400, exit: 1, message: 'wrong password or code' },
  CONFLICT: { status: 409, exit: 1, message: 'conflict' },
  TOO_LARGE: { status: 413, exit: 1, message: 'file too large' },
  UNSUPPORTED_TYPE: { status: 415, exit: 1, message: 'unsupported file type' },
  PARSE_FAILED: { status: 422, exit: 1, message: 'file could not be read' },
  PARSE_TIMEOUT: { status: 422, exit: 1, message: 'file took too long to read' },
  DECOMPRESSION_LIMIT: { status: 422, exit: 1, message: 'archive expands beyond the allowed size' },
  EXTRACT_TIMEOUT: { status: 422, exit: 1, message: 'text took too long to extract' },
  RATE_LIMITED: { status: 429, exit: 1, message: 'too many attempts' },
  BAD_KEY: { status: 500, exit: 1, message: 'wrong or missing encryption key' },
  DATABASE: { status: 500, exit: 1, message: 'database error' },
  INTERNAL: { status: 500, exit: 1, message: 'internal error' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable code. `new ChronicleError('TOO_LARGE', 'report.pdf is 120 MB; the limit is 100 MB')`. */
export class ChronicleError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChronicleError';
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

export function isChronicleError(value: unknown): value is ChronicleError {
  return value instanceof ChronicleError;
}

/** A one-line reason for any thrown value, for CLI stderr and job failure records. */
export function describeError(value: unknown): string {
  if (value instanceof Error) return value.message.split('\n')[0] ?? value.name;
  return String(value).split('\n')[0] ?? 'unknown error';
}
