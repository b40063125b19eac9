import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { MEDIA_TYPE_KEYS } from './media-types.js';

/** A date with the precision it was given: '2020-11' is November 2020, never invented as 1 November. */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/;

export interface Formatters {
  number(value: number): string;
  /** A fraction with exactly `digits` decimals: 0.934 → '0.93' / '0,93'. */
  fixed(value: number, digits: number): string;
  bytes(value: number): string;
  /** '2024-03' → 'March 2024' / 'март 2024 г.'; '2024-03-15' → 'Mar 15, 2024' / '15 мар. 2024 г.' */
  partialDate(value: string | null | undefined): string;
  /** An ISO timestamp → date and time in the reader's locale and time zone. */
  dateTime(value: string | null | undefined): string;
  percent(fraction: number): string;
}

/** Locale-aware formatting with Intl, following the UI language. */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'ru' ? 'ru-RU' : 'en-GB';
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale);
    const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
    const stamp = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      number: (value) => integer.format(value),
      fixed: (value, digits) =>
        new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
      bytes: (value) => {
        const units = ['B', 'KB', 'MB', 'GB'] as const;
        let size = value;
        let unit = 0;
        while (size >= 1024 && unit < units.length - 1) {
          size /= 1024;
          unit += 1;
        }
        return t(`format.bytes.${units[unit]}`, { value: unit === 0 ? integer.format(size) : oneDecimal.format(size) });
      },
      partialDate: (value) => {
        if (!value) return t('format.unknownDate');
        const m = PARTIAL_DATE.exec(value);
        if (!m) return value;
        const [, y, mo, d] = m;
        const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
        if (Number.isNaN(date.getTime())) return value;
        return (d ? day : mo ? month : year).format(date);
      },
      dateTime: (value) => {
        if (!value) return t('format.unknownDate');
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? value : stamp.format(date);
      },
      percent: (fraction) => percent.format(fraction),
    };
  }, [locale, t]);
}

/** The name of a language code in the UI language: 'ru' → 'Russian' / 'русский'. */
export function useLanguageName(): (code: string | null | undefined) => string {
  const { t } = useTranslation();
  return (code) => {
    if (!code) return t('languages.unknown');
    if (code === 'ru' || code === 'en') return t(`languages.${code}`);
    return t('languages.other', { code });
  };
}

/**
 * A source's language as an HTML lang attribute: 'ru' and 'en' as they are; 'other' (or none) names no language,
 * so it gives none — `lang="other"` is no language a screen reader knows.
 */
export function htmlLang(language: string | null | undefined): 'ru' | 'en' | undefined {
  return language === 'ru' || language === 'en' ? language : undefined;
}

/** What kind of document a media type is, in the UI language: 'application/msword' → 'Word 97–2003 (DOC)'. */
export function useMediaTypeName(): (mediaType: string) => string {
  const { t } = useTranslation();
  return (mediaType) => {
    const key = MEDIA_TYPE_KEYS[mediaType];
    return key ? t(`mediaTypes.${key}`) : mediaType;
  };
}
