/**
 * Writes eval/names/train.tsv and eval/names/heldout.tsv (columns a, b, same, kind) from invented people.
 * `npx tsx eval/names/generate-pairs.ts --fresh` writes only fresh.tsv (another seed over the held-out pools,
 * generated once the matcher was frozen); without the flag it rewrites all three. The committed train.tsv and
 * heldout.tsv come from an earlier revision of this generator (the calibration was fitted on that train.tsv), so a
 * rerun without --fresh gives different pairs of the same mix. The held-out split draws on
 * surnames, near-surname pairs and a seed the training split never sees; handwritten.tsv is also held out.
 *
 * Mix per split: ~45% same person, ~40% hard negatives (a near surname, the other gender, another given name of
 * the same surname, another patronymic, a mother and her son, an initial that does not fit), ~15% easy negatives;
 * about half of all pairs set a Cyrillic name against a Latin one.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GrammaticalCase } from '../../src/resolve/index.js';
import {
  GENDER_PAIRS,
  GIVEN,
  makePerson,
  NEAR_SURNAMES,
  type Person,
  patronymicOf,
  pick,
  type RenderOptions,
  render,
  rng,
  type Style,
  SURNAMES_A,
  surnameFor,
} from './people.js';

const here = dirname(fileURLToPath(import.meta.url));

const CASES: GrammaticalCase[] = ['gen', 'dat', 'acc', 'ins', 'pre'];
const STYLES: Style[] = ['plain', 'plain', 'plain', 'court', 'caps', 'comma'];

/** Given-name equivalents and diminutives as English and Russian texts write them. */
const VARIANT_GIVEN: ReadonlyArray<readonly [string, string, string]> = [
  ['Михаил', 'Michael', 'equivalent'],
  ['Александр', 'Alexander', 'equivalent'],
  ['Пётр', 'Peter', 'equivalent'],
  ['Павел', 'Paul', 'equivalent'],
  ['Екатерина', 'Catherine', 'equivalent'],
  ['Елена', 'Helen', 'equivalent'],
  ['Мария', 'Maria', 'equivalent'],
  ['Георгий', 'George', 'equivalent'],
  ['Фёдор', 'Fyodor', 'translit'],
  ['Юлия', 'Julia', 'equivalent'],
  ['Наталья', 'Natalia', 'equivalent'],
  ['Михаил', 'Миша', 'diminutive'],
  ['Александр', 'Саша', 'diminutive'],
  ['Дмитрий', 'Дима', 'diminutive'],
  ['Екатерина', 'Катя', 'diminutive'],
  ['Евгений', 'Женя', 'diminutive'],
  ['Бахадыр', 'Bahodir', 'central-asian'],
  ['Бахадыр', 'Bakhodir', 'central-asian'],
  ['Гулом', 'Ghulom', 'central-asian'],
  ['Рустамжон', 'Rustamjon', 'central-asian'],
  ['Рустамжон', 'Rustamdzhon', 'central-asian'],
  ['Джамшид', 'Jamshid', 'central-asian'],
  ['Фарход', 'Farhod', 'central-asian'],
];

interface Pair {
  a: string;
  b: string;
  same: boolean;
  kind: string;
}

function options(r: () => number, script: 'cyrillic' | 'latin', allowCase: boolean): RenderOptions {
  return {
    script,
    style: pick(r, STYLES),
    withPatronymic: r() < 0.25,
    ...(script === 'cyrillic' && allowCase && r() < 0.3 ? { grammaticalCase: pick(r, CASES) } : {}),
    ...(script === 'latin' && r() < 0.25 ? { scheme: 'press' as const } : {}),
  };
}

function scripts(r: () => number): ['cyrillic' | 'latin', 'cyrillic' | 'latin'] {
  const x = r();
  if (x < 0.5) return r() < 0.5 ? ['cyrillic', 'latin'] : ['latin', 'cyrillic'];
  if (x < 0.8) return ['cyrillic', 'cyrillic'];
  return ['latin', 'latin'];
}

