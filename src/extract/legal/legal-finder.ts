/**
 * Code articles and named cases.
 * «ч. 2 ст. 205.5 УК РФ» → { code: 'УК РФ', article: '205.5', part: 2 }; "Article 20.3.3 of the Code of
 * Administrative Offences" → { code: 'КоАП РФ', article: '20.3.3', part: null }; «по делу «Донского кружка»» → case
 * «дело «Донского кружка»»; "the Saratov case".
 */
import type { LegalArticle } from '../types.js';

export interface Found<T> {
  start: number;
  end: number;
  value: T;
}

const RU_ARTICLE =
  /(?<![\p{L}\p{N}])(?:(?:ч\.|час(?:ть|ти|тью))\s*(\d{1,2})\s*)?(?:ст\.|стать(?:я|и|е|ей|ю))\s*(\d{1,3}(?:\.\d{1,2}){0,2})(?![\p{N}])(?:\s*(?:ч\.|части)\s*(\d{1,2}))?(?:\s*(УК|КоАП|Уголовного\s+кодекса|Кодекса\s+об\s+административных\s+правонарушениях)(?:\s*(?:РФ|России|Российской\s+Федерации))?)?/gu;
const EN_ARTICLE =
  /(?<![\p{L}\p{N}])(?:[Pp]art\s+(\d{1,2})\s+of\s+)?[Aa]rticles?\s+(\d{1,3}(?:\.\d{1,2}){0,2})(?![\p{N}])(?:\s*\(?[Pp]art\s+(\d{1,2})\)?)?(?:\s+of\s+(?:the\s+)?(?:Russian\s+)?(Criminal\s+Code|Code\s+of\s+Administrative\s+Offen[cs]es|Administrative\s+(?:Offen[cs]es\s+)?Code))?/gu;

/** Administrative articles look like 20.2 or 20.3.3; criminal ones like 205.5 or 280.3. */
function inferCode(article: string): 'УК РФ' | 'КоАП РФ' {
  const head = Number(article.split('.')[0]);
  return article.split('.').length === 3 || head < 40 ? 'КоАП РФ' : 'УК РФ';
}

export function findArticles(text: string, language: 'ru' | 'en'): Array<Found<LegalArticle>> {
  const re = language === 'ru' ? RU_ARTICLE : EN_ARTICLE;
  const out: Array<Found<LegalArticle>> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const article = m[2]!;
    const codeWord = (m[4] ?? '').toLowerCase();
    const code: LegalArticle['code'] = !codeWord
      ? inferCode(article)
      : codeWord.startsWith('уk') ||
          codeWord.startsWith('ук') ||
          codeWord.startsWith('уголов') ||
          codeWord.startsWith('criminal')
        ? 'УК РФ'
        : 'КоАП РФ';
    const part = m[1] ?? m[3];
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      value: { code, article, part: part ? Number(part) : null },
    });
  }
  return out;
}

