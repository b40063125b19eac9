import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IngestReporter } from './ingest.js';

/** A stream that keeps what is written to it, a terminal or not as `isTTY` says. */
class FakeStream extends Writable {
  text = '';
  readonly columns = 100;
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
  /** Its lines, without the progress bar's escape codes and what a carriage return drew over. */
  lines(): string[] {
    return this.text
      .replace(/\x1b(?:\[[0-9;?]*[A-Za-z]|[78])/g, '')
      .split('\n')
      .map((line) => line.replace(/^.*\r/, ''))
      .filter((line) => line !== '');
  }
}

/** Reports one batch: a plain file, a near-duplicate, a file with a warning, a failure, a capture kept. */
function reportBatch(stdoutIsTTY: boolean, stderrIsTTY: boolean, json = false) {
  const streams = { stdout: new FakeStream(stdoutIsTTY), stderr: new FakeStream(stderrIsTTY) };
  const reporter = new IngestReporter(json, streams);
  if (reporter.progress) reporter.start(5);
  reporter.report({ file: 'a.txt', status: 'ingested', sourceId: 'S1', error: null });
  reporter.report({ file: 'b.txt', status: 'ingested', sourceId: 'S2', error: null, nearDuplicateOf: 'S1' });
  reporter.report({ file: 'c.txt', status: 'ingested', sourceId: 'S3', error: null, warnings: ['bytes replaced'] });
  reporter.report({ file: 'd.txt', status: 'failed', sourceId: null, error: 'd.txt: the file is empty' });
  reporter.report({ file: 'e.txt', status: 'duplicate', sourceId: 'S1', error: null, captureKept: true });
  reporter.finish();
  return { progress: reporter.progress, stdout: streams.stdout.lines(), stderr: streams.stderr.lines() };
}

const RESULT_LINES = [
  'ingested   a.txt  S1',
  'ingested   b.txt  S2  (near-duplicate of S1)',
  'ingested   c.txt  S3',
  'duplicate  e.txt  S1  (stored before: where it came from this time is kept with it)',
];

describe('IngestReporter', () => {
  it('writes a line a file to stdout, and warnings under the line, when neither stream is a terminal', () => {
    const { progress, stdout, stderr } = reportBatch(false, false);
    expect(progress).toBe(false);
    expect(stdout).toEqual(RESULT_LINES);
    expect(stderr.slice(0, 2)).toEqual(['  warning: bytes replaced', 'failed     d.txt: the file is empty']);
  });

  it('writes every line to stdout redirected to a file while the progress bar is on the terminal', () => {
    const { progress, stdout, stderr } = reportBatch(false, true);
    expect(progress).toBe(true);
    expect(stdout).toEqual(RESULT_LINES);
    expect(stderr).toContain('warning    c.txt: bytes replaced');
    expect(stderr).toContain('failed     d.txt: the file is empty');
  });

  it('shows the bar alone on a terminal, with what must be seen under it, each line naming its file', () => {
    const { progress, stdout, stderr } = reportBatch(true, true);
    expect(progress).toBe(true);
    expect(stdout).toEqual([]);
    const said = stderr.filter((line) => !line.startsWith('ingesting ['));
    expect(said).toEqual([
      'ingested   b.txt  S2  (near-duplicate of S1)',
      'warning    c.txt: bytes replaced',
      'failed     d.txt: the file is empty',
      'duplicate  e.txt  S1  (stored before: where it came from this time is kept with it)',
      expect.stringMatching(/^3 ingested, 1 duplicate \(1 from somewhere new, kept with its source\), 1 failed in /),
    ]);
  });

  it('writes JSON lines with no bar, whatever the terminal', () => {
    const { progress, stdout } = reportBatch(true, true, true);
    expect(progress).toBe(false);
    expect(stdout.map((line) => (JSON.parse(line) as { file: string }).file)).toEqual([
      'a.txt',
      'b.txt',
      'c.txt',
      'd.txt',
      'e.txt',
    ]);
  });
});
