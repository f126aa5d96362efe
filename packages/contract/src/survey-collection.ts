// Survey (issue 13), collection online: single-use links, QR slips, the anonymous form, reminders.
// See docs/api.md "Survey: collection".
import { z } from 'zod';
import { MAX_TEXT_ANSWER } from '@chiso/core';
import { booleanFlag, id, instant } from './common';
import { surveyChoiceSchema, surveyQuestionSchema } from './surveys';

/** How a link reaches a respondent: drawn from a list (`sample`), printed at the counter, shared in chat or e-mail. */
export const INVITATION_CHANNELS = ['sample', 'counter', 'shared'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];
export const invitationChannelSchema = z.enum(INVITATION_CHANNELS);

/** A link's state: not opened yet, opened, answered (used), revoked. */
export const INVITATION_STATES = ['new', 'opened', 'used', 'revoked'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

/** Most anonymous links made at once per rated unit. */
export const MAX_LINKS_PER_UNIT = 2000;

export const surveyCollectionParams = z.object({ id });
export const invitationParams = z.object({ id, invitationId: id });

/** A batch of anonymous links per rated unit: one unit, or every unit the questionnaire rates. */
export const createInvitationsBody = z
  .object({
    questionnaireId: id,
    unitId: id.optional(),
    allUnits: z.boolean().optional(),
    count: z.number({ error: 'Hãy nhập số đường dẫn.' }).int({ error: 'Số đường dẫn là số nguyên.' })
      .min(1, { error: 'Tạo ít nhất 1 đường dẫn.' }).max(MAX_LINKS_PER_UNIT, { error: `Mỗi lần tạo nhiều nhất ${MAX_LINKS_PER_UNIT} đường dẫn cho một đơn vị.` }),
    channel: z.enum(['counter', 'shared'], { error: 'Cách phát là “counter” (in tại bộ phận một cửa) hoặc “shared” (gửi qua tin nhắn, thư).' }),
  })
  .refine((b) => (b.unitId !== undefined) !== (b.allUnits === true), { error: 'Chọn một đơn vị được đánh giá hoặc “tất cả đơn vị”.', path: ['unitId'] });
export type CreateInvitationsBody = z.input<typeof createInvitationsBody>;

export const invitationsCreatedSchema = z.object({ created: z.number().int(), units: z.number().int() });

/** Counts of one questionnaire × rated unit: the quota, the links and the answers from every channel. */
export const invitationCountsSchema = z.object({
  questionnaireId: id,
  questionnaireCode: z.string(),
  unitId: id,
  unitCode: z.string(),
  unitName: z.string(),
  /** Answers the unit should get (null: no quota set). */
  quota: z.number().int().nullable(),
  created: z.number().int(),
  opened: z.number().int(),
  /** Links answered. */
  used: z.number().int(),
  revoked: z.number().int(),
  /** Sampled respondents' links with an e-mail address, not answered, not revoked (who a reminder reaches). */
  remindable: z.number().int(),
  /** Responses of every channel (link, paper, import). */
  responses: z.number().int(),
});
export type InvitationCounts = z.output<typeof invitationCountsSchema>;

export const invitationQuestionnaireSchema = z.object({ id, code: z.string(), title: z.string(), hasVersion: z.boolean() });

export const invitationOverviewSchema = z.object({
  surveyId: id,
  surveyName: z.string(),
  status: z.enum(['draft', 'open', 'closed']),
  /** Whether the reader runs the survey (creates, revokes, downloads links, sends reminders). */
  mayManage: z.boolean(),
  questionnaires: z.array(invitationQuestionnaireSchema),
  rows: z.array(invitationCountsSchema),
});
export type InvitationOverview = z.output<typeof invitationOverviewSchema>;

export const invitationLinksQuery = z.object({
  questionnaireId: id,
  unitId: id.optional(),
  state: z.enum(INVITATION_STATES).optional(),
});

/** One link, for its administrator only: never with answers. Opened and used are kept to the day (see docs/architecture.md). */
export const invitationLinkSchema = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  channel: invitationChannelSchema,
  url: z.string(),
  state: z.enum(INVITATION_STATES),
  createdAt: instant,
  sentAt: instant.nullable(),
  remindedAt: instant.nullable(),
  /** A sampled respondent's name (null for anonymous links or once personal data was removed). */
  respondentName: z.string().nullable(),
  hasEmail: z.boolean(),
});
export type InvitationLink = z.output<typeof invitationLinkSchema>;
export const invitationLinksSchema = z.object({ items: z.array(invitationLinkSchema), total: z.number().int() });

