/**
 * Worker-thread entry: parses one request at a time with parseDocumentInProcess and replies with the document or a
 * ChronicleError's code and message. The parent enforces the time and heap limits by terminating this thread.
 */
import { parentPort } from 'node:worker_threads';
import { isChronicleError } from '../shared/errors.js';
import { parseDocumentInProcess } from './parse.js';
import { convertPicture } from './pictures.js';
import type { PreparedFile } from './prepared-text.js';
import { prepareTexts } from './prepared-text.js';
import { packedCopies, type WorkerReply, type WorkerRequest } from './worker-pool.js';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

// A parser library may leave a rejected promise behind after its result was sent; it must not kill the worker
// while it serves the next file.
process.on('unhandledRejection', () => undefined);

port.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (request.kind === 'picture') {
      reply = { type: 'image', id: request.id, image: await convertPicture(request.bytes, request.picture) };
    } else if (request.kind === 'prepare-texts') {
      reply = {
        type: 'prepared',
        id: request.id,
        files: await prepareTexts(request.files, request.limits, request.options),
      };
    } else {
      const document = await parseDocumentInProcess(request.bytes, {
        ...(request.fileName === undefined ? {} : { fileName: request.fileName }),
        ...(request.laterVolumes === undefined ? {} : { laterVolumes: request.laterVolumes }),
        limits: request.limits,
      });
      reply = { type: 'result', id: request.id, document };
    }
  } catch (error) {
    reply = isChronicleError(error)
      ? { type: 'error', id: request.id, code: error.code, message: error.message }
      : { type: 'error', id: request.id, code: 'PARSE_FAILED', message: String((error as Error)?.message ?? error) };
  }
  try {
    port.postMessage(
      reply,
      reply.type === 'result'
        ? transferables(reply.document)
        : reply.type === 'prepared'
          ? packVectors(reply.files)
          : reply.type === 'image'
            ? [reply.image.buffer as ArrayBuffer]
            : [],
    );
  } catch {
    // Transfer refused (e.g. a pooled Buffer): fall back to copying.
    port.postMessage(reply);
  }
});

port.postMessage({ type: 'ready' } satisfies WorkerReply);

/** Children's buffers are moved, not copied; a view into a larger buffer is first cut out so only it moves. */
function transferables(document: { children: Array<{ bytes: Uint8Array }> }): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const child of document.children) {
    let bytes = child.bytes;
    if (
      bytes.byteOffset !== 0 ||
      bytes.byteLength !== bytes.buffer.byteLength ||
      seen.has(bytes.buffer as ArrayBuffer)
    ) {
      bytes = bytes.slice();
      child.bytes = bytes;
    }
    seen.add(bytes.buffer as ArrayBuffer);
  }
  return [...seen];
}

/**
 * A window's index vectors moved into one buffer, which is transferred: copied one by one, each vector became an
 * allocation outside V8's heap on the writer's thread.
 */
function packVectors(files: PreparedFile[]): ArrayBuffer[] {
  const vectors = files.flatMap((file) =>
    file.kind === 'parsed' && file.terms.indexVectors ? [file.terms.indexVectors] : [],
  );
  if (vectors.length === 0) return [];
  const copies = packedCopies(vectors.flatMap((v) => [v.vector, v.rank]));
  for (const [i, v] of vectors.entries()) {
    v.vector = copies[2 * i]!;
    v.rank = copies[2 * i + 1]!;
  }
  return [copies[0]!.buffer as ArrayBuffer];
}
