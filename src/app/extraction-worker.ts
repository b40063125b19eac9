/**
 * Worker-thread entry of the extraction thread (extraction-thread.ts): loads the extractor's dictionaries, says it is
 * ready, then extracts one text at a time and replies with the Extraction, which is plain objects, arrays, strings,
 * numbers and nulls and so survives the structured clone unchanged. The parent enforces the time and heap limits by
 * terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { extract, loadExtractor } from '../extract/index.js';
import type { ExtractionReply, ExtractionRequest } from './extraction-thread.js';

const port = parentPort;
if (!port) throw new Error('extraction-worker must run in a worker thread');

loadExtractor();

port.on('message', (request: ExtractionRequest) => {
  let reply: ExtractionReply;
  try {
    reply = { type: 'result', id: request.id, extraction: extract(request.text, request.options) };
  } catch (error) {
    reply = { type: 'error', id: request.id, message: String((error as Error)?.message ?? error).split('\n')[0]! };
  }
  port.postMessage(reply);
});

port.postMessage({ type: 'ready' } satisfies ExtractionReply);
