import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../extract/index.js';
import { createExtractionThread, type ExtractionThread } from './extraction-thread.js';

/**
 * A stand-in for extraction-worker.ts that speaks its protocol and answers with the thread it ran in, so the tests can
 * tell one worker from the next: «hang» never answers, «crash» throws outside the handler, «exit» ends the thread.
 */
const STAND_IN = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, threadId } from 'node:worker_threads';
    parentPort.on('message', ({ id, text }) => {
      if (text === 'hang') for (;;);
      if (text === 'crash') setImmediate(() => { throw new Error('stand-in crashed'); });
      else if (text === 'exit') process.exit(7);
      else parentPort.postMessage({ type: 'result', id, extraction: { threadId, text } });
    });
    parentPort.postMessage({ type: 'ready' });
  `)}`,
);

/** The thread id the stand-in answered from. */
async function threadOf(thread: ExtractionThread, text: string): Promise<number> {
  return ((await thread.extract(text, {})) as unknown as { threadId: number }).threadId;
}

const threads: ExtractionThread[] = [];
function open(options: Parameters<typeof createExtractionThread>[0]): ExtractionThread {
  const thread = createExtractionThread(options);
  threads.push(thread);
  return thread;
}
afterAll(async () => {
  await Promise.all(threads.map((thread) => thread.close()));
});

describe('extraction thread', () => {
  it('gives the Extraction that extract gives in this thread, for every annotated report', async () => {
    const thread = open({});
    const folder = new URL('../../eval/extraction/', import.meta.url);
    const names = readdirSync(folder).filter((name) => name.endsWith('.txt'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const text = readFileSync(new URL(name, folder), 'utf8');
      const gold = JSON.parse(readFileSync(new URL(name.replace(/\.txt$/, '.gold.json'), folder), 'utf8')) as {
        referenceDate?: string;
        lang?: 'ru' | 'en';
      };
      const options = { language: gold.lang ?? 'auto', referenceDate: gold.referenceDate ?? null } as const;
      // Strict: no class instance, Map or undefined field may be lost or changed by the structured clone.
      expect(await thread.extract(text, options), name).toStrictEqual(extract(text, options));
    }
  });

  it('stops an extraction past its time limit with EXTRACT_TIMEOUT', async () => {
    const thread = open({ timeoutMs: 1000 });
    // About seven seconds of work at 7 µs a character.
    const text = 'Сегодня в Уфе задержали Рамиля Хайруллина. '.repeat(25_000);
    await expect(thread.extract(text, { language: 'ru' })).rejects.toMatchObject({
      code: 'EXTRACT_TIMEOUT',
      message: expect.stringContaining('1,075,000 characters'),
    });
  });

  it('terminates a worker that ran out of time and starts a new one for the next text', async () => {
    const thread = open({ entry: STAND_IN, timeoutMs: 200 });
    const before = await threadOf(thread, 'first');
    await expect(thread.extract('hang', {})).rejects.toMatchObject({ code: 'EXTRACT_TIMEOUT' });
    const after = await threadOf(thread, 'next');
    expect(after).not.toBe(before);
  });

  it('never reuses a worker that crashed or exited, and says why the extraction failed', async () => {
    const thread = open({ entry: STAND_IN });
    const first = await threadOf(thread, 'first');
    await expect(thread.extract('crash', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('the extractor crashed (stand-in crashed)'),
    });
    const second = await threadOf(thread, 'next');
    expect(second).not.toBe(first);
    await expect(thread.extract('exit', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('exit code 7'),
    });
    expect(await threadOf(thread, 'last')).not.toBe(second);
  });

  it('queues calls made at once for its one warm worker, answering each with its own text', async () => {
    const thread = open({ entry: STAND_IN });
    const texts = ['one', 'two', 'three', 'four'];
    const answers = (await Promise.all(texts.map((text) => thread.extract(text, {})))) as unknown as Array<{
      threadId: number;
      text: string;
    }>;
    expect(answers.map((answer) => answer.text)).toEqual(texts);
    expect(new Set(answers.map((answer) => answer.threadId)).size).toBe(1);
  });

  it('lets a timed-out extraction fail alone: the calls queued behind it run in a new worker', async () => {
    const thread = open({ entry: STAND_IN, timeoutMs: 200 });
    const hung = thread.extract('hang', {});
    const queued = threadOf(thread, 'after');
    await expect(hung).rejects.toMatchObject({ code: 'EXTRACT_TIMEOUT' });
    expect(await queued).toEqual(expect.any(Number));
  });

  it('drops its warm worker once idle', async () => {
    const thread = open({ entry: STAND_IN, idleMs: 20 });
    const first = await threadOf(thread, 'first');
    // Timers fire in order of their deadlines: the idle worker is gone before this one fires.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await threadOf(thread, 'next')).not.toBe(first);
  });

  it('fails what waits and refuses more once closed', async () => {
    const thread = open({ entry: STAND_IN, timeoutMs: 60_000 });
    const pending = Promise.allSettled([thread.extract('hang', {}), thread.extract('waiting', {})]);
    await thread.close();
    const closed = {
      status: 'rejected',
      reason: expect.objectContaining({ code: 'INTERNAL', message: expect.stringContaining('closed') }),
    };
    expect(await pending).toEqual([closed, closed]);
    await expect(thread.extract('later', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
