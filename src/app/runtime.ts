import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openWorkspace,
  resolveDataDir,
  sqliteWorkspaceExists,
  type Workspace,
  type WorkspaceOptions,
} from '../db/connection.js';
import { EXTRACTOR_VERSION } from '../extract/index.js';
import type { JobHandler } from '../jobs/index.js';
import {
  EXTRACT_JOB,
  extractJobHandler,
  OCR_JOB,
  ocrJobHandler,
  queueExtraction,
  queueOcr,
  type RunExtractor,
  wantsOcr,
} from '../record/index.js';
import { ChronicleError } from '../shared/errors.js';
import {
  type BlobCipher,
  blobCipherFromSecret,
  findOcrEngine,
  INGEST_JOB,
  type IngestContext,
  ingestJobHandler,
  type OcrEngine,
  PARTS_JOB,
  partsJobHandler,
  WORDING_JOB,
  wordingJobHandler,
} from '../sources/index.js';
import { createExtractionThread, type ExtractionThread } from './extraction-thread.js';

/**
 * The composition root shared by the CLI and the server: one open workspace, its blob cipher, and the job
 * handlers, so both adapters wire the domains the same way.
 */
export interface Runtime {
  workspace: Workspace;
  cipher: BlobCipher | null;
  /**
   * The machine's OCR program (src/sources/ocr.ts), or null: scans and photos wait for a person's transcription.
   * Looked for once, when first asked (it takes a few program starts, which no search or listing should pay for).
   */
  ocr(): Promise<OcrEngine | null>;
  /** Sources written through this context queue their extraction (unless `extraction` is false), and OCR. */
  ingestContext(userId: string | null, options?: { extraction?: boolean }): IngestContext;
  /** The handlers of every job kind; OCR's only where there is an engine (`withOcr: false`: not looked for). */
  jobHandlers(userId: string | null, options?: { withOcr?: boolean }): Promise<Record<string, JobHandler>>;
  close(): Promise<void>;
}

export const DEMO_KEY_FILE = 'demo.key';

/** The shortest secret a new workspace is encrypted under (`rekey` asks the same of a new key). */
export const MIN_KEY_LENGTH = 16;

/** The workspace secret: CHRONICLE_KEY, else the demo key file a demo workspace keeps beside itself. */
export function resolveKey(dataDir: string | null, explicit?: string | null): string | null {
  if (explicit !== undefined && explicit !== null) return explicit;
  if (process.env.CHRONICLE_KEY) return process.env.CHRONICLE_KEY;
  if (dataDir) {
    const demoKey = join(dataDir, DEMO_KEY_FILE);
    if (existsSync(demoKey)) return readFileSync(demoKey, 'utf8').trim();
  }
  return null;
}

/**
 * The extractor as the record's extraction job calls it, in `thread` (extraction-thread.ts) so that the server keeps
 * answering and a job's lease keeps being renewed while a long report is extracted; the source's language steers it
 * when known.
 */
function threadedExtractor(thread: ExtractionThread): RunExtractor {
  return (text, { language, referenceDate }) =>
    thread.extract(text, {
      language: language === 'ru' || language === 'en' ? language : 'auto',
      referenceDate: referenceDate ?? null,
    });
}

export interface RuntimeOptions extends WorkspaceOptions {
  /**
   * Create the embedded workspace when the data directory holds none (default true). False for commands that only
   * read or change what is there: a mistyped --data must be an error, not a new empty workspace that answers
   * every search with nothing.
   */
  create?: boolean;
  /** The OCR engine; by default the machine's, looked for when first needed (CHRONICLE_OCR=off: none). */
  ocr?: OcrEngine | null;
  /**
   * Opened by `rekey`, which may be run again to finish an interrupted run: a plain workspace's originals can then be
   * sealed under the new key already, and it must open without a key all the same (`rekeyWorkspace` checks each).
   */
  rekeying?: boolean;
}

