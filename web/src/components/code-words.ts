import { useTranslation } from 'react-i18next';
import { useRecordLabels } from './record-labels.js';

/** i18next reads dots as nesting: 'merge.keep-apart' is looked up as 'merge_keep_apart'. */
export const keyOf = (code: string) => code.replace(/[.-]/g, '_');

/** `dateEnd` → `date_end`: the API names fields in camelCase, the database (and so the log) in snake_case. */
export const snakeOf = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Words for the codes the audit log and the record history carry — actions, field names, and values that are codes
 * (statuses, roles, event types) — in the UI language; null (or the value as it is) for a code with no words yet, which
 * is then shown as the code. `action('record.groups')` → 'Access groups of a record changed';
 * `field('dateEnd')` → 'Until'; `value('status', 'in_custody')` → 'In custody'; `action('x.new')` → null.
 */
export function useCodeWords() {
  const { t, i18n } = useTranslation();
  const labels = useRecordLabels();
  const first = (keys: string[]): string | null => {
    const key = keys.find((k) => i18n.exists(k));
    return key ? t(key) : null;
  };
  return {
    /** The audit log's words for an action ('person.update' → 'Person edited'); the history says it of its record. */
    action: (code: string, where: 'audit' | 'history' = 'audit'): string | null =>
      first([...(where === 'history' ? [`history.actions.${keyOf(code)}`] : []), `audit.actions.${keyOf(code)}`]),
    /** A field by its stored or its API name. */
    field: (name: string): string | null => first([`history.fields.${snakeOf(name)}`, `audit.fields.${snakeOf(name)}`]),
    /** A value that is a code, in words ('accepted' → 'Accepted'); anything else as it is. */
    value: (field: string, raw: string): string => {
      switch (snakeOf(field)) {
        case 'status':
        case 'status_override': {
          // A person's status and an event's review status share the name: their codes do not overlap.
          const person = labels.personStatus(raw);
          return person !== raw ? person : labels.reviewStatus(raw);
        }
        case 'review_status':
          return labels.reviewStatus(raw);
        case 'type':
          return labels.eventType(raw);
        case 'confidentiality':
          return t(`source.confidentialityValues.${raw}`, { defaultValue: raw });
        case 'reliability':
          return t(`source.reliabilityValues.${raw}`, { defaultValue: raw });
        case 'role':
          return t(`account.roles.${raw}`, { defaultValue: raw });
        case 'date_precision':
          return t(`event.precision.${raw}`, { defaultValue: raw });
        default:
          return raw;
      }
    },
  };
}
