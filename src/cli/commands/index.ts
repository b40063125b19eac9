import type { Command } from 'commander';
import { registerAuditCommands } from './audit.js';
import { registerBackupCommands } from './backup.js';
import { registerExportCommand } from './export.js';
import { registerExtractCommand } from './extract.js';
import { registerGroupCommands } from './group.js';
import { registerImportCommand } from './import.js';
import { registerIngestCommand } from './ingest.js';
import { registerJobsCommands } from './jobs.js';
import { registerMergesCommand } from './merges.js';
import { registerNamesCommand } from './names.js';
import { registerOcrCommand } from './ocr.js';
import { registerReviewCommand } from './review.js';
import { registerSearchCommand } from './search.js';
import { registerServeCommand } from './serve.js';
import { registerSourceCommands } from './source.js';
import { registerStatsCommand } from './stats.js';
import { registerTranscribeCommand } from './transcribe.js';
import { registerUserCommands } from './user.js';

/** Every command module exports one `register…Command(program)`; this list is the whole CLI. */
export function registerCommands(program: Command): void {
  registerIngestCommand(program);
  registerTranscribeCommand(program);
  registerOcrCommand(program);
  registerSearchCommand(program);
  registerExtractCommand(program);
  registerNamesCommand(program);
  registerMergesCommand(program);
  registerJobsCommands(program);
  registerReviewCommand(program);
  registerStatsCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerServeCommand(program);
  registerUserCommands(program);
  registerGroupCommands(program);
  registerSourceCommands(program);
  registerAuditCommands(program);
  registerBackupCommands(program);
}