export async function openRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const usesPostgres = Boolean(options.databaseUrl ?? process.env.DATABASE_URL);
  const dataDir = usesPostgres ? null : resolveDataDir(options.dataDir);
  if (dataDir && options.create === false && !sqliteWorkspaceExists(dataDir))
    throw new ChronicleError(
      'NOT_FOUND',
      `no workspace in ${dataDir}: check --data or CHRONICLE_DATA (chronicle ingest, import or serve creates one)`,
    );
  const key = resolveKey(dataDir, options.key);
  // As `rekey` requires of a new key: a short one would encrypt the workspace under a guessable secret for good.
  if (key !== null && key.length < MIN_KEY_LENGTH && dataDir !== null && !sqliteWorkspaceExists(dataDir))
    throw new ChronicleError(
      'VALIDATION',
      `CHRONICLE_KEY must be at least ${MIN_KEY_LENGTH} characters to create a workspace (a passphrase of several words)`,
    );
  const workspace = await openWorkspace({ ...options, dataDir: dataDir ?? undefined, key });
  if (!key && !options.rekeying) {
    // On PostgreSQL only the originals are encrypted, so a workspace opens without its key; refuse here, or the
    // originals written next would be stored in plain text beside the encrypted ones. After `rekey` every original
    // is encrypted, so any one of them tells.
    const sample = await workspace.db.selectFrom('blobs').select('encryption').limit(1).executeTakeFirst();
    if (sample && sample.encryption !== 'none') {
      await workspace.close();
      throw new ChronicleError(
        'BAD_KEY',
        'the originals in this workspace are encrypted and no key is set: set CHRONICLE_KEY to the workspace key',
      );
    }
  }
  const cipher = key ? blobCipherFromSecret(key) : null;
  let ocrEngine: Promise<OcrEngine | null> | null = options.ocr !== undefined ? Promise.resolve(options.ocr) : null;
  const ocr = () => {
    ocrEngine ??= findOcrEngine();
    return ocrEngine;
  };
  // Its worker starts at the first extraction: most commands extract nothing.
  const extractionThread = createExtractionThread();
  const runExtractor = threadedExtractor(extractionThread);
  const ingestContext = (userId: string | null, contextOptions: { extraction?: boolean } = {}): IngestContext => ({
    workspace,
    userId,
    cipher,
    // Extraction is queued in the source's own transaction, so no stored source is ever left unextracted.
    afterSourceWritten:
      contextOptions.extraction === false
        ? undefined
        : async (trx, source) => {
            await queueExtraction(trx, source.id, EXTRACTOR_VERSION);
            if (source.needsOcr && wantsOcr(await ocr(), source)) await queueOcr(trx, source.id);
          },
  });
  return {
    workspace,
    cipher,
    ocr,
    ingestContext,
    jobHandlers: async (userId, handlerOptions = {}) => {
      const engine = handlerOptions.withOcr === false ? null : await ocr();
      return {
        [INGEST_JOB]: ingestJobHandler(ingestContext(userId)),
        [PARTS_JOB]: partsJobHandler(ingestContext(userId)),
        [WORDING_JOB]: wordingJobHandler({ db: workspace.db, userId }),
        [EXTRACT_JOB]: extractJobHandler({
          db: workspace.db,
          runExtractor,
          extractorVersion: EXTRACTOR_VERSION,
          userId,
        }),
        // Without an engine here, OCR jobs queued by a machine with one wait for a worker that has it.
        ...(engine
          ? {
              [OCR_JOB]: ocrJobHandler({
                db: workspace.db,
                cipher,
                engine,
                extractorVersion: EXTRACTOR_VERSION,
                userId,
              }),
            }
          : {}),
      };
    },
    // The extraction thread's worker is ended first: one still extracting would keep the process from exiting.
    close: async () => {
      try {
        await extractionThread.close();
      } finally {
        await workspace.close();
      }
    },
  };
}
