/**
 * The respondent's answers kept on the phone (localStorage, per link) on every change, so a closed
 * tab, a reload or a dropped connection loses nothing; removed once the answer has been received.
 * The client key is made once per link and sent with every try: the server takes a retry as the
 * same answer.
 */
export interface SurveyDraft {
  clientKey: string;
  startedAt: string;
  answers: Record<string, string>;
}

const keyOf = (token: string) => `chiso.survey-form.${token}`;

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers on plain http: a version-4 UUID from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function loadDraft(token: string, now = new Date()): SurveyDraft {
  try {
    const saved = JSON.parse(localStorage.getItem(keyOf(token)) ?? 'null') as Partial<SurveyDraft> | null;
    if (saved && typeof saved.clientKey === 'string' && typeof saved.startedAt === 'string' && saved.answers && typeof saved.answers === 'object') {
      return { clientKey: saved.clientKey, startedAt: saved.startedAt, answers: Object.fromEntries(Object.entries(saved.answers).filter(([, v]) => typeof v === 'string')) };
    }
  } catch {
    // Storage off (private mode) or a damaged entry: start afresh.
  }
  return { clientKey: newKey(), startedAt: now.toISOString(), answers: {} };
}

export function saveDraft(token: string, draft: SurveyDraft): void {
  try {
    localStorage.setItem(keyOf(token), JSON.stringify(draft));
  } catch {
    // Full or disabled storage: the form still works, only without keeping the answers.
  }
}

export function clearDraft(token: string): void {
  try {
    localStorage.removeItem(keyOf(token));
  } catch {
    // Nothing to clear.
  }
}
