/**
 * Where the names benchmark loses its pairs: false merges and missed pairs of `resolveMentions` on the synthetic
 * mentions of bench/names.ts, counted in pairs and broken down by category, with examples.
 *
 *   npx tsx bench/names-diagnose.ts --scale 100000
 *
 * A cluster's main person is its largest truth cell; every other cell in it is an intruder, costing
 * |main| × |intruder| false pairs, classified by how the intruder's person differs from the main one. A person's
 * main cluster is the one holding most of their mentions; each mention elsewhere costs |main| missed pairs,
 * classified by how it was written (initials, typo, oblique case, …).
 */
import { foldName, parseName, resolveMentions, surnameStemKey } from '../src/resolve/index.js';
import { pairwiseScores, syntheticMentions, TRAIT } from './names.js';

interface Tally {
  pairs: number;
  examples: string[];
}

function add(tallies: Map<string, Tally>, category: string, pairs: number, example: string): void {
  let t = tallies.get(category);
  if (t === undefined) {
    t = { pairs: 0, examples: [] };
    tallies.set(category, t);
  }
  t.pairs += pairs;
  if (t.examples.length < 6) t.examples.push(example);
}

function table(title: string, tallies: Map<string, Tally>, total: number): string {
  const rows = [...tallies].sort((a, b) => b[1].pairs - a[1].pairs);
  return [
    `### ${title} (${total.toLocaleString('en')} pairs)`,
    '',
    '| category | pairs | share | examples |',
    '|---|---:|---:|---|',
    ...rows.map(
      ([c, t]) =>
        `| ${c} | ${t.pairs.toLocaleString('en')} | ${((100 * t.pairs) / Math.max(1, total)).toFixed(1)}% | ${t.examples.join('; ')} |`,
    ),
  ].join('\n');
}

/** Groups mention indices by a key array: key → indices. */
function groupBy(keys: ArrayLike<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const list = out.get(k);
    if (list) list.push(i);
    else out.set(k, [i]);
  }
  return out;
}

function largestCell(members: readonly number[], by: ArrayLike<number>): [number, Map<number, number[]>] {
  const cells = new Map<number, number[]>();
  for (const i of members) {
    const k = by[i]!;
    const list = cells.get(k);
    if (list) list.push(i);
    else cells.set(k, [i]);
  }
  let best = -1;
  let bestSize = 0;
  for (const [k, list] of cells)
    if (list.length > bestSize) {
      best = k;
      bestSize = list.length;
    }
  return [best, cells];
}

function traitLabel(t: number): string {
  const parts: string[] = [];
  if (t & TRAIT.initial) parts.push('initials');
  if (t & TRAIT.typo) parts.push('typo');
  if (t & TRAIT.oblique) parts.push('oblique case');
  if (t & TRAIT.press) parts.push('press spelling');
  return parts.length === 0 ? 'full name, no typo' : parts.join(' + ');
}

export function diagnose(scale: number): string {
  const data = syntheticMentions(scale);
  const t = performance.now();
  const res = resolveMentions(data.names);
  const seconds = (performance.now() - t) / 1000;
  const scores = pairwiseScores(res.clusterOf, data.truth);
  const surnameKey = (p: number): string => surnameStemKey(foldName(data.persons[p]!.surname));
  const givenKey = (p: number): string => foldName(data.persons[p]!.given);

  const falseMerges = new Map<string, Tally>();
  let falseTotal = 0;
  for (const members of groupBy(res.clusterOf).values()) {
    const [main, cells] = largestCell(members, data.truth);
    if (cells.size === 1) continue;
    const mainCell = cells.get(main)!;
    const mainName = data.names[mainCell[0]!]!;
    for (const [person, cell] of cells) {
      if (person === main) continue;
      const pairs = mainCell.length * cell.length;
      falseTotal += pairs;
      const sameSurname = surnameKey(person) === surnameKey(main);
      const sameGiven = givenKey(person) === givenKey(main);
      const parts: string[] = [sameSurname ? 'same surname' : 'different surname'];
      parts.push(sameGiven ? 'same given' : 'different given');
      const t = cell.reduce((acc, i) => acc | data.traits[i]!, 0);
      if (t & TRAIT.initial) parts.push('intruder has initials');
      if (t & TRAIT.typo) parts.push('intruder has typo');
      add(falseMerges, parts.join(', '), pairs, `${mainName} ⇐ ${data.names[cell[0]!]}`);
    }
  }

  // Names written with initials are undecidable when another person shares the surname and the initial.
  const initialOwners = new Map<string, number>();
  const initialKey = (p: number): string => `${surnameKey(p)}|${data.persons[p]!.given.charAt(0)}`;
  for (let p = 0; p < data.persons.length; p++) {
    const k = initialKey(p);
    initialOwners.set(k, (initialOwners.get(k) ?? 0) + 1);
  }
  const missed = new Map<string, Tally>();
  let missedTotal = 0;
  for (const members of groupBy(data.truth).values()) {
    const [main, cells] = largestCell(members, res.clusterOf);
    if (cells.size === 1) continue;
    const mainCell = cells.get(main)!;
    for (const [cluster, cell] of cells) {
      if (cluster === main) continue;
      for (const i of cell) {
        // Pairs with the main cell; pairs between two stray cells are few and left out.
        missedTotal += mainCell.length;
        const p = parseName(data.names[i]!);
        let unparsed = p.keys.surname === undefined ? ' (no surname parsed)' : '';
        if (data.traits[i]! & TRAIT.initial && initialOwners.get(initialKey(data.truth[i]!))! > 1)
          unparsed += ' (namesakes share the initial)';
        add(
          missed,
          traitLabel(data.traits[i]!) + unparsed,
          mainCell.length,
          `${data.names[i]} ≠ ${data.names[mainCell[0]!]}`,
        );
      }
    }
  }
  return [
    `## Names diagnosis at ${scale.toLocaleString('en')} mentions`,
    '',
    `Resolved in ${seconds.toFixed(1)} s: precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)}, F1 ${scores.f1.toFixed(4)}.`,
    '',
    table('False merges', falseMerges, falseTotal),
    '',
    table('Missed pairs (against the main cluster of each person)', missed, missedTotal),
  ].join('\n');
}

const i = process.argv.indexOf('--scale');
const scale = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
process.stdout.write(`${diagnose(scale)}\n`);
