/**
 * Cross-document resolution of person mentions: candidate pairs from blocking keys, pairwise scores, and
 * clustering under constraints. Pure: the record domain stores the result and makes merges and splits reversible;
 * every automatic merge is returned as an edge with its score so it can be audited and undone.
 *
 * Constraints (never merged, whatever the scores): different gender; different patronymics; different full given
 * names (that are not equivalents or diminutives of one name); two mentions a source names as two people
 * (`cannotLink`). A mention with initials only joins a cluster only when every cluster it matches is the same one —
 * «R. Gainullin» beside both Ринат and Руслан Гайнуллин becomes a proposal, not a merge.
 */
import { blockingKeys, givenIdentity } from './blocking.js';
import { compareParsedNames, scoreParsedNames } from './compare.js';
import type { Gender } from './inflection.js';
import { foldName, foldSimilarity } from './normalize.js';
import { type ParsedName, parseName } from './parse-name.js';

/** Score at or above which two names are merged without review. On the held-out evaluation pairs, those scoring
 * 0.9–1.0 were the same person 99.3% of the time (eval/names-eval.ts); below it, a person decides. */
export const AUTO_MERGE_THRESHOLD = 0.9;
/** Score from which a lone full name joins the only cluster it resembles (see step 4). */
export const WEAK_LINK_THRESHOLD = 0.6;
/** More people than this with one surname and initial make a name written with that initial undecidable. */
const MAX_INITIAL_NAMESAKES = 24;
/** Score at or above which a pair not merged is proposed for review. */
export const PROPOSAL_THRESHOLD = 0.5;

export interface ResolveOptions {
  readonly autoMergeThreshold?: number;
  readonly proposalThreshold?: number;
  /** Score from which a name no strong edge reached joins the single cluster it resembles (1 turns this off). */
  readonly weakLinkThreshold?: number;
  /** Pairs of mention indices a source names as two different people. */
  readonly cannotLink?: ReadonlyArray<readonly [number, number]>;
  /** Attach explanations to proposals (costs time; at most `explainLimit` of them). */
  readonly explain?: boolean;
  readonly explainLimit?: number;
  /** Largest number of signatures compared pairwise inside one block; bigger blocks are split by key order. */
  readonly maxBlock?: number;
}

