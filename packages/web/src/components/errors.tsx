import { Alert, Button, Result } from 'antd';
import type { TFunction } from 'i18next';
import { type MessageParams, isMessageId } from '@chiso/core';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { isApiError } from '../api/client';
import { catalogText, useCatalogText } from './catalog-text';

/**
 * The message to show for an error: the catalog message in the chosen language when the server
 * named one; else the server's Vietnamese message in Vietnamese, and the code translated otherwise.
 */
export function errorMessageOf(e: unknown, language: string, t: TFunction): string {
  if (!isApiError(e)) return t('errors.unexpected');
  if (e.messageId && isMessageId(e.messageId)) return catalogText({ message: e.message, messageId: e.messageId, params: e.params }, language);
  if (language === 'vi' && e.message) return e.message;
  if (e.code === 'RATE_LIMITED' && e.retryAfter !== undefined) return t('errors.retryAfter', { count: e.retryAfter });
  return t(`errors.codes.${e.code}`, { defaultValue: e.message });
}

export function useErrorMessage(): (e: unknown) => string {
  const { t, i18n } = useTranslation();
  return (e: unknown) => errorMessageOf(e, i18n.language, t);
}

/**
 * The server's own sentence for a refusal (e.g. “Kỳ đánh giá này do đơn vị khác tổ chức, không thuộc
 * phạm vi của bạn.”), in the chosen language; null when it said only the generic “not allowed”, for
 * which the refusal page keeps its own text.
 */
export function refusalSentenceOf(e: unknown, language: string, t: TFunction): string | null {
  if (!isApiError(e) || !e.message || e.messageId === 'error.forbidden') return null;
  if (!e.messageId && language !== 'vi') return null;
  return errorMessageOf(e, language, t);
}

export function Forbidden({ error }: { error?: unknown }) {
  const { t, i18n } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={refusalSentenceOf(error, i18n.language, t) ?? t('errors.forbiddenText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('nav.home')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundText')}
      extra={
        <Link to="/">
          <Button type="primary">{t('nav.home')}</Button>
        </Link>
      }
    />
  );
}

/** Full-page state for a failed query: 403 and 404 get their own page, others an alert with retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const msg = useErrorMessage();
  if (isApiError(error) && error.status === 403 && error.code === 'FORBIDDEN') return <Forbidden error={error} />;
  if (isApiError(error) && error.status === 404) return <NotFound />;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('errors.loadFailed')}
      description={msg(error)}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}

/** Summary of a failed save: the server's message and any details that matched no field. */
export function SaveError({ error, extra }: { error: unknown; extra?: { message: string; messageId?: string; params?: MessageParams; line?: number }[] }) {
  const msg = useErrorMessage();
  const text = useCatalogText();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={msg(error)}
      description={
        extra && extra.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {extra.map((d, i) => (
              <li key={i}>{text(d)}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
