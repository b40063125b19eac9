import { statSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { isAfterToday, isPublicationDate } from '../../shared/dates.js';
import { ChronicleError, describeError, type ErrorCode, isChronicleError } from '../../shared/errors.js';
import { webUrl } from '../../shared/web-url.js';
import {
  CONFIDENTIALITY,
  DEFAULT_PARSE_LIMITS,
  gatherVolumeFiles,
  type IngestFile,
  type IngestResult,
  ingestFiles,
  isConfidentiality,
  queueIngest,
  type SourceMetadataInput,
} from '../../sources/index.js';
import { extractQueued } from '../extract-queued.js';
import { describeFileError, MEGABYTE, readLimited, readStreamLimited, walkPaths } from '../files.js';
import { terminalSafe } from '../io.js';
import { withWritableRuntime } from '../runtime.js';

interface IngestCommandOptions {
  recursive?: boolean;
  title?: string;
  url?: string;
  publisher?: string;
  publishedAt?: string;
  confidentiality?: string;
  json?: boolean;
  queue?: boolean;
  extract?: boolean;
  maxSize?: string;
}

/**
 * `chronicle ingest [--recursive] [--title T] [--url U] [--publisher P] [--published-at D] [--confidentiality L]
 * [--json] [--queue] PATH…`
 */
export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description(
      'store reports (text, HTML, MHTML and Safari web archives, PDF, DOCX, DOC, RTF, ODT and flat .fodt, XLSX, XLS, ODS and flat .fods, PPTX, ODP, e-mail, MSG, Apple Mail .emlx, mbox mailboxes, Telegram and WhatsApp exports, photos, scans (DjVu too) and recordings, ZIP, RAR, 7z and tar archives, those split into parts (.part1.rar…, .7z.001…, .z01…: together, or a part at a time, each kept until the rest come), gzip, bzip2, xz, Zstandard and Unix compress (.Z) files) with their originals; `-` reads standard input',
    )
    .argument('<paths...>', 'files or folders, or - for standard input')
    .option('-r, --recursive', 'descend into subfolders')
    .option('--title <title>', 'title of the source (single file)')
    .option('--url <url>', 'where the source was published')
    .option('--publisher <name>', 'who published it')
    .option('--published-at <date>', 'publication date: YYYY, YYYY-MM, YYYY-MM-DD or a day with its time')
    .option(
      '--confidentiality <level>',
      'public, internal (the default) or restricted (admins and the access groups it is given to only)',
    )
    .option('--max-size <MB>', 'largest file accepted, in MB', String(DEFAULT_PARSE_LIMITS.maxBytes / MEGABYTE))
    .option('--queue', 'queue the files for `chronicle worker` instead of ingesting now')
    .option('--no-extract', 'store the files without extracting persons, places, dates and events')
    .option('--json', 'one JSON object per file on standard output')
    .action(async (paths: string[], options: IngestCommandOptions, command: Command) => {
      const metadata = parseMetadata(options, paths);
      const maxBytes = maxSizeOption(options.maxSize ?? '');
      const failed = await withWritableRuntime(command, async (runtime) => {
        const reporter = new IngestReporter(Boolean(options.json));
        if (reporter.progress) reporter.start(await countFiles(paths, Boolean(options.recursive), maxBytes));
        const context = {
          ...runtime.ingestContext(null, { extraction: options.extract !== false }),
          limits: { maxBytes },
        };
        const files = readFiles(paths, Boolean(options.recursive), maxBytes, metadata, reporter);
        if (options.queue) {
          // The parts of a split archive go to one job, so that a worker reads them together.
          for await (const file of gatherVolumeFiles(files, { maxBytes })) {
            if (file.unreadable) {
              reporter.report({
                file: file.name,
                status: 'failed',
                sourceId: null,
                error: `${file.name}: ${file.unreadable.message}`,
              });
              continue;
            }
            try {
              const queued = await queueIngest(context, file);
              for (const part of [file, ...(file.laterVolumes ?? [])])
                reporter.report({
                  file: part.name,
                  status: queued.created ? 'queued' : 'duplicate',
                  sourceId: null,
                  error: null,
                  jobId: queued.jobId,
                });
            } catch (error) {
              reporter.report({
                file: file.name,
                status: 'failed',
                sourceId: null,
                error: `${file.name}: ${describeError(error)}`,
              });
            }
          }
        } else {
          for await (const result of ingestFiles(context, files)) reporter.report(result);
        }
        reporter.finish();
        // The embedded workspace has no separate workers: extraction runs here, after the sources are durable.
        // On PostgreSQL the queued extraction jobs wait for `chronicle worker`.
        // Also extraction queued by an earlier run that was stopped before it finished: re-running the batch finds
        // every file a duplicate, and its sources would otherwise wait for a worker the embedded workspace lacks.
        if (!options.queue && options.extract !== false && runtime.workspace.dialect === 'sqlite') {
          await extractQueued(runtime);
        }
        return reporter.counts.failed > 0;
      });
      if (failed) process.exitCode = 1;
    });
}

