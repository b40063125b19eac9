import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { ACTION_ROLES } from '../../../auth/index.js';
import { type ExportFormat, exportRecord } from '../../../export/index.js';
import { ErrorBody } from '../../schemas.js';
import { ExportQuery } from './schema.js';

/**
 * `GET /api/v1/export?format=json|csv|ftm|geojson|ics`: the record as the signed-in user may see it, as a download
 * (as `chronicle export --as USER`); csv is a ZIP of one file per record type. Every restricted record it lets out
 * is audited as a read naming the export.
 */
export async function exportRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.get('/api/v1/export', {
    config: { access: ACTION_ROLES['records.export'] },
    schema: {
      tags: ['export'],
      summary:
        'Export what this user may see: json (re-importable), csv (a ZIP of per-type files), ftm (JSON lines), geojson, ics',
      querystring: ExportQuery,
      produces: [
        'application/json',
        'application/zip',
        'application/x-ndjson',
        'application/geo+json',
        'text/calendar',
      ],
      response: { 200: { description: 'the export as an attachment' }, 400: ErrorBody },
    },
    handler: async (request, reply) => {
      const { format } = request.query as { format: ExportFormat };
      const result = await exportRecord(db, request.user, format, runtime.cipher);
      return reply
        .header('content-type', result.contentType)
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(typeof result.body === 'string' ? result.body : Buffer.from(result.body));
    },
  });
}
