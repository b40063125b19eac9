/**
 * What keeps a cue from making an event: a sentence that tells no acts at all (a condition, a label, a plan, a tally,
 * a question, advice to the reader), and a cue that names an act the sentence does not report as done (a hearing
 * set or that was to take place, a measure left unchanged, a verdict entering into force or quashed, the accused
 * named by role, a card's label for the defendant). Negation, petitions and denials are found in `event-cues.ts`;
 * these rules sit over them.
 */
import { QUOTED_SPANS } from '../segment.js';
import type { EventType } from '../types.js';
import { isAnaphoricNoun, isConditional, isDeniedAfter, isPetitioned } from './event-cues.js';

/** «В случае возвращения его задержат», "If convicted, he faces …": the whole sentence is a condition. */
const HYPOTHETICAL_START = /^\s*(?:в\s+случае|если|if|should\s+(?:he|she|they)|unless)(?![\p{L}])/iu;
/** "Detentions." over a list: one or two words alone, a label rather than a sentence. */
export const LABEL_ONLY = /^\s*[\p{L}-]+(?:\s+[\p{L}-]+)?\s*[.:]?\s*$/u;
/**
 * "Who was detained.", «Кого задержали»: a section's title that asks what the section answers, told as a statement.
 * Not "when" or «как», which open clauses («Когда её задержали, она …»).
 */
const WH_HEADING =
  /^\s*(?:who|whom|what|why|where|кто|кого|кому|что|почему|зачем|где|за\s+что)(?:\s+[\p{L}-]+){1,4}\s*[.:]?\s*$/iu;
/** "Next steps: appeal on the extension, complaint …", «Дальнейшие шаги: …»: what is yet to be done. */
const PLAN_LABEL =
  /^\s*(?:next\s+steps?|what\s+next|plans?|to\s+do|дальнейшие\s+шаги|следующие\s+шаги|план\p{L}*|что\s+дальше)\s*:/iu;
/**
 * "Since 2022, hundreds of people in Russia have been prosecuted", «с 2024 года возбуждено не менее 14 аналогичных
 * дел»: a count of many people's acts over years, naming none of them, is a tally, not an act of the report's.
 */
const TALLY_PERIOD =
  /(?<![\p{L}])(?:since\s+(?:\d{4}|the\s+(?:start|beginning))|in\s+recent\s+years|over\s+the\s+(?:past|last)\s+(?:[\p{L}\d]+\s+)?years|с\s+(?:\d{4}\s+года|начала\s+\p{L}+)|за\s+последни[ейх]\s+(?:[\p{L}\d]+\s+)?(?:год|года|лет)|в\s+последние\s+годы)(?![\p{L}])/iu;
const TALLY_COUNT =
  /(?<![\p{L}])(?:(?:hundreds|thousands|dozens|scores)\s+of|(?:more\s+than|over|at\s+least|nearly|almost)\s+\d[\d,]*\s+(?:[\p{L}-]+\s+){0,3}?(?:people|persons|cases|activists|residents|Russians)|(?:сотни|сотен|тысячи|тысяч|десятки|десятков)\s+(?:\p{L}+\s+)?(?:человек|людей|активистов|жителей|граждан|россиян|дел)|(?:более|свыше|не\s+менее|около|почти)\s+\d[\d\s]*\s+(?:\p{L}+\s+){0,2}?(?:человек|дел|активистов|жителей))(?![\p{L}])/iu;
/**
 * «• 2 человека внесены в реестр иностранных агентов;», «• не менее 63 задержаний в 9 городах» under «Неделя в цифрах»: a
 * bullet that opens with a count of people or acts, naming none of them, is a statistic.
 */