function parseMetadata(options: IngestCommandOptions, paths: string[]): SourceMetadataInput {
  // Standard input is read to its end once: a second - would be an empty file reported as failed.
  if (paths.filter((p) => p === '-').length > 1)
    throw new ChronicleError('USAGE', '- (standard input) can be given once');
  // A title names one report; given to a batch it would name every file the same.
  if (options.title !== undefined && (paths.length !== 1 || (paths[0] !== '-' && isDirectory(paths[0]!))))
    throw new ChronicleError('USAGE', '--title names one source: give it with a single file (or - for standard input)');
  if (options.publishedAt !== undefined && !isPublicationDate(options.publishedAt)) {
    throw new ChronicleError(
      'USAGE',
      `--published-at must be a real date like 2024-03-15, not "${options.publishedAt}"`,
    );
  }
  if (options.publishedAt !== undefined && isAfterToday(options.publishedAt))
    throw new ChronicleError('USAGE', `--published-at ${options.publishedAt} is in the future: a slip of the year?`);
  const url = options.url === undefined ? undefined : webUrl(options.url);
  if (url === null) throw new ChronicleError('USAGE', `--url must be an http or https address, not "${options.url}"`);
  const { confidentiality } = options;
  if (confidentiality !== undefined && !isConfidentiality(confidentiality))
    throw new ChronicleError(
      'USAGE',
      `--confidentiality is one of ${CONFIDENTIALITY.join(', ')}, not "${confidentiality}"`,
    );
  return {
    title: options.title,
    url,
    publisher: options.publisher,
    publishedAt: options.publishedAt,
    ...(confidentiality ? { confidentiality } : {}),
  };
}

/**
 * `--max-size` in bytes, or a usage error naming the option and the value: `maxSizeOption('0.5')` → 524288.
 * Decimal only: Number() would take `0x10` for 16 MB and an empty value for 0.
 */
function maxSizeOption(value: string): number {
  const megabytes = /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(megabytes > 0))
    throw new ChronicleError('USAGE', `--max-size must be a positive number of MB, like 100 or 0.5, not "${value}"`);
  const bytes = Math.round(megabytes * MEGABYTE);
  if (bytes < 1) throw new ChronicleError('USAGE', `--max-size ${value} is less than one byte`);
  if (megabytes > MAX_SIZE_MB)
    throw new ChronicleError(
      'USAGE',
      `--max-size is at most ${MAX_SIZE_MB} MB, not ${value}: a larger file cannot be held in memory to be read`,
    );
  return bytes;
}

/**
 * The most `--max-size` may allow: a file is read whole into memory, and its text into one string, which V8 holds up
 * to about half a gigabyte of characters; a limit far above it switched the guard off without saying so.
 */
const MAX_SIZE_MB = 1024;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

async function countFiles(paths: string[], recursive: boolean, maxBytes: number): Promise<number> {
  let n = 0;
  for await (const entry of walkPaths(
    paths.filter((p) => p !== '-'),
    { recursive, maxBytes },
  ))
    if (entry.kind !== 'skipped') n++;
  return n + paths.filter((p) => p === '-').length;
}