function generate(
  seed: number,
  surnames: readonly string[],
  near: ReadonlyArray<readonly [string, string]>,
  n: number,
): Pair[] {
  const r = rng(seed);
  const pairs: Pair[] = [];
  const seen = new Set<string>();
  const push = (p: Pair): void => {
    const key = `${p.a}\t${p.b}`;
    if (p.a === p.b || seen.has(key)) return;
    seen.add(key);
    pairs.push(p);
  };
  while (pairs.length < n) {
    const roll = r();
    const [sa, sb] = scripts(r);
    const person = makePerson(r, surnames);
    if (roll < 0.45) {
      // Same person.
      const sub = r();
      if (sub < 0.6) {
        push({
          a: render(person, options(r, sa, true), r),
          b: render(person, options(r, sb, true), r),
          same: true,
          kind: 'same',
        });
      } else if (sub < 0.75) {
        const oa = { ...options(r, sa, true), style: pick(r, ['initial', 'initials-court'] as const) };
        push({
          a: render(person, oa, r),
          b: render(person, { ...options(r, sb, true), style: 'plain' }, r),
          same: true,
          kind: 'same-initials',
        });
      } else if (sub < 0.9) {
        const [nameA, nameB, kind] = pick(r, VARIANT_GIVEN);
        const gender = GIVEN.find(([g]) => g === nameA)?.[1] ?? (/[ая]$/.test(nameA) ? 'f' : 'm');
        const p: Person = { ...person, given: nameA, gender, surname: surnameFor(pick(r, surnames), gender) };
        const a = render(p, { script: sa, style: 'plain' }, r);
        const surnameB = /\p{Script=Cyrillic}/u.test(nameB)
          ? render(p, { script: 'cyrillic', style: 'plain' }, r)
          : render(p, { script: 'latin', style: 'plain' }, r);
        const b = surnameB.replace(/^\S+/, nameB);
        push({ a, b, same: true, kind: `same-${kind}` });
      } else {
        // A doubled letter lost in typing or OCR: Гайнулин for Гайнуллин.
        const a = render(person, { script: sa, style: 'plain' }, r);
        const b = render(person, { script: sb, style: 'plain' }, r).replace(/(\p{L})\1/u, '$1');
        push({ a, b, same: true, kind: 'same-typo' });
      }
      continue;
    }
    if (roll < 0.85) {
      const sub = r();
      if (sub < 0.3) {
        const [x, y] = pick(r, near);
        const pa: Person = { ...person, surname: surnameFor(x, person.gender) };
        const pb: Person = { ...person, surname: surnameFor(y, person.gender) };
        push({
          a: render(pa, options(r, sa, false), r),
          b: render(pb, options(r, sb, false), r),
          same: false,
          kind: 'hard-surname',
        });
      } else if (sub < 0.5) {
        const [m, f] = pick(r, GENDER_PAIRS);
        const base = pick(r, surnames);
        const pa: Person = { ...person, given: m, gender: 'm', surname: base, patronymic: patronymicOf('Олег', 'm') };
        const pb: Person = {
          ...person,
          given: f,
          gender: 'f',
          surname: surnameFor(base, 'f'),
          patronymic: patronymicOf('Олег', 'f'),
        };
        push({
          a: render(pa, options(r, sa, false), r),
          b: render(pb, options(r, sb, false), r),
          same: false,
          kind: 'hard-gender',
        });
      } else if (sub < 0.7) {
        const others = GIVEN.filter(([g, gg]) => gg === person.gender && g !== person.given);
        const other: Person = { ...person, given: pick(r, others)[0] };
        push({
          a: render(person, options(r, sa, false), r),
          b: render(other, options(r, sb, false), r),
          same: false,
          kind: 'hard-given',
        });
      } else if (sub < 0.82) {
        const fathers = GIVEN.filter(([, g]) => g === 'm').map(([n]) => n);
        const other: Person = { ...person, patronymic: patronymicOf(pick(r, fathers), person.gender) };
        if (other.patronymic === person.patronymic) continue;
        const oa = { ...options(r, sa, false), withPatronymic: true };
        const ob = { ...options(r, sb, false), withPatronymic: true };
        push({ a: render(person, oa, r), b: render(other, ob, r), same: false, kind: 'hard-patronymic' });
      } else if (sub < 0.92) {
        const mothers = GIVEN.filter(([, g]) => g === 'f');
        const son: Person = {
          ...person,
          given: pick(
            r,
            GIVEN.filter(([, g]) => g === 'm'),
          )[0],
          gender: 'm',
          surname: surnameFor(person.surname.replace(/а$|ая$/, ''), 'm'),
        };
        const base = son.surname;
        const mother: Person = {
          ...son,
          given: pick(r, mothers)[0],
          gender: 'f',
          surname: surnameFor(base, 'f'),
          patronymic: patronymicOf('Иван', 'f'),
        };
        push({
          a: render(son, options(r, sa, false), r),
          b: render(mother, options(r, sb, false), r),
          same: false,
          kind: 'hard-family',
        });
      } else {
        const others = GIVEN.filter(([g, gg]) => gg === person.gender && g.charAt(0) !== person.given.charAt(0));
        const other: Person = { ...person, given: pick(r, others)[0] };
        push({
          a: render(person, { script: sa, style: 'plain' }, r),
          b: render(other, { ...options(r, sb, false), style: 'initial' }, r),
          same: false,
          kind: 'hard-initial',
        });
      }
      continue;
    }
    const other = makePerson(r, surnames);
    if (other.surname === person.surname) continue;
    push({
      a: render(person, options(r, sa, true), r),
      b: render(other, options(r, sb, true), r),
      same: false,
      kind: 'easy',
    });
  }
  return pairs;
}

function tsv(pairs: Pair[]): string {
  return `a\tb\tsame\tkind\n${pairs.map((p) => `${p.a}\t${p.b}\t${p.same}\t${p.kind}`).join('\n')}\n`;
}

const trainSurnames = SURNAMES_A.filter((_, i) => i % 2 === 0);
const heldoutSurnames = SURNAMES_A.filter((_, i) => i % 2 === 1);
const trainNear = NEAR_SURNAMES.filter((_, i) => i % 2 === 0);
const heldoutNear = NEAR_SURNAMES.filter((_, i) => i % 2 === 1);

if (!process.argv.includes('--fresh')) {
  writeFileSync(join(here, 'train.tsv'), tsv(generate(20240401, trainSurnames, trainNear, 600)));
  writeFileSync(join(here, 'heldout.tsv'), tsv(generate(771, heldoutSurnames, heldoutNear, 500)));
}
// Generated after the last change to the matcher and never inspected pair by pair: the honest held-out figure.
writeFileSync(join(here, 'fresh.tsv'), tsv(generate(90125, heldoutSurnames, heldoutNear, 400)));
process.stdout.write(
  `wrote ${process.argv.includes('--fresh') ? '' : 'train.tsv, heldout.tsv and '}fresh.tsv in eval/names\n`,
);