/** A case's name is a proper name and starts with a capital: «сделал дело «повторным»» only describes it. */
const RU_NAMED_CASE =
  /(?<![\p{L}])([Дд]ел(?:о|а|у|е|ом)|ДЕЛ(?:О|А|У|Е|ОМ))\s+((?:\p{Ll}{3,}\s+){0,3})([«"„“])(\p{Lu}[^«»"„“”\n]{1,59})([»"“”])/gu;
/**
 * «дело книжного магазина «Переплёт»», «дела театра «Седьмая студия»»: what the name names may stand between the case
 * and the name, in the genitive; a preposition there makes it what the case is about («дело о «…»», «в отношении»).
 */
const NOT_CASE_OWNER =
  /^(?:о|об|обо|против|в|во|на|по|с|со|из|для|за|отношении|над|под|при|от|до|у|к|и|или|что|как|это|было|был|была|будет|стало|становится|назвали|называют|считают)$/u;
/**
 * A criminal case by its investigators' number: «по уголовному делу № 12602520001000017». Six digits and more: a
 * court's docket number («дело № 1-345/2024») is the court's file, not the case.
 */
const RU_NUMBERED_CASE = /(?<![\p{L}])(?:[Уу]головн\p{L}*\s+)?дел(?:о|а|у|е|ом)\s+№\s*(\d{6,})(?![\d])/gu;
const EN_NUMBERED_CASE = /(?<![\p{L}])(?:[Cc]riminal\s+)?case\s+(?:No\.?|№|number)\s*(\d{6,})(?![\d])/gu;
const RU_ADJECTIVE_CASE =
  /(?<![\p{L}])([\p{Lu}\p{Ll}][\p{Ll}-]+(?:ское|цкое|ского|цкого|скому|цкому|ским|цким|ском|цком))\s+(дел(?:о|а|у|е|ом))(?![\p{L}])/gu;
/**
 * "the Saratov case", "the second Bakhchysarai case", "the Kursk library case": an ordinal tells one case of a place
 * from another, and one lower-case noun may say what the place's case is about.
 */
const EN_NAMED_CASE =
  /(?<![\p{L}])(?:the\s+)?((?:(?:first|second|third|fourth|fifth|sixth|seventh|new)\s+)?(?:\p{Lu}[\p{L}'’-]+\s+){1,3}(?:\p{Ll}{3,}\s+)?)case(?![\p{L}])/gu;
/** "the Kazan criminal case", "the Saratov court case": a lower-case word that only says what kind of case it is. */
const EN_CASE_KIND =
  /^(?:criminal|administrative|civil|court|same|new|old|latest|last|first|whole|entire|appeal|treason|terrorism|extremism|espionage|sabotage|drugs?|murder|fraud|against|of|and|or|the|this|that|his|her|their|its|whose|which|who)$/u;
/** A name starts with a capital: a 'the "justification of terrorism" case' is a case under that charge. */
const EN_QUOTED_CASE = /(?<![\p{L}])(?:the\s+)?[“"](\p{Lu}[^“”"\n]{1,39})[”"]\s+case(?![\p{L}])/gu;
const NOT_CASE_ADJECTIVES = /(?:ческ|уголовн|административн|гражданск|арбитражн)/u;
/** The whole name in quotes, an ordinal or "new" before the place: 'the "third Bakhchysarai case"'. */
const EN_QUOTED_NAMED_CASE =
  /[“"]((?:(?:first|second|third|fourth|fifth|sixth|seventh|new|so-called)\s+)?(?:\p{Lu}[\p{L}'’-]+\s+){1,3})case[”"]/gu;
const EN_NOT_CASE = /^(?:The|This|That|His|Her|Their|Criminal|Court|Same|Administrative|First|Second)$/u;

/** Named cases with their canonical name: «тульского дела» → «тульское дело». */
export function findCases(text: string, language: 'ru' | 'en'): Array<Found<string>> {
  const out: Array<Found<string>> = [];
  // Every pattern needs «дел…» / "case": most sentences have neither, and the patterns are the costly part.
  if (!(language === 'ru' ? /дел/iu : /case/iu).test(text)) return out;
  if (language === 'ru') {
    RU_NAMED_CASE.lastIndex = 0;
    for (let m = RU_NAMED_CASE.exec(text); m !== null; m = RU_NAMED_CASE.exec(text)) {
      const owner = m[2]!.trim().split(/\s+/u).filter(Boolean);
      if (owner.some((w) => NOT_CASE_OWNER.test(w))) continue;
      const open = m[3] === '«' ? '«' : '"';
      const close = m[3] === '«' ? '»' : '"';
      // «ДЕЛО «АБАЛАКСКОГО ТРАКТА»» in a heading in capitals: the name as it is written in a sentence.
      const quoted = m[4]!.trim();
      const name = m[1] === m[1]!.toUpperCase() ? quoted[0] + quoted.slice(1).toLowerCase() : quoted;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        value: ['дело', ...owner, `${open}${name}${close}`].join(' '),
      });
    }
    RU_NUMBERED_CASE.lastIndex = 0;
    for (let m = RU_NUMBERED_CASE.exec(text); m !== null; m = RU_NUMBERED_CASE.exec(text))
      out.push({ start: m.index, end: m.index + m[0].length, value: `уголовное дело № ${m[1]}` });
    RU_ADJECTIVE_CASE.lastIndex = 0;
    for (let m = RU_ADJECTIVE_CASE.exec(text); m !== null; m = RU_ADJECTIVE_CASE.exec(text)) {
      const adjective = m[1]!;
      if (NOT_CASE_ADJECTIVES.test(adjective.toLowerCase())) continue;
      const base = adjective
        .replace(/(?:ского|скому|ским|ском)$/u, 'ское')
        .replace(/(?:цкого|цкому|цким|цком)$/u, 'цкое');
      out.push({ start: m.index, end: m.index + m[0].length, value: `${base} дело` });
    }
  } else {
    EN_NUMBERED_CASE.lastIndex = 0;
    for (let m = EN_NUMBERED_CASE.exec(text); m !== null; m = EN_NUMBERED_CASE.exec(text))
      out.push({ start: m.index, end: m.index + m[0].length, value: `criminal case No. ${m[1]}` });
    EN_QUOTED_CASE.lastIndex = 0;
    for (let m = EN_QUOTED_CASE.exec(text); m !== null; m = EN_QUOTED_CASE.exec(text)) {
      out.push({ start: m.index, end: m.index + m[0].length, value: `the "${m[1]!.trim()}" case` });
    }
    EN_QUOTED_NAMED_CASE.lastIndex = 0;
    for (let m = EN_QUOTED_NAMED_CASE.exec(text); m !== null; m = EN_QUOTED_NAMED_CASE.exec(text)) {
      const words = m[1]!.trim().split(/\s+/);
      if (words.some((w) => EN_NOT_CASE.test(w))) continue;
      out.push({ start: m.index, end: m.index + m[0].length, value: `the ${words.join(' ')} case` });
    }
    EN_NAMED_CASE.lastIndex = 0;
    for (let m = EN_NAMED_CASE.exec(text); m !== null; m = EN_NAMED_CASE.exec(text)) {
      const words = m[1]!.trim().split(/\s+/);
      if (words.some((w) => EN_NOT_CASE.test(w))) continue;
      if (!/^the\s/iu.test(m[0])) continue;
      const last = words.at(-1)!;
      if (/^\p{Ll}/u.test(last) && (EN_CASE_KIND.test(last) || words.length < 2)) continue;
      out.push({ start: m.index, end: m.index + m[0].length, value: `the ${words.join(' ')} case` });
    }
  }
  return out;
}
