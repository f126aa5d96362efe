/**
 * Formats a catalog message in a language: `formatMessage('en', id, params)`. Numbers are written
 * with a decimal comma in Vietnamese (73,79) and a point in English (73.79); instants as
 * "15/11/2025 17:00" in Vietnam time in both (the day alone at midnight or 23:59).
 */
import { formatInstantVn } from '../workflow/calendar.ts';
import { MESSAGES, type MessageId } from './catalog.ts';
import { LABELS, type MessageLang } from './labels.ts';
import { NOT_FOUND_SUBJECTS } from './server-catalog.ts';

/** A parameter: text, a number (counts, points as a plain decimal "2.5"), an instant, or a list of codes. */
export type MessageParam = string | number | readonly string[];
export type MessageParams = Readonly<Record<string, MessageParam>>;

/** A message as the core and the server carry it: its id and parameters, and the Vietnamese text. */
export interface LocalizedMessage {
  readonly messageId: MessageId;
  readonly params: MessageParams;
  /** Vietnamese, formatted from the catalog. */
  readonly message: string;
}

const PLACEHOLDER = /\{(\w+)(?:\|([\w|]+))?\}/g;

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(MESSAGES, id);
}

/** A plain decimal ("73.79", 2.5) for people: "73,79" in Vietnamese, "73.79" in English. */
export function formatNumberIn(lang: MessageLang, n: number | string): string {
  const text = String(n);
  return lang === 'vi' ? text.replace('.', ',') : text;
}

function label(table: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(table, code) ? table[code]! : code;
}

function formatParam(lang: MessageLang, value: MessageParam | undefined, formats: readonly string[]): string {
  if (value === undefined) return '';
  const labels = LABELS[lang];
  let text: string;
  const first = typeof value === 'string' || typeof value === 'number' ? String(value) : value.join(', ');
  switch (formats[0]) {
    case 'number':
      text = formatNumberIn(lang, first);
      break;
    case 'datetime':
      text = typeof value === 'number' ? formatInstantVn(value) : first;
      break;
    case 'scoreValue':
      text = first === 'na' ? (lang === 'vi' ? 'không áp dụng' : 'not applicable')
        : first === '' ? (lang === 'vi' ? 'chưa có' : 'none')
          : `${formatNumberIn(lang, first)} ${lang === 'vi' ? 'điểm' : 'points'}`;
      break;
    case 'roles':
      text = (typeof value === 'object' ? value : [first]).map((r) => label(labels.role, r)).join(', ');
      break;
    case 'unitAction':
    case 'unitState':
    case 'criterionStatus':
    case 'criterionCommand':
      text = label(labels[formats[0]], first);
      break;
    case 'subject':
      text = Object.hasOwn(NOT_FOUND_SUBJECTS, first) ? NOT_FOUND_SUBJECTS[first as keyof typeof NOT_FOUND_SUBJECTS][lang] : first;
      break;
    default:
      text = first;
  }
  return formats.includes('lower') ? text.toLowerCase() : text;
}

type Part = string | { readonly name: string; readonly formats: readonly string[] };
const compiled = new Map<string, readonly Part[]>();

/** A template split once into its text and placeholders (refusals are formatted in hot loops). */
function partsOf(template: string): readonly Part[] {
  let parts = compiled.get(template);
  if (!parts) {
    const out: Part[] = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      if (m.index > last) out.push(template.slice(last, m.index));
      out.push({ name: m[1]!, formats: m[2] ? m[2].split('|') : [] });
      last = m.index + m[0].length;
    }
    if (last < template.length) out.push(template.slice(last));
    parts = out;
    compiled.set(template, parts);
  }
  return parts;
}

/** The message `id` in `lang`, its placeholders filled from `params`. */
export function formatMessage(lang: MessageLang, id: MessageId, params: MessageParams = {}): string {
  let text = '';
  for (const p of partsOf(MESSAGES[id][lang])) text += typeof p === 'string' ? p : formatParam(lang, params[p.name], p.formats);
  return text;
}

/** The names of a template's placeholders, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** The message for the core and the server to carry: id, parameters and the Vietnamese text. */
export function localized(messageId: MessageId, params: MessageParams = {}): LocalizedMessage {
  return { messageId, params, message: formatMessage('vi', messageId, params) };
}

let byText: Map<string, MessageId> | undefined;

/**
 * The catalog id of a message without parameters given by its Vietnamese text, so a refusal or
 * error raised with a literal sentence still carries its id. Undefined for anything else.
 */
export function messageIdOfText(vi: string): MessageId | undefined {
  byText ??= new Map((Object.keys(MESSAGES) as MessageId[]).filter((id) => placeholdersOf(MESSAGES[id].vi).length === 0).map((id) => [MESSAGES[id].vi, id]));
  return byText.get(vi);
}

/** A text as a message: with its catalog id when it is a catalog message without parameters. */
export function textMessage(vi: string): { readonly message: string; readonly messageId?: MessageId; readonly params?: MessageParams } {
  const messageId = messageIdOfText(vi);
  return messageId ? { message: vi, messageId, params: {} } : { message: vi };
}

/** The key of a not-found subject given by its Vietnamese name ("kỳ đánh giá" → "cycle"). */
export function notFoundSubjectOf(vi: string): keyof typeof NOT_FOUND_SUBJECTS | undefined {
  return (Object.keys(NOT_FOUND_SUBJECTS) as (keyof typeof NOT_FOUND_SUBJECTS)[]).find((k) => NOT_FOUND_SUBJECTS[k].vi === vi);
}
