import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../app/runtime.js';
import { auditRestrictedReads, restrictedAmong, scopeHidesOnlyRestricted, sourceScope } from '../../../auth/index.js';
import { recordMemo } from '../../../record/index.js';
import {
  MAX_QUERY_LENGTH,
  type SearchFacets,
  type SearchResult,
  searchFacets,
  searchSources,
} from '../../../search/index.js';
import { LANGUAGES } from '../../../shared/language.js';
import { copiesAmong } from '../../../sources/index.js';
import { keepJson, sendKept } from '../../kept-json.js';
import { datesInOrder, ErrorBody, IsoDay, nullable } from '../../schemas.js';
import { CopyOf } from '../sources/schema.js';

const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH }),
  lang: Type.Optional(
    Type.Union(
      LANGUAGES.map((language) => Type.Literal(language)),
      { description: 'only sources in this language' },
    ),
  ),
  from: Type.Optional(IsoDay),
  to: Type.Optional(IsoDay),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
  crossScript: Type.Optional(
    Type.Boolean({ default: true, description: 'names also match their other-script spellings' }),
  ),
  facets: Type.Optional(
    Type.Boolean({
      default: false,
      description: 'also count the matches by language and by year of publication (each facet without its own filter)',
    }),
  ),
});

const FacetCounts = Type.Array(Type.Object({ value: nullable(Type.String()), count: Type.Integer() }));

const Span = Type.Object({ start: Type.Integer(), end: Type.Integer() });
const SearchResults = Type.Object({
  total: Type.Integer(),
  results: Type.Array(
    Type.Object({
      sourceId: Type.String(),
      title: nullable(Type.String()),
      fileName: nullable(Type.String({ description: 'the file the source came from; names an untitled source' })),
      snippet: Type.String(),
      score: Type.Number(),
      highlights: Type.Array(Span),
      matches: Type.Array(Span),
      language: nullable(Type.String()),
      publishedAt: nullable(Type.String()),
      copyOf: CopyOf,
    }),
  ),
  facets: Type.Optional(Type.Object({ language: FacetCounts, year: FacetCounts })),
});

/** `GET /api/v1/search?q=…`: the query language of `chronicle search`, the same result shape. */
export async function searchRoutes(app: FastifyInstance, runtime: Runtime): Promise<void> {
  const { db, dialect } = runtime.workspace;
  app.get('/api/v1/search', {
    config: { access: 'viewer' },
    schema: {
      tags: ['search'],
      summary: 'Full-text search over sources',
      querystring: SearchQuery,
      response: { 200: SearchResults, 400: ErrorBody },
    },
    preHandler: datesInOrder,
    handler: async (request, reply) => {
      const q = request.query as {
        q: string;
        lang?: string;
        from?: string;
        to?: string;
        limit?: number;
        offset?: number;
        crossScript?: boolean;
        facets?: boolean;
      };
      const user = request.user;
      // Kept per audience until the record changes (ingesting a source is a change: it raises the generation in the
      // transaction that stores it), as JSON: counting a common word's matches is most of a search's cost, and the
      // same queries come again — a page of results and the next, the same name looked up by several people.
      const memo = await recordMemo(db, user);
      const kept = await memo('search.response', q, async () => {
        const options = {
          language: q.lang,
          from: q.from,
          to: q.to,
          limit: q.limit,
          offset: q.offset,
          crossScript: q.crossScript,
          scope: sourceScope(user),
          scopeHidesOnlyRestricted: scopeHidesOnlyRestricted(user),
        };
        const found: SearchResult & { facets?: SearchFacets } = await searchSources(db, dialect, q.q, options);
        if (q.facets) found.facets = await searchFacets(db, dialect, q.q, options);
        // A wire story republished by ten outlets is ten hits: each copy says which report it copies.
        const copies = await copiesAmong(
          db,
          found.results.map((r) => r.sourceId),
          options.scope,
        );
        found.results = found.results.map((r) => ({ ...r, copyOf: copies.get(r.sourceId) ?? null }));
        const restricted = await restrictedAmong(
          db,
          'sources',
          found.results.map((r) => r.sourceId),
        );
        return { body: keepJson(reply, found), restricted };
      });
      // Hits show a restricted source's title and snippet: a read of it, audited every time (DESIGN §8).
      await auditRestrictedReads(db, user, 'sources', kept.restricted, 'search');
      return sendKept(request, reply, kept.body);
    },
  });
}
