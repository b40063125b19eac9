import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../components/states.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('pageNotFound.title')}</h1>
      <EmptyState title={t('pageNotFound.body')}>
        <Link to="/sources" className="button">
          {t('pageNotFound.back')}
        </Link>
      </EmptyState>
    </div>
  );
}
