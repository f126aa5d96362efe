export { MESSAGES, type MessageId } from './catalog.ts';
export type { MessageTemplates } from './catalog-types.ts';
export { NOT_FOUND_SUBJECTS, type NotFoundSubject } from './server-catalog.ts';
export { LABELS, MESSAGE_LANGS, type MessageLang, type LabelTables } from './labels.ts';
export {
  formatMessage, formatNumberIn, isMessageId, localized, messageIdOfText, notFoundSubjectOf, placeholdersOf, textMessage,
  type LocalizedMessage, type MessageParam, type MessageParams,
} from './format.ts';
