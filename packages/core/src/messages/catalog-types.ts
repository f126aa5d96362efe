/** One message in both languages (see catalog.ts for the placeholders). */
export interface MessageTemplates {
  readonly vi: string;
  readonly en: string;
}
