import { useTranslation } from 'react-i18next';
import type { Article } from '../api/types.js';

/** `{ code: 'УК РФ', article: '207.3', part: 2 }` → 'ч. 2 ст. 207.3 УК РФ' / 'Art. 207.3 Part 2 УК РФ'. */
export function useArticleLabel(): (a: Article) => string {
  const { t } = useTranslation();
  return (a) =>
    (a.part != null
      ? t('cases.articleWithPart', { article: a.article, part: a.part, code: a.code ?? '' })
      : t('cases.article', { article: a.article, code: a.code ?? '' })
    ).trim();
}

/** A party's role in the UI language ('defendant' → 'defendant' / 'обвиняемый'), unknown roles as they are. */
export function useRoleLabel(): (role: string) => string {
  const { t } = useTranslation();
  return (role) => t(`person.roles.${role}`, { defaultValue: role });
}
