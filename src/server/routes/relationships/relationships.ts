import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Runtime } from '../../../app/runtime.js';
import {
  auditRestrictedRead,
  organizationScope,
  type PolicyUser,
  personScope,
  restrictedAmong,
  visibleIds,
} from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';
import {
  createRelationship,
  deleteRelationship,
  getRelationship,
  listPersonRelationships,
  normalizeName,
  RELATIONSHIP_KINDS,
  type RelationshipInput,
  type RelationshipTargetType,
} from '../../../record/index.js';
import { ChronicleError } from '../../../shared/errors.js';
import { ErrorBody } from '../../schemas.js';
import { assertVisible } from '../persons/persons.js';
import {
  NewRelationship,
  PersonRelationships,
  Relationship,
  RelationshipParams,
  Targets,
  TargetsQuery,
} from './schema.js';

const TABLE = { person: 'persons', organization: 'organizations' } as const;

/** Which of these ends (`person:ID`, `organization:ID`) the user may see, per the one policy. */
async function visibleEnds(
  db: Kysely<Database>,
  user: PolicyUser | null,
  ends: Array<{ type: RelationshipTargetType; id: string }>,
): Promise<Set<string>> {
  const visible = new Set<string>();
  for (const type of ['person', 'organization'] as const) {
    const ids = ends.filter((e) => e.type === type).map((e) => e.id);
    if (ids.length === 0) continue;
    for (const id of await visibleIds(db, user, TABLE[type], ids)) visible.add(`${type}:${id}`);
  }
  return visible;
}

/** `'50%_x'` → `'50\%\_x'`: a search text is matched literally inside LIKE. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `/api/v1/persons/:id/relationships` and `/api/v1/relationships/:id`: who is whose mother, lawyer, co-defendant,
 * member of which organization. A relationship is shown, created or deleted only when the user may see both ends;
 * anything else answers as absent.
 */
export async function relationshipsRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db } = runtime.workspace;
  app.addSchema(Relationship);
  const kinds = Object.entries(RELATIONSHIP_KINDS).map(([kind, info]) => ({ kind, target: info.target }));

  app.get('/api/v1/persons/:id/relationships', {
    config: { access: 'viewer' },
    schema: {
      tags: ['persons'],
      summary: "A person's relationships both ways (mother of / child of …), only those whose other end is visible",
      params: RelationshipParams,
      response: { 200: PersonRelationships, 404: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      await assertVisible(db, request.user, 'persons', id, 'person');
      const all = await listPersonRelationships(db, id);
      const visible = await visibleEnds(
        db,
        request.user,
        all.map((r) => r.other),
      );
      const items = all.filter((r) => visible.has(`${r.other.type}:${r.other.id}`));
      // Naming a restricted person or organization on this page is a read of it: audited like opening it.
      const restricted = await restrictedEnds(
        db,
        items.map((r) => r.other),
      );
      for (const end of restricted) await auditRestrictedRead(db, request.user, TABLE[end.type], end, 'relationship');
      return { items, kinds };
    },
  });

  app.post('/api/v1/persons/:id/relationships', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Record that this person is <kind> another person or an organization (versioned, audited)',
      params: RelationshipParams,
      body: NewRelationship,
      response: { 201: Type.Ref('Relationship'), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const body = request.body as RelationshipInput;
      await assertVisible(db, request.user, 'persons', id, 'person');
      await assertVisible(db, request.user, TABLE[body.toType], body.toId, body.toType);
      const created = await db
        .transaction()
        .execute((trx) => createRelationship(trx, id, body, request.user?.id ?? null));
      return reply.status(201).send(created);
    },
  });

  app.delete('/api/v1/relationships/:id', {
    config: { access: 'editor' },
    schema: {
      tags: ['persons'],
      summary: 'Soft-delete a relationship (kept with its history)',
      params: RelationshipParams,
      response: { 200: Type.Ref('Relationship'), 404: ErrorBody, 409: ErrorBody },
    },
    handler: async (request) => {
      const { id } = request.params as { id: string };
      const relationship = await getRelationship(db, id);
      const visible = await visibleEnds(db, request.user, [
        { type: 'person', id: relationship.fromPersonId },
        { type: relationship.toType, id: relationship.toId },
      ]);
      if (
        !visible.has(`person:${relationship.fromPersonId}`) ||
        !visible.has(`${relationship.toType}:${relationship.toId}`)
      )
        throw new ChronicleError('NOT_FOUND', `no relationship ${id}`);
      return db.transaction().execute((trx) => deleteRelationship(trx, id, request.user?.id ?? null));
    },
  });

  app.get('/api/v1/relationship-targets', {
    config: { access: 'viewer' },
    schema: {
      tags: ['persons'],
      summary: 'People and organizations whose name contains the text, to choose the other end of a relationship',
      querystring: TargetsQuery,
      response: { 200: Targets },
    },
    handler: async (request) => {
      const { q, type } = request.query as { q: string; type?: RelationshipTargetType };
      const key = normalizeName(q);
      if (!key) return { items: [] };
      const pattern = `%${likeLiteral(key)}%`;
      const matching = (table: 'persons' | 'organizations') =>
        db
          .selectFrom('name_keys')
          .select('record_id')
          .where('record_table', '=', table)
          .where(sql<boolean>`name_key LIKE ${pattern} ESCAPE '\\'`);
      const items: Array<{ type: string; id: string; name: string }> = [];
      if (type !== 'organization') {
        const people = await db
          .selectFrom('persons')
          .select(['id', 'display_name'])
          .where('review_status', '=', 'accepted')
          .where('merged_into', 'is', null)
          .where('deleted_at', 'is', null)
          .where(personScope(request.user))
          .where('id', 'in', matching('persons'))
          .orderBy('display_name')
          .orderBy('id')
          .limit(20)
          .execute();
        for (const p of people) items.push({ type: 'person', id: p.id, name: p.display_name });
      }
      if (type !== 'person') {
        const organizations = await db
          .selectFrom('organizations')
          .select(['id', 'name'])
          .where('review_status', '=', 'accepted')
          .where('deleted_at', 'is', null)
          .where(organizationScope(request.user))
          .where('id', 'in', matching('organizations'))
          .orderBy('name')
          .orderBy('id')
          .limit(20)
          .execute();
        for (const o of organizations) items.push({ type: 'organization', id: o.id, name: o.name });
      }
      return { items };
    },
  });
}

/** The restricted ones among these ends, with their confidentiality, for the read audit. */
async function restrictedEnds(
  db: Kysely<Database>,
  ends: Array<{ type: RelationshipTargetType; id: string }>,
): Promise<Array<{ type: RelationshipTargetType; id: string; confidentiality: string }>> {
  const result: Array<{ type: RelationshipTargetType; id: string; confidentiality: string }> = [];
  const personIds = [...new Set(ends.filter((e) => e.type === 'person').map((e) => e.id))];
  const organizationIds = [...new Set(ends.filter((e) => e.type === 'organization').map((e) => e.id))];
  for (const r of await restrictedAmong(db, 'persons', personIds))
    result.push({ type: 'person', id: r.id, confidentiality: r.confidentiality });
  for (const r of await restrictedAmong(db, 'organizations', organizationIds))
    result.push({ type: 'organization', id: r.id, confidentiality: r.confidentiality });
  return result;
}