/** Two mentions merged automatically, with the score that justified it (for the audit trail and undo). */
export interface MergeEdge {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

export interface MergeProposal extends MergeEdge {
  /** Why the pair was not merged automatically. */
  readonly reason: 'below threshold' | 'constraint' | 'ambiguous initials';
  readonly why?: string;
}

export interface Resolution {
  /** Cluster number of each mention (0-based, dense). */
  readonly clusterOf: Int32Array;
  readonly clusterCount: number;
  readonly merges: readonly MergeEdge[];
  readonly proposals: readonly MergeProposal[];
  readonly stats: { mentions: number; signatures: number; blocks: number; comparisons: number };
}

interface Summary {
  gender: Gender | undefined;
  givens: string[];
  patronymics: string[];
  forbidden: number[];
}

/** A part written without letters to compare (☺☺ Гайнуллин, Ринат 1990) has no key (see `ParsedName.keys`). */
function hasLetterlessPart(p: ParsedName): boolean {
  return (
    (p.given !== undefined && p.keys.given === undefined) ||
    (p.surname !== undefined && p.keys.surname === undefined) ||
    (p.patronymic !== undefined && p.keys.patronymic === undefined)
  );
}

function signatureOf(p: ParsedName): string {
  const g = p.keys.given ?? `~${p.initials[0] ?? ''}`;
  const pi = p.given === undefined ? p.initials[1] : p.initials[0];
  const pa = p.keys.patronymic ?? `~${pi ?? ''}`;
  const alt = p.alternative ? `|a${p.alternative.gender ?? ''}` : '';
  return `${p.keys.surname ?? ''}|${g}|${pa}|${p.gender ?? ''}${alt}|${p.keys.surname === undefined ? p.raw : ''}`;
}

/** The best score of two names over the readings of each (see `ParsedName.alternative`). */
function bestReadingScore(a: ParsedName, b: ParsedName): number {
  let best = 0;
  for (const x of readings(a)) for (const y of readings(b)) best = Math.max(best, scoreParsedNames(x, y).score);
  return best;
}

function readings(p: ParsedName): ParsedName[] {
  if (!p.alternative) return [p];
  const { alternative, ...primary } = p;
  return [primary, alternative];
}

/**
 * Whether two folded surnames differ by one slip of the keyboard: a letter dropped or doubled, or two neighbours
 * swapped (Pavlvoa / Pavlova, Oknin / Okunin). A substituted letter does not count: that is how two families differ
 * (Грачанский / Граченский), and transliteration variants already fold to one key. Short names never count
 * (Kotov / Kotkov). `oneSlipApart("pavlvoa", "pavlova") === true`.
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.min(a.length, b.length) < MIN_SLIP_LENGTH) return false;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (l.length - s.length > 1) return false;
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === l.charCodeAt(i)) i++;
  if (s.length === l.length) {
    // Only a swap of neighbours: ab…ba at i, the rest equal.
    return (
      i + 1 < s.length &&
      s.charCodeAt(i) === l.charCodeAt(i + 1) &&
      s.charCodeAt(i + 1) === l.charCodeAt(i) &&
      s.slice(i + 2) === l.slice(i + 2)
    );
  }
  return s.slice(i) === l.slice(i + 1);
}

/** Shortest folded surname a slip is assumed in; shorter ones differ by a letter as families (Kotov / Kotkov). */
const MIN_SLIP_LENGTH = 6;

function compatible(x: Summary, y: Summary): boolean {
  if (x.gender !== undefined && y.gender !== undefined && x.gender !== y.gender) return false;
  if (x.givens.length > 0 && y.givens.length > 0) {
    const ok = x.givens.some((a) => y.givens.some((b) => a === b || foldSimilarity(a, b) >= 0.85));
    if (!ok) return false;
  }
  if (x.patronymics.length > 0 && y.patronymics.length > 0) {
    const ok = x.patronymics.some((a) => y.patronymics.some((b) => foldSimilarity(a, b) >= 0.9));
    if (!ok) return false;
  }
  return true;
}

/**
 * Resolves mentions (names as written, any script) into people.
 * `resolveMentions(["Ринат Гайнуллин", "Rinat Gaynullin", "Тамара Гайнуллина"]).clusterOf` → [0, 0, 1].
 */
export function resolveMentions(names: readonly string[], options: ResolveOptions = {}): Resolution {
  const auto = options.autoMergeThreshold ?? AUTO_MERGE_THRESHOLD;
  const propose = options.proposalThreshold ?? PROPOSAL_THRESHOLD;
  const weakLink = Math.max(propose, options.weakLinkThreshold ?? WEAK_LINK_THRESHOLD);
  const maxBlock = options.maxBlock ?? 4000;
  const constrained = new Set<number>();
  for (const [a, b] of options.cannotLink ?? []) {
    constrained.add(a);
    constrained.add(b);
  }

  // 1. Signatures: mentions whose parts fold to the same keys are one node (Gainullin = Гайнуллин = Gajnullin).
  const sigIndex = new Map<string, number>();
  const sigParsed: ParsedName[] = [];
  const sigFirstMention: number[] = [];
  const mentionSig = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const parsed = parseName(names[i] ?? '');
    // A mention under a cannot-link constraint keeps its own node, so the constraint can hold; so does a name
    // written with initials only, since two «A. Lebedev» may be Алексей and Андрей, and a name with a part that has
    // no letters (☺☺ ☺☺☺, ★ Гайнуллин), whose missing key would otherwise equal every other missing key.
    const sig =
      constrained.has(i) || parsed.keys.given === undefined || hasLetterlessPart(parsed)
        ? `#${i}`
        : signatureOf(parsed);
    let s = sigIndex.get(sig);
    if (s === undefined) {
      s = sigParsed.length;
      sigIndex.set(sig, s);
      sigParsed.push(parsed);
      sigFirstMention.push(i);
    }
    mentionSig[i] = s;
  }
  const S = sigParsed.length;
  // How many mentions write each surname key: a key written once beside one written often is likely a misspelling.
  const surnameMentions = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const key = sigParsed[mentionSig[i]!]!.keys.surname;
    if (key !== undefined) surnameMentions.set(key, (surnameMentions.get(key) ?? 0) + 1);
  }
  // Per signature, so the check in step 3 (run for every pair that scores low) is an array read.
  const sigSurnameMentions = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    const key = sigParsed[s]!.keys.surname;
    sigSurnameMentions[s] = key === undefined ? 0 : surnameMentions.get(key)!;
  }

  // 2. Blocks over signatures.
  const blocks = new Map<string, number[]>();
  const nKey: string[] = new Array(S);
  for (let s = 0; s < S; s++) {
    const keys = blockingKeys(sigParsed[s]!);
    nKey[s] = keys.find((k) => k.startsWith('n:')) ?? '';
    for (const k of keys) {
      const list = blocks.get(k);
      if (list) list.push(s);
      else blocks.set(k, [s]);
    }
  }

  // 3. Pairwise scores inside blocks.
  // A given name without letters counts as none: such a name joins a cluster only as initials do.
  const full = (s: number): boolean => sigParsed[s]!.keys.given !== undefined;
  const edgesA: number[] = [];
  const edgesB: number[] = [];
  const edgesScore: number[] = [];
  let comparisons = 0;
  // A name with two readings (Владиславу Корнилову: a man in the dative or a woman in the accusative) scores low
  // against either person; it is scored again under each reading, and a strong match under one of them makes it
  // tentative, like a name with initials: it joins a cluster only when that is the one cluster it matches.
  const tentative = new Uint8Array(S);
  // Pairs (misspelt, well-attested) whose surnames are one slip apart and given names one name (step 4).
  const slips: number[] = [];
  const foldedSurname = (p: ParsedName): string => foldName(p.surname ?? '');
  const misspeltSurname = (x: number, y: number): number | undefined => {
    const px = sigParsed[x]!;
    const py = sigParsed[y]!;
    const kx = px.keys.surname;
    const ky = py.keys.surname;
    const nx = sigSurnameMentions[x]!;
    const ny = sigSurnameMentions[y]!;
    const rare = nx === 1 && ny > 1 ? x : ny === 1 && nx > 1 ? y : undefined;
    if (rare === undefined || kx === undefined || ky === undefined || kx === ky) return undefined;
    if (givenIdentity(px.given!) !== givenIdentity(py.given!)) return undefined;
    // The stem keys miss a slip in a feminine ending (Pavlvoa); the whole folded surnames catch it.
    if (oneSlipApart(kx, ky) || oneSlipApart(foldedSurname(px), foldedSurname(py))) return rare;
    return undefined;
  };
  const settled = (s: number): boolean => full(s) && tentative[s] === 0;
  const consider = (x: number, y: number): void => {
    comparisons++;
    const px = sigParsed[x]!;
    const py = sigParsed[y]!;
    let { score } = scoreParsedNames(px, py);
    if (score < auto && (px.alternative || py.alternative)) {
      const byReading = bestReadingScore(px, py);
      if (byReading >= auto) {
        score = byReading;
        if (px.alternative) tentative[x] = 1;
        if (py.alternative) tentative[y] = 1;
      }
    }
    if (score >= propose) {
      edgesA.push(x);
      edgesB.push(y);
      edgesScore.push(score);
    } else if (full(x) && full(y)) {
      const slip = misspeltSurname(x, y);
      if (slip !== undefined) slips.push(slip, slip === x ? y : x);
    }
  };
  // A large i-block (a common surname with one initial) pairs only names written with initials with the full names
  // and each other; full names there were compared in their n-, p- and g-blocks. Among many namesakes an initial is
  // ambiguous whatever the scores (step 4 merges it only into a single cluster), so it is not compared at all: the
  // comparisons would cost quadratic time at a million mentions to produce proposals nobody could decide.
  const compareInitials = (list: readonly number[]): void => {
    const partials = list.filter((s) => !full(s));
    if (partials.length === 0) return;
    const fulls = list.filter(full);
    const namesakes = new Set(fulls.map((s) => nKey[s]));
    if (namesakes.size <= MAX_INITIAL_NAMESAKES) for (const x of partials) for (const y of fulls) consider(x, y);
    if (partials.length <= 40)
      for (let i = 0; i < partials.length; i++)
        for (let j = i + 1; j < partials.length; j++) consider(partials[i]!, partials[j]!);
  };
  for (const [key, members] of blocks) {
    if (members.length < 2) continue;
    const kind = key.charAt(0);
    const list = members.length > maxBlock ? members.slice(0, maxBlock) : members;
    if (kind === 'i' && list.length > 40) {
      compareInitials(list);
      continue;
    }
    for (let i = 0; i < list.length; i++) {
      const x = list[i]!;
      for (let j = i + 1; j < list.length; j++) {
        const y = list[j]!;
        // Each pair once: p- and g-blocks skip pairs an n-block already compared; i-blocks pair a name written
        // with initials (or no given name) with the others.
        if ((kind === 'p' || kind === 'g') && nKey[x] !== '' && nKey[x] === nKey[y]) continue;
        // In a small block (a rare surname) full names are compared too, so a given name misspelt beyond its
        // skeleton (Валетнина) still meets its person.
        if (kind === 'i' && full(x) && full(y) && (list.length > 40 || nKey[x] === nKey[y])) continue;
        consider(x, y);
      }
    }
  }

  // 4. Constrained union-find, strongest edges first; names with full given names before initials.
  const parent = new Int32Array(S);
  for (let s = 0; s < S; s++) parent[s] = s;
  const size = new Int32Array(S).fill(1);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r]!;
    let c = x;
    while (parent[c] !== r) {
      const n = parent[c]!;
      parent[c] = r;
      c = n;
    }
    return r;
  };
  const summary: Summary[] = sigParsed.map((p) => ({
    gender: p.alternative ? undefined : p.gender,
    givens: p.given !== undefined ? [givenIdentity(p.given)] : [],
    patronymics: p.keys.patronymic !== undefined ? [p.keys.patronymic] : [],
    forbidden: [],
  }));
  for (const [a, b] of options.cannotLink ?? []) {
    const sa = mentionSig[a];
    const sb = mentionSig[b];
    if (sa === undefined || sb === undefined) continue;
    summary[sa]!.forbidden.push(sb);
    summary[sb]!.forbidden.push(sa);
  }
  const forbids = (rx: number, ry: number): boolean => {
    const fx = summary[rx]!.forbidden;
    const fy = summary[ry]!.forbidden;
    if (fx.length === 0 && fy.length === 0) return false;
    return fx.some((f) => find(f) === ry) || fy.some((f) => find(f) === rx);
  };
  const union = (rx: number, ry: number): void => {
    const [big, small] = rx < ry ? [rx, ry] : [ry, rx];
    parent[small] = big;
    size[big]! += size[small]!;
    const a = summary[big]!;
    const b = summary[small]!;
    a.gender ??= b.gender;
    for (const g of b.givens) if (!a.givens.includes(g) && a.givens.length < 6) a.givens.push(g);
    for (const p of b.patronymics) if (!a.patronymics.includes(p) && a.patronymics.length < 6) a.patronymics.push(p);
    for (const f of b.forbidden) a.forbidden.push(f);
  };

  const order = edgesScore.map((_, i) => i).sort((x, y) => edgesScore[y]! - edgesScore[x]!);
  const merges: MergeEdge[] = [];
  const proposals: MergeProposal[] = [];
  const deferred: number[] = [];
  const weak: number[] = [];
  for (const e of order) {
    const x = edgesA[e]!;
    const y = edgesB[e]!;
    const score = edgesScore[e]!;
    if (score < auto) {
      proposals.push({ a: sigFirstMention[x]!, b: sigFirstMention[y]!, score, reason: 'below threshold' });
      // Only a given name may be misspelt here: two surnames a letter apart (Полозканов, Полозкятов) are two families.
      if (score >= weakLink && settled(x) && settled(y) && sigParsed[x]!.keys.surname === sigParsed[y]!.keys.surname)
        weak.push(e);
      continue;
    }
    if (!settled(x) || !settled(y)) {
      deferred.push(e);
      continue;
    }
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) continue;
    if (!compatible(summary[rx]!, summary[ry]!) || forbids(rx, ry)) {
      proposals.push({ a: sigFirstMention[x]!, b: sigFirstMention[y]!, score, reason: 'constraint' });
      continue;
    }
    union(rx, ry);
    merges.push({ a: sigFirstMention[x]!, b: sigFirstMention[y]!, score });
  }
  // A full name that no strong edge reached (a misspelt given name: Алекандр, Yeevgeny) joins the one cluster of
  // its surname it resembles, when there is exactly one; resembling two leaves it to a person.
  const alone = (s: number): boolean => size[s] === 1 && parent[s] === s;
  const weakOf = new Map<number, number[]>();
  for (const e of weak) {
    for (const s of [edgesA[e]!, edgesB[e]!]) {
      const list = weakOf.get(s);
      if (list) list.push(e);
      else weakOf.set(s, [e]);
    }
  }
  const weakRoots = (s: number): Set<number> => {
    const roots = new Set<number>();
    for (const e of weakOf.get(s) ?? []) roots.add(find(edgesA[e] === s ? edgesB[e]! : edgesA[e]!));
    roots.delete(find(s));
    return roots;
  };
  for (const [s, es] of weakOf) {
    if (!alone(s)) continue;
    const roots = weakRoots(s);
    if (roots.size !== 1) continue;
    const root = [...roots][0]!;
    // Two lone names join only when each resembles nothing but the other.
    if (alone(root) && (weakRoots(root).size !== 1 || !weakRoots(root).has(s))) continue;
    if (!compatible(summary[s]!, summary[root]!) || forbids(s, root)) continue;
    const e = es[0]!;
    union(s, root);
    merges.push({ a: sigFirstMention[edgesA[e]!]!, b: sigFirstMention[edgesB[e]!]!, score: edgesScore[e]! });
  }
  // A surname written once and one slip from a surname written often (Svetlana Pavlvoa / Светлана Павлова) joins
  // the one cluster of that name it can be; two candidate clusters leave it to a person.
  const slipRoots = new Map<number, Set<number>>();
  for (let k = 0; k < slips.length; k += 2) {
    const s = slips[k]!;
    const roots = slipRoots.get(s) ?? new Set<number>();
    roots.add(find(slips[k + 1]!));
    slipRoots.set(s, roots);
  }
  for (const [s, roots] of slipRoots) {
    if (!alone(s) || !settled(s)) continue;
    roots.delete(find(s));
    if (roots.size !== 1) continue;
    const root = [...roots][0]!;
    if (!compatible(summary[s]!, summary[root]!) || forbids(s, root)) continue;
    const partner = slips[slips.findIndex((v, k) => k % 2 === 0 && v === s) + 1]!;
    union(s, root);
    merges.push({ a: sigFirstMention[s]!, b: sigFirstMention[partner]!, score: weakLink });
  }
  // Names with initials: merged only into a single compatible cluster.
  const targets = new Map<number, number[]>();
  for (const e of deferred) {
    const x = edgesA[e]!;
    const y = edgesB[e]!;
    const [partial, other] = settled(x) ? [y, x] : [x, y];
    const list = targets.get(partial) ?? [];
    list.push(e);
    targets.set(partial, list);
    if (!settled(other)) {
      const back = targets.get(other) ?? [];
      back.push(e);
      targets.set(other, back);
    }
  }
  for (const [partial, es] of targets) {
    const roots = new Set<number>();
    for (const e of es) {
      const other = edgesA[e] === partial ? edgesB[e]! : edgesA[e]!;
      if (settled(other)) roots.add(find(other));
    }
    const rp = find(partial);
    roots.delete(rp);
    const single = roots.size === 1 ? [...roots][0]! : undefined;
    if (single !== undefined && compatible(summary[rp]!, summary[single]!) && !forbids(rp, single)) {
      const e = es.find((k) => find(edgesA[k]!) === single || find(edgesB[k]!) === single)!;
      union(rp, single);
      merges.push({ a: sigFirstMention[edgesA[e]!]!, b: sigFirstMention[edgesB[e]!]!, score: edgesScore[e]! });
      continue;
    }
    if (roots.size > 1) {
      for (const e of es) {
        proposals.push({
          a: sigFirstMention[edgesA[e]!]!,
          b: sigFirstMention[edgesB[e]!]!,
          score: edgesScore[e]!,
          reason: 'ambiguous initials',
        });
      }
    }
  }

  // 5. Dense cluster numbers per mention; proposals between clusters that stayed apart, explained on request.
  const dense = new Int32Array(S).fill(-1);
  let clusterCount = 0;
  const clusterOf = new Int32Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const r = find(mentionSig[i]!);
    if (dense[r] === -1) dense[r] = clusterCount++;
    clusterOf[i] = dense[r]!;
  }
  const seenPairs = new Set<string>();
  const open: MergeProposal[] = [];
  const explainLimit = options.explainLimit ?? 1000;
  for (const p of proposals.sort((x, y) => y.score - x.score)) {
    const ca = clusterOf[p.a]!;
    const cb = clusterOf[p.b]!;
    if (ca === cb) continue;
    const key = ca < cb ? `${ca}:${cb}` : `${cb}:${ca}`;
    if (seenPairs.has(key)) continue;
    seenPairs.add(key);
    if (options.explain && open.length < explainLimit) {
      const why = compareParsedNames(parseName(names[p.a]!), parseName(names[p.b]!)).why;
      open.push({ ...p, why });
    } else open.push(p);
  }
  return {
    clusterOf,
    clusterCount,
    merges,
    proposals: open,
    stats: { mentions: names.length, signatures: S, blocks: blocks.size, comparisons },
  };
}
