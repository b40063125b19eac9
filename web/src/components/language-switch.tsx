import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LANGUAGES, type Language, rememberLanguage } from '../i18n/index.js';

/** EN / RU, always visible. Switching also rewrites `?lang=` if the address carries one, so a reload keeps it. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const choose = (language: Language) => {
    rememberLanguage(language);
    void i18n.changeLanguage(language);
    if (params.has('lang')) {
      const next = new URLSearchParams(params);
      next.set('lang', language);
      setParams(next, { replace: true });
    }
  };
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('language.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          aria-label={t(`language.${language}`)}
          className={i18n.language === language ? 'language-switch__option is-active' : 'language-switch__option'}
          onClick={() => choose(language)}
        >
          {t(`language.${language}Short`)}
        </button>
      ))}
    </fieldset>
  );
}