async function* readFiles(
  paths: string[],
  recursive: boolean,
  maxBytes: number,
  metadata: SourceMetadataInput,
  reporter: IngestReporter,
): AsyncGenerator<IngestFile> {
  for (const path of paths) {
    if (path === '-') {
      try {
        yield { name: 'stdin', bytes: await readStreamLimited(process.stdin, maxBytes), metadata };
      } catch (error) {
        yield unreadable('stdin', isChronicleError(error) ? error.code : 'NOT_FOUND', describeError(error));
      }
      continue;
    }
    for await (const entry of walkPaths([path], { recursive, maxBytes })) {
      if (entry.kind === 'skipped') {
        reporter.skipped[entry.what].push(entry.path);
        continue;
      }
      if (entry.kind === 'error') {
        yield unreadable(entry.path, entry.code, entry.reason);
        continue;
      }
      try {
        const bytes = await readLimited(entry.fsPath ?? entry.path, maxBytes);
        yield { name: entry.path, bytes, metadata: { ...metadata, title: metadata.title ?? undefined } };
      } catch (error) {
        if (isChronicleError(error)) yield unreadable(entry.path, error.code, describeError(error));
        else yield unreadable(entry.path, 'NOT_FOUND', await describeFileError(error, entry.path, entry.fsPath));
      }
    }
  }
}

interface ReportedResult {
  file: string;
  status: IngestResult['status'] | 'queued';
  sourceId: string | null;
  error: string | null;
  jobId?: string;
  nearDuplicateOf?: string | null;
  captureKept?: boolean;
  warnings?: string[];
}

/** Where the reporter writes, and whether each is a terminal (`process`; a test gives its own). */
export interface ReportStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * Prints results: JSON lines, or a line a file on stdout, and a progress bar with a summary (count, rate, ETA) on
 * stderr when it is a terminal. Each stream is judged alone: `chronicle ingest dir > ids.txt`, watched on a terminal,
 * shows the bar and still writes every file's line to ids.txt.
 */
export class IngestReporter {
  readonly counts = { ingested: 0, duplicate: 0, failed: 0, queued: 0 };
  /** Duplicates that came from somewhere new, kept as captures of their sources. */
  private capturesKept = 0;
  readonly skipped: Record<'folder' | 'special' | 'hidden' | 'page-resources' | 'mail-index', string[]> = {
    folder: [],
    special: [],
    hidden: [],
    'page-resources': [],
    'mail-index': [],
  };
  /** A progress bar on stderr: someone is watching it there. `--json` is read by a program, line by line. */
  readonly progress: boolean;
  /**
   * Every file's line on stdout: left out only when stdout is the terminal the bar is drawn on, where a line a file
   * would scroll the bar away; what a person must see then is said under the bar, naming its file (`report`).
   */
  private readonly resultLines: boolean;
  private bar: cliProgress.SingleBar | null = null;
  private readonly started = Date.now();

  constructor(
    private readonly json: boolean,
    private readonly streams: ReportStreams = process,
  ) {
    this.progress = !json && Boolean(streams.stderr.isTTY);
    this.resultLines = !this.progress || !streams.stdout.isTTY;
  }

