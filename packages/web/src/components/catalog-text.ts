/**
 * A message from the core or the server in the chosen language: the catalog's template when it
 * carries a known `messageId`, else its Vietnamese `message` as the server sent it.
 */
import { useTranslation } from 'react-i18next';
import { LABELS, type MessageParams, type UnitAction, formatMessage, isMessageId } from '@chiso/core';

export interface CatalogMessage {
  readonly message: string;
  readonly messageId?: string | undefined;
  readonly params?: MessageParams | undefined;
}

export function catalogText(m: CatalogMessage, language: string): string {
  if (!m.messageId || !isMessageId(m.messageId)) return m.message;
  return formatMessage(language === 'en' ? 'en' : 'vi', m.messageId, m.params ?? {});
}

/** `catalogText` in the current language. */
export function useCatalogText(): (m: CatalogMessage) => string {
  const { i18n } = useTranslation();
  return (m: CatalogMessage) => catalogText(m, i18n.language);
}

/** A unit action's name in the language (the catalog's labels). */
export function unitActionLabel(action: UnitAction, language: string): string {
  return LABELS[language === 'en' ? 'en' : 'vi'].unitAction[action];
}
