import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChronicleError } from '../shared/errors.js';

/**
 * Who has an embedded workspace open. SQLite lets any number of processes share the file (a server, a worker and
 * `chronicle ingest` beside them), but `restore` swaps the file under them — a running server kept writing into the
 * set-aside copy, and what it stored was lost — and `rekey` resealed the originals before failing on the server's
 * connection, half done. SQLite's own locks cannot tell them apart in WAL mode (an open connection holds no lock a
 * probe could see without also changing the journal mode), so each process leaves a note in the data directory:
 * `.open-<pid>-<random>` holding its command, and `!` before it for a process that needs the workspace alone.
 * A note whose process is gone (killed, crashed) is ignored and removed.
 */
const NOTE_PREFIX = '.open-';
const ALONE = '!';

interface Note {
  file: string;
  pid: number;
  command: string;
  alone: boolean;
}

const held = new Set<string>();
let removedOnExit = false;

function removeHeldNotes(): void {
  for (const file of held) rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it lives, under another account.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The notes of other live processes; those of dead ones are removed on the way. */
function othersHolding(dataDir: string): Note[] {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((name) => name.startsWith(NOTE_PREFIX));
  } catch {
    return [];
  }
  const notes: Note[] = [];
  for (const name of names) {
    const file = join(dataDir, name);
    const pid = Number(name.slice(NOTE_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (!isAlive(pid)) {
      rmSync(file, { force: true });
      continue;
    }
    let text = '';
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch {
      continue; // Removed meanwhile: its process closed the workspace.
    }
    const alone = text.startsWith(ALONE);
    notes.push({ file, pid, alone, command: (alone ? text.slice(ALONE.length) : text) || 'a Chronicle process' });
  }
  return notes;
}

function writeNote(dataDir: string, command: string, alone: boolean): string {
  const file = join(dataDir, `${NOTE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  writeFileSync(file, `${alone ? ALONE : ''}${command}\n`, { mode: 0o600 });
  // A process that exits without closing the workspace leaves no note; one killed outright leaves a dead pid's.
  if (!removedOnExit) process.once('exit', removeHeldNotes);
  removedOnExit = true;
  held.add(file);
  return file;
}

function releaser(file: string): () => void {
  return () => {
    held.delete(file);
    rmSync(file, { force: true });
  };
}

/**
 * Notes that this process has the workspace open, unless one that needs it alone (restore, rekey) is at work.
 * The note is written before the check, as `holdWorkspaceAlone` does the same the other way round: of two that
 * start together, at least one sees the other.
 * `const release = holdWorkspace('/data', 'chronicle serve')`; `release()` on close.
 */
export function holdWorkspace(dataDir: string, command: string): () => void {
  const file = writeNote(dataDir, command, false);
  const busy = othersHolding(dataDir).find((note) => note.alone);
  if (busy) {
    releaser(file)();
    throw new ChronicleError(
      'CONFLICT',
      `${busy.command} (pid ${busy.pid}) is changing this workspace: wait for it to finish`,
    );
  }
  return releaser(file);
}

/**
 * Claims the workspace for a command that replaces or re-encrypts it, before it changes anything: refused, naming
 * the process, while any other live process has it open.
 * `holdWorkspaceAlone('/data', 'chronicle restore')` → throws
 * `chronicle serve (pid 1234) has this workspace open: stop it first (…)`.
 */
export function holdWorkspaceAlone(dataDir: string, command: string): () => void {
  // No directory, no workspace for anyone to hold: restore makes it.
  if (!existsSync(dataDir)) return () => {};
  const file = writeNote(dataDir, command, true);
  const other = othersHolding(dataDir)[0];
  if (other) {
    releaser(file)();
    // A note outlives its process only when the pid has been taken by another since (a container's pid 1 on a
    // shared volume): the message says which note to delete then.
    throw new ChronicleError(
      'CONFLICT',
      `${other.command} (pid ${other.pid}) has this workspace open: stop it first ` +
        `(if no Chronicle runs as pid ${other.pid}, delete ${other.file})`,
    );
  }
  return releaser(file);
}