  start(total: number): void {
    this.bar = new cliProgress.SingleBar(
      {
        format: 'ingesting [{bar}] {value}/{total} · {rate}/s · ETA {eta_formatted} · {failed} failed',
        stream: this.streams.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total, 0, { rate: '0', failed: 0 });
  }

  report(result: ReportedResult): void {
    this.counts[result.status]++;
    if (result.captureKept) this.capturesKept++;
    if (this.json) {
      const line: Record<string, unknown> = {
        file: result.file,
        status: result.status,
        sourceId: result.sourceId,
        error: result.error,
      };
      if (result.jobId) line.jobId = result.jobId;
      if (result.nearDuplicateOf) line.nearDuplicateOf = result.nearDuplicateOf;
      if (result.captureKept) line.captureKept = true;
      if (result.warnings) line.warnings = result.warnings;
      this.streams.stdout.write(`${JSON.stringify(line)}\n`);
      return;
    }
    const diagnostics: string[] = [];
    if (result.status === 'failed') diagnostics.push(`failed     ${result.error ?? result.file}`);
    else if (this.resultLines) this.printResult(resultLine(result));
    // With no line a file, which file is a near-duplicate of which, or came again from somewhere new, is said here.
    else if (result.nearDuplicateOf || result.captureKept) diagnostics.push(resultLine(result));
    // What a reader could not read, or says to mind (a photo's GPS place), is said under the file's line; beside a
    // bar, that line is on another stream or nowhere, so the warning names its file.
    for (const warning of result.warnings ?? [])
      diagnostics.push(this.bar ? `warning    ${result.file}: ${warning}` : `  warning: ${warning}`);
    if (this.bar) {
      const done = this.counts.ingested + this.counts.duplicate + this.counts.failed + this.counts.queued;
      const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
      // Archive entries and attachments can outnumber the files counted up front.
      if (done > this.bar.getTotal()) this.bar.setTotal(done);
      this.bar.update(done, { rate: (done / seconds).toFixed(1), failed: this.counts.failed });
      if (diagnostics.length > 0) this.streams.stderr.write('\n');
    }
    for (const line of diagnostics) this.printDiagnostic(line);
  }

  private printResult(line: string): void {
    this.streams.stdout.write(`${terminalSafe(line)}\n`);
  }

  private printDiagnostic(line: string): void {
    this.streams.stderr.write(`${terminalSafe(line)}\n`);
  }

  finish(): void {
    this.bar?.stop();
    const seconds = (Date.now() - this.started) / 1000;
    const { ingested, duplicate, failed, queued } = this.counts;
    const kept =
      this.capturesKept > 0
        ? ` (${this.capturesKept} from somewhere new, kept with ${this.capturesKept === 1 ? 'its source' : 'their sources'})`
        : '';
    const parts = [
      `${ingested} ingested`,
      `${duplicate} duplicate${duplicate === 1 ? '' : 's'}${kept}`,
      `${failed} failed`,
    ];
    if (queued > 0) parts.splice(1, 0, `${queued} queued`);
    this.printDiagnostic(`${parts.join(', ')} in ${seconds.toFixed(1)} s`);
    const { folder, special, hidden, 'page-resources': pageResources, 'mail-index': mailIndexes } = this.skipped;
    if (folder.length > 0)
      this.printDiagnostic(
        `left out ${folder.length} subfolder${folder.length === 1 ? '' : 's'} (${listed(folder)}): add --recursive to ingest them too`,
      );
    if (special.length > 0)
      this.printDiagnostic(
        `left out ${special.length} ${special.length === 1 ? 'entry that is' : 'entries that are'} not a file (${listed(special)}): a pipe, a device or a socket is read only when named on the command line`,
      );
    if (hidden.length > 0)
      this.printDiagnostic(
        `left out ${hidden.length} hidden ${hidden.length === 1 ? 'entry' : 'entries'} (${listed(hidden)}): a name starting with a dot is a system's or an editor's; name one on the command line to ingest it`,
      );
    if (pageResources.length > 0)
      this.printDiagnostic(
        `left out ${pageResources.length} ${pageResources.length === 1 ? "folder of a saved page's" : "folders of saved pages'"} pictures, style sheets and scripts (${listed(pageResources)}): the page beside each is ingested; name a folder on the command line to ingest it`,
      );
    if (mailIndexes.length > 0)
      this.printDiagnostic(
        `left out ${mailIndexes.length} mail index ${mailIndexes.length === 1 ? 'file' : 'files'} (${listed(mailIndexes)}): the mailbox beside each is ingested`,
      );
  }
}

/**
 * One file's result line: `ingested   a.txt  01JD…  (near-duplicate of 01JC…)`, `duplicate  b.txt  01JD…`.
 */
function resultLine(result: ReportedResult): string {
  const id = result.sourceId ? `  ${result.sourceId}` : '';
  const near = result.nearDuplicateOf ? `  (near-duplicate of ${result.nearDuplicateOf})` : '';
  const kept = result.captureKept ? '  (stored before: where it came from this time is kept with it)' : '';
  return `${result.status.padEnd(10)} ${result.file}${id}${near}${kept}`;
}

/** The first three paths, then '…'. */
function listed(paths: string[]): string {
  return `${paths.slice(0, 3).join(', ')}${paths.length > 3 ? ', …' : ''}`;
}

/** A file that could not be read, reported failed in its place among the results (`IngestFile.unreadable`). */
function unreadable(name: string, code: ErrorCode, message: string): IngestFile {
  return { name, bytes: new Uint8Array(0), unreadable: { code, message } };
}