const TALLY_BULLET =
  /^\s*[•●▪*]\s*(?:(?:не\s+менее|не\s+более|более|около|свыше|почти)\s+)?\d[\d\s]*\s+(?:[\p{L}«»"-]+\s+){0,2}?(?:человек|задержани|приговор|дел(?:о|а)?(?![\p{L}])|дел(?:ам|ах)|обыск|штраф|арест|протокол)\p{L}*/iu;
/** `4. ^ "Deputy fined after landfill rally". Tomsk Evening.`: a reference list's entry cites a headline, tells nothing. */
const CITATION_LINE = /(?:^|\n)[^\S\n]*(?:\d{1,3}\.\s*)?[\^↑]/u;
/** "An earlier version of this article said that she was fined": what the report no longer says. */
const RETRACTED =
  /(?<![\p{L}])(?:an\s+earlier\s+version\s+of\s+this|в\s+(?:предыдущей|первоначальной|прежней)\s+версии)(?![\p{L}])/iu;
/** A sentence that ends in a question mark, a closing quote or bracket after it allowed. */
const QUESTION = /\?\s*[»"”’)\]]*\s*$/u;
/** The reader addressed: "you", «вас». */
const READER = /(?<![\p{L}])(?:you|your|yours|вы|вас|вам|вами|ваш\p{L}*)(?![\p{L}])/iu;
/** «Сообщите о задержании нам», "Ask for the reason for the detention": a sentence opening with a request. */
const RU_IMPERATIVE_START = /^[\s«"„“(—–-]*\p{Lu}\p{Ll}+(?:ите|йте)(?![\p{L}])/u;
const EN_IMPERATIVE_START =
  /^[\s"“(—–-]*(?:ask|call|save|write|keep|remember|tell|take|bring|don['’]t|do\s+not|try|contact|send|report|check|make\s+sure|never|always|come|join|attend|follow|share|sign|donate)(?![\p{L}])/iu;

/** What is known of a sentence beside its text. */
export interface SentenceFacts {
  /** A date stands in the sentence. */
  dated: boolean;
  /** A person is named in it as someone an act could befall. */
  namesSomeone: boolean;
  /** It sits under a heading, where a label of a word or two is the entry's act ("Verdict."). */
  underHeading: boolean;
}

/**
 * Whether a sentence tells no act, whatever cues it holds: a condition («В случае возвращения его задержат»), a label
 * ("Detentions.") unless under a heading, a section's title, a plan, a tally over years naming nobody, a citation,
 * our own retraction. A question asks rather than tells ("What if the court gives me an arrest?"), and words to the
 * reader that name nobody are advice («Если суд дал арест, вас повезут в спецприёмник») — unless a date says when it
 * happened («Вас задержали 19 ноября?», asked in an interview).
 */
export function tellsNoActs(text: string, language: 'ru' | 'en', facts: SentenceFacts): boolean {
  const question = !facts.dated && QUESTION.test(text);
  const advice =
    !facts.dated &&
    !facts.namesSomeone &&
    (READER.test(text.replace(QUOTED_SPANS, ' ')) ||
      (language === 'ru' ? RU_IMPERATIVE_START : EN_IMPERATIVE_START).test(text));
  return (
    HYPOTHETICAL_START.test(text) ||
    (LABEL_ONLY.test(text) && !facts.underHeading) ||
    WH_HEADING.test(text) ||
    PLAN_LABEL.test(text) ||
    (!facts.namesSomeone && TALLY_PERIOD.test(text) && TALLY_COUNT.test(text)) ||
    (!facts.namesSomeone && TALLY_BULLET.test(text)) ||
    CITATION_LINE.test(text) ||
    RETRACTED.test(text) ||
    question ||
    advice
  );
}

/** A threat's cue: the threat is the act, whatever condition it named. */
const THREAT = /^(?:threat|угро[зж])/iu;
/** «Заседание должно было пройти 3 декабря, но…», "was supposed to take place": a hearing that did not happen. */
const SUPPOSED_TO =
  /(?<![\p{L}])(?:(?:was|were)\s+(?:supposed|due|scheduled|set|expected)\s+to\s+(?:take\s+place|be\s+held|begin|start|open|resume|continue)|должн\p{L}*\s+был\p{L}*\s+(?:пройти|состояться|начаться|продолжиться|возобновиться))(?![\p{L}])/iu;
/**
 * «Решение вопроса о назначении дела к слушанию … Назначено судебное заседание», "Decision on the appointment of the
 * case to the court session", "a hearing was scheduled": a hearing set, not held.
 */
const HEARING_SET =
  /(?<![\p{L}])(?:назначени\p{L}*\s+(?:дела\s+)?(?:к\s+слушани\p{L}*|к\s+судебному\s+разбирательству|судебного\s+заседания)|назначен[оа]?\s+(?:судебное\s+)?(?:заседание|слушание)|(?:судебное\s+)?(?:заседание|слушание)\s+(?:по\s+\p{L}+\s+)?назначен[оа]?|appointment\s+of\s+the\s+case\s+to\s+(?:the\s+)?court\s+session|(?:hearing|session|trial)\s+(?:was\s+|has\s+been\s+|is\s+)?(?:scheduled|set|appointed)|(?:scheduled|set|appointed)\s+(?:a|the)\s+(?:hearing|court\s+session))(?![\p{L}])/giu;
/** "who has come to every hearing", «ходит на все заседания»: hearings counted together, no one held on a day. */
const EVERY_BEFORE =
  /(?<![\p{L}])(?:every|each|all(?:\s+(?:the|his|her|their|of\s+the))?|кажд\p{L}+|все|всех)\s+(?:(?:court|судебн\p{L}*)\s+)?$/iu;
/**
 * «Мера пресечения в виде заключения под стражу оставлена без изменения», "the measure of restraint is left
 * unchanged": the measure ordered before stays, and no new one is ordered (an appeal that upholds an extension names
 * the extension: «оставил без изменения продление ареста»).
 */
const MEASURE_UNCHANGED =
  /(?<![\p{L}])(?:мер[аыуе]\s+пресечения[^.;|\t]{0,120}?(?:оставлен\p{L}*|оставить|оставил\p{L}*|остав\p{L}*\s+прежней)\s+без\s+изменени\p{L}*|(?:measure\s+of\s+restraint|preventive\s+measure)[^.;|\t]{0,80}?(?:is|was|remains?|remained|left|has\s+been\s+left)\s+(?:left\s+)?unchanged)/giu;
/** "Verdict promised at 17:00", "the verdict is expected on Friday": a verdict still to come. */
const VERDICT_AHEAD = /^\s*(?:(?:is|was|are|were)\s+)?(?:promised|expected|due|scheduled|planned)(?![\p{L}])/iu;
/** «домашний арест отменён», «отменил ей меру пресечения»: the measure is lifted, which is a release, not an order. */
const MEASURE_LIFTED =
  /(?<![\p{L}])(?:(?:домашн\p{L}*\s+арест\p{L}*|мер\p{L}*\s+пресечени\p{L}*)\s+(?:(?:был\p{L}*|ей|ему|им)\s+)?отмен\p{L}*|отмени(?:л|ла|ли)\s+(?:\p{L}+\s+){0,3}?(?:домашн\p{L}*\s+арест\p{L}*|мер\p{L}*\s+пресечени\p{L}*))/giu;
/**
 * «до дня вступления приговора в законную силу», "until the verdict enters into force": when a term starts or a
 * measure ends, which names the verdict rather than passes one.
 */
const VERDICT_IN_FORCE =
  /(?<![\p{L}])(?:дн\p{L}*\s+вступлени\p{L}*\s+приговора|вступлени\p{L}*\s+приговора\s+в\s+законную\s+силу|(?:verdict|sentence)\s+(?:enters|entered|comes|came)\s+into\s+(?:legal\s+)?force)/giu;
/**
 * «назначено наказание в виде штрафа в размере 150 000 рублей»: a verdict whose penalty is a fine is the fine, unless
 * the sentence also names a term («… 2 года лишения свободы условно, …»).
 */
const FINE_PENALTY = /(?<![\p{L}])наказани\p{L}*\s+в\s+виде\s+(?:судебного\s+)?штраф/iu;
const TERM_PENALTY =
  /(?<![\p{L}])(?:лишени\p{L}*\s+свободы|колони\p{L}*|условн\p{L}*|(?:принудительн|обязательн|исправительн)\p{L}*\s+работ|ограничени\p{L}*\s+свободы)/iu;
/** «Приговор отменён», "overturned the verdict": the verdict is annulled, and no one is sentenced by it. */
const QUASHED =
  /(?<![\p{L}])(?:отмени(?:ть|л|ла|ли)|отмен[её]н\p{L}*|overturned|overturn|quashed|quash|annulled|set\s+aside)(?![\p{L}])/iu;
/**
 * A court card's row or field for a defendant: «ПОДСУДИМЫЙ (ОБВИНЯЕМЫЙ, ОСУЖДЕННЫЙ) ⇥ Варфоломеев Илья Сергеевич»,
 * "DEFENDANT (ACCUSED) | Lysenko Maksim Olegovich", «Обвиняемый: Гусев П. О.» — the label, then the person.
 */
export const DEFENDANT_LABEL =
  /^[\s|]*(?:подсудим(?:ый|ая|ые)|обвиняем(?:ый|ая|ые)|осужд[её]нн(?:ый|ая|ые)|defendants?|accused|convicted)(?![\p{L}])\s*(?:\([^()\n|\t]{0,80}\)\s*)?[|\t:]/iu;
/**
 * «Обвиняемый Зарубин Г. А. вину не признал», «Вторая обвиняемая, Нина Соколовская, уехала», «в отношении обвиняемой
 * избрана мера пресечения»: the accused named by their role, which tells no charge of its own (the charge is told where
 * it was brought) — unless what she is accused of follows («обвиняемой в госизмене»).
 */
const ACCUSED_ROLE = /^обвиняем(?:ый|ая|ого|ой|ому|ым|ую|ые|ых|ыми)$/iu;
/**
 * "the sound engineer accused of spreading fakes", "Lev Marin, accused of treason, …": the participle after a noun
 * describes the person, as «обвиняемый в» does; "was accused of", "formally accused of" tell the charge.
 */
const EN_ACCUSED_OF = /^accused\s+of(?![\p{L}])/iu;
const EN_CHARGE_TOLD_BEFORE =
  /(?<![\p{L}])(?:was|were|is|are|be|been|being|had|has|have|also|then|not|now|already|first|later|\p{L}+ly)\s+$/iu;
const NAME_FOLLOWS = /^[\s,]+\p{Lu}/u;
const ACCUSATION_FOLLOWS = /^\s+(?:в|по)\s/iu;
/**
 * «суд отказал ему в условно-досрочном освобождении», «в УДО отказано»: a release refused, which did not happen.
 */
const RELEASE_REFUSED =
  /(?<![\p{L}])(?:отказ\p{L}*\s+(?:[\p{L}-]+\s+){0,3}?в\s+(?:условно-досрочном\s+)?освобождени\p{L}*|(?:условно-досрочн\p{L}*\s+)?освобождени\p{L}*\s+(?:[\p{L}-]+\s+){0,2}?отказа\p{L}*)/giu;
/** «задержали бы», «арестовали бы его»: the subjunctive right after the verb, what would have happened. */
const SUBJUNCTIVE_AFTER = /^\s+бы(?![\p{L}])/iu;
/** «Задержанную отпустили без протокола»: the detainee's release, no detention of its own. */
const DETAINEE_RELEASED = /^задержанн\p{L}*\s+(?:\p{L}+\s+)?(?:отпустил\p{L}*|освободил\p{L}*|выпустил\p{L}*)/iu;

/** «Их привели в наручниках», «вывели из квартиры в наручниках»: a convoy's routine, not ill-treatment of its own. */
const HANDCUFFS = /^в\s+наручниках$/iu;
const ESCORTED_BEFORE =
  /(?<![\p{L}])(?:(?:при|вы|за|в|у|от|под)?(?:вел|вели|вела|вёл|водил\p{L}*|водят|везли|везл\p{L}*|вез[её]н\p{L}*)|доставил\p{L}*|доставлен\p{L}*|конвоир\p{L}*|этапир\p{L}*)\s+(?:[\p{L}-]+\s+){0,3}?$/iu;

/** Whether `at` falls inside one of the matches. */
function within(matches: Iterable<RegExpMatchArray>, at: number): boolean {
  for (const m of matches) if (at >= m.index! && at < m.index! + m[0].length) return true;
  return false;
}

/** A cue found in a sentence's text. */
export interface SentenceCue {
  type: EventType;
  /** Where the cue starts in the sentence's text. */
  index: number;
  text: string;
}

/**
 * A test, for the cues of one sentence that reports acts, of whether a cue still tells no act of its own: a condition
 * after it, a petition for it, a denial after it, or a rule of its type below. Each pattern runs over the sentence
 * once, on the first cue that asks for it, not again for every cue.
 */
export function cueTellsNoAct(text: string, language: 'ru' | 'en'): (cue: SentenceCue) => boolean {
  const found = new Map<RegExp, RegExpMatchArray[]>();
  const matchesOf = (pattern: RegExp) => {
    let matches = found.get(pattern);
    if (!matches) {
      matches = [...text.matchAll(pattern)];
      found.set(pattern, matches);
    }
    return matches;
  };
  let supposedTo: boolean | undefined;
  let defendantLabelEnd: number | undefined;
  let finePenalty: boolean | undefined;
  return ({ type, index, text: cue }) => {
    const after = index + cue.length;
    // "threatened to send her to the front if she did not unlock her phone": the threat itself was made.
    if (isConditional(text, after) && !(type === 'ill_treatment' && THREAT.test(cue))) return true;
    if (isPetitioned(text, index, language) || isDeniedAfter(text, after, language)) return true;
    if (language === 'ru' && SUBJUNCTIVE_AFTER.test(text.slice(after, after + 4))) return true;
    switch (type) {
      case 'hearing':
        supposedTo ??= SUPPOSED_TO.test(text);
        return (
          supposedTo ||
          within(matchesOf(HEARING_SET), index) ||
          EVERY_BEFORE.test(text.slice(Math.max(0, index - 24), index))
        );
      case 'custody':
        return within(matchesOf(MEASURE_UNCHANGED), index) || within(matchesOf(MEASURE_LIFTED), index);
      case 'sentence':
        finePenalty ??= FINE_PENALTY.test(text) && !TERM_PENALTY.test(text);
        return (
          finePenalty ||
          within(matchesOf(VERDICT_IN_FORCE), index) ||
          VERDICT_AHEAD.test(text.slice(after)) ||
          (isAnaphoricNoun(type, cue) && QUASHED.test(text.slice(Math.max(0, index - 30), after + 30)))
        );
      case 'charge':
        // "DEFENDANT (ACCUSED) | Lysenko Maksim Olegovich": a card's label for the party, no charge.
        defendantLabelEnd ??= DEFENDANT_LABEL.exec(text)?.[0].length ?? 0;
        return (
          (ACCUSED_ROLE.test(cue) &&
            (NAME_FOLLOWS.test(text.slice(after)) || !ACCUSATION_FOLLOWS.test(text.slice(after)))) ||
          index < defendantLabelEnd ||
          (EN_ACCUSED_OF.test(text.slice(index)) &&
            !EN_CHARGE_TOLD_BEFORE.test(text.slice(Math.max(0, index - 24), index)))
        );
      case 'detention':
        return DETAINEE_RELEASED.test(text.slice(index));
      case 'release':
        return within(matchesOf(RELEASE_REFUSED), index);
      case 'ill_treatment':
        return HANDCUFFS.test(cue) && ESCORTED_BEFORE.test(text.slice(Math.max(0, index - 60), index));
      default:
        return false;
    }
  };
}
