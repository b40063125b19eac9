import type { Workspace } from '../../src/db/connection.js';
import { acceptAllProposals, type ExtractionInput, type SpanInput, stageExtraction } from '../../src/record/index.js';
import { type IngestResult, ingestFiles } from '../../src/sources/index.js';

/** Hand-written extractions for the record suite: spans are found in the text, so offsets are always right. */
export function span(text: string, part: string, from = 0): SpanInput {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" is not in the text`);
  return { start, end: start + part.length, text: part };
}

export async function ingestText(
  workspace: Workspace,
  name: string,
  text: string,
  metadata: { publishedAt?: string; title?: string; confidentiality?: 'internal' | 'restricted' } = {},
): Promise<string> {
  const results: IngestResult[] = [];
  for await (const r of ingestFiles({ workspace, userId: null, cipher: null }, [
    { name, bytes: new TextEncoder().encode(text), metadata },
  ]))
    results.push(r);
  const id = results[0]?.sourceId;
  if (!id) throw new Error(`ingest of ${name} failed: ${results[0]?.error}`);
  return id;
}

export const UFA_TEXT =
  'В Уфе 12 марта 2024 года полиция задержала Ивана Петрова. Суд приговорил Ивана Петрова к 6 годам колонии по делу «Башкирского кружка».';

/** Иван Петров detained in Уфа by the police, then sentenced to 6 years in the «Башкирский кружок» case. */
export function ufaExtraction(text = UFA_TEXT): ExtractionInput {
  return {
    language: 'ru',
    referenceDate: '2024-03-13',
    persons: [
      {
        name: 'Иван Петров',
        mentions: [span(text, 'Ивана Петрова'), span(text, 'Ивана Петрова', text.indexOf('Суд'))],
        confidence: 0.9,
      },
    ],
    organizations: [{ name: 'полиция', mentions: [span(text, 'полиция')] }],
    places: [{ name: 'Уфа', mentions: [span(text, 'Уфе')], country: 'RU', lat: 54.74, lon: 55.97, geonameId: 479561 }],
    dates: [{ ...span(text, '12 марта 2024 года'), value: '2024-03-12' }],
    cases: [{ name: 'дело «Башкирского кружка»', mentions: [span(text, '«Башкирского кружка»')] }],
    events: [
      {
        type: 'detention',
        date: '2024-03-12',
        places: ['Уфа'],
        subjects: ['Иван Петров'],
        agents: ['полиция'],
        case: null,
        sentenceYears: null,
        evidence: span(text, 'В Уфе 12 марта 2024 года полиция задержала Ивана Петрова.'),
        confidence: 0.8,
      },
      {
        type: 'sentence',
        date: '2024-03',
        places: [],
        subjects: ['Иван Петров'],
        agents: [],
        case: 'дело «Башкирского кружка»',
        sentenceYears: 6,
        evidence: span(text, 'Суд приговорил Ивана Петрова к 6 годам колонии по делу «Башкирского кружка».'),
        confidence: 0.7,
      },
    ],
  };
}

/**
 * The Ufa report ingested and its extraction staged as proposals, as the extraction job leaves it; with `accept`,
 * every proposal is accepted in the same transaction, so the record holds Иван Петров, his case and two events.
 */
export async function stageUfaReport(
  workspace: Workspace,
  options: { accept?: boolean } = {},
): Promise<{ sourceId: string; personId: string }> {
  const sourceId = await ingestText(workspace, 'ufa.txt', UFA_TEXT);
  await workspace.db.transaction().execute(async (trx) => {
    await stageExtraction(trx, { sourceId, extraction: ufaExtraction(), extractorVersion: '1', userId: null });
    if (options.accept) await acceptAllProposals(trx, null);
  });
  const person = await workspace.db
    .selectFrom('persons')
    .select('id')
    .where('display_name', '=', 'Иван Петров')
    .executeTakeFirstOrThrow();
  return { sourceId, personId: person.id };
}