/** Which links a download or a QR sheet holds. */
export const invitationFileQuery = z.object({
  questionnaireId: id,
  unitId: id.optional(),
  channel: invitationChannelSchema.optional(),
  /** Only links not answered nor revoked (the default for QR slips). */
  unusedOnly: booleanFlag,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

export const revokeInvitationsBody = z
  .object({
    ids: z.array(id).max(5000).optional(),
    /** Every unused link of the questionnaire (and unit). */
    questionnaireId: id.optional(),
    unitId: id.optional(),
    reason: z.string().trim().min(1, { error: 'Hãy nhập lý do thu hồi.' }).max(1000, { error: 'Lý do dài quá 1000 ký tự.' }),
  })
  .refine((b) => (b.ids !== undefined && b.ids.length > 0) !== (b.questionnaireId !== undefined), { error: 'Chọn các đường dẫn cần thu hồi, hoặc một phiếu hỏi (và đơn vị).', path: ['ids'] });
export type RevokeInvitationsBody = z.input<typeof revokeInvitationsBody>;
export const invitationsRevokedSchema = z.object({ revoked: z.number().int() });

/** Invitations (first mail) and reminders sent to sampled respondents with an e-mail address. */
export const remindersSentSchema = z.object({
  invited: z.number().int(),
  reminded: z.number().int(),
  /** Mails the SMTP server refused (tried again next time). */
  failed: z.number().int(),
  /** Whether e-mail is configured at all (CHISO_SMTP_URL). */
  mailEnabled: z.boolean(),
});
export type RemindersSent = z.output<typeof remindersSentSchema>;

// ---- The public form (no login) ----

/** Any text: an unknown or malformed token is the same 404, telling nothing more. */
export const publicTokenParams = z.object({ token: z.string().min(1).max(200) });

/** A question and a choice as the respondent sees them: no linked criterion, no weight. */
const publicChoiceSchema = surveyChoiceSchema.omit({ weight: true });
const publicQuestionSchema = surveyQuestionSchema.omit({ criterionKey: true });

export const publicSurveyFormSchema = z.object({
  surveyName: z.string(),
  unitName: z.string(),
  questionnaire: z.object({
    formatVersion: z.literal(1),
    title: z.string(),
    questions: z.array(publicQuestionSchema),
    choices: z.record(z.string(), z.array(publicChoiceSchema)),
  }),
});
export type PublicSurveyForm = z.output<typeof publicSurveyFormSchema>;

/**
 * An answer sent through a link. Strict: the form sends these three fields and nothing else, so an
 * unknown one is a wrong client, refused (400) rather than silently dropped. A text answer is at most
 * MAX_TEXT_ANSWER characters (the core's limit for every channel); the service refuses more answers
 * than the questionnaire has questions.
 */
export const publicResponseBody = z.strictObject({
  /** Made by the browser once per link and kept with the answers: a retry after a dropped connection is the same answer. */
  clientKey: z.uuid({ error: 'Mã phiếu không hợp lệ.' }),
  startedAt: instant.optional(),
  answers: z.record(
    z.string().max(100, { error: 'Tên câu hỏi dài quá 100 ký tự.' }),
    z.string().max(MAX_TEXT_ANSWER, { error: `Câu trả lời dài quá ${MAX_TEXT_ANSWER} ký tự.` }),
  ).refine((a) => Object.keys(a).length <= 500, { error: 'Quá nhiều câu trả lời.' }),
}, { error: (issue) => (issue.code === 'unrecognized_keys' ? `Phiếu gửi lên có trường không được nhận: ${issue.keys.join(', ')}.` : undefined) });
export type PublicResponseBody = z.input<typeof publicResponseBody>;

export const publicResponseResultSchema = z.object({ received: z.literal(true) });
