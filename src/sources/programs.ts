/**
 * The machine's own programs Chronicle hands a file to (Tesseract, poppler, djvulibre): found on PATH, and run with
 * the file on standard input — it never touches the disk decrypted — a time limit, and bounded output.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ChronicleError } from '../shared/errors.js';

/** Whether `command` is an executable file in one of PATH's folders (ddjvu has no option that exits with 0). */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.PATH ?? process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((folder) => {
      try {
        accessSync(join(folder, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/**
 * The same on this process's PATH, remembered: for a choice made on every request or every file (whether DjVu pages
 * are shown, whether a DjVu's text layer is read).
 */
export function onPathNow(command: string): boolean {
  let found = foundNow.get(command);
  if (found === undefined) {
    found = onPath(command);
    foundNow.set(command, found);
  }
  return found;
}

const foundNow = new Map<string, boolean>();

/**
 * Runs a program with `input` on its standard input and returns its standard output; fails past `timeoutMs` or
 * `maxOutputBytes`, or when it exits with an error (its standard error's last line said).
 */
export function runProgram(
  command: string,
  args: string[],
  input: Uint8Array | null,
  timeoutMs: number,
  maxOutputBytes = 1024 * 1024,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let err = '';
    let failure: Error | null = null;
    const stop = (error: Error) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new ChronicleError('PARSE_TIMEOUT', `${command} took longer than ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > maxOutputBytes) stop(new ChronicleError('TOO_LARGE', `${command} wrote more than expected`));
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString()).slice(-2000);
    });
    child.on('error', (error) => stop(error));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const said = err.trim().split('\n').at(-1) ?? '';
        return reject(new ChronicleError('PARSE_FAILED', `${command} failed (exit ${code})${said ? `: ${said}` : ''}`));
      }
      resolve(Buffer.concat(out));
    });
    // A program that stops reading early (an unreadable image) closes its input: that is its answer, not ours.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? undefined);
  });
}
