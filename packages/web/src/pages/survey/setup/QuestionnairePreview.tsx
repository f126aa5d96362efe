/**
 * A questionnaire as respondents will see it, read-only, with what officials check besides: which
 * criterion a question scores, each option's weight, and when a question is shown (skip logic).
 */
import { Card, Checkbox, Empty, Input, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import { normalizeDecimal, parseDecimal, unitsToPlain, YES_NO_CHOICES, type Questionnaire, type SurveyChoice, type SurveyQuestion } from '@chiso/core';
import { formatDecimal } from '../../../format';
import { useSetupT } from './i18n';

/** A weight ("0.6") as a percentage ("60"), exactly. */
export function weightPercent(weight: string): string | null {
  const d = parseDecimal(weight);
  if (!d) return null;
  const shifted = d.scale >= 2 ? { units: d.units, scale: d.scale - 2 } : { units: d.units * 10n ** BigInt(2 - d.scale), scale: 0 };
  const n = normalizeDecimal(shifted);
  return formatDecimal(unitsToPlain(n.units, n.scale), { group: false });
}

/** A long tag wraps on a phone instead of widening the page. */
const WRAP = { whiteSpace: 'normal', maxWidth: '100%' } as const;

const choicesOf = (q: Questionnaire, question: SurveyQuestion): readonly SurveyChoice[] =>
  question.type === 'yes_no' ? (q.choices[question.list ?? ''] ?? YES_NO_CHOICES) : (q.choices[question.list ?? ''] ?? []);

function Answer({ q, question }: { q: Questionnaire; question: SurveyQuestion }) {
  const { t } = useSetupT();
  const label = (c: SurveyChoice) => (
    <>
      {c.label}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        ({c.weight === undefined ? t('preview.noWeight') : t('preview.weight', { weight: weightPercent(c.weight) })})
      </Typography.Text>
    </>
  );
  switch (question.type) {
    case 'note':
      return null;
    case 'text':
      return <Input.TextArea readOnly rows={2} aria-label={question.label} />;
    case 'integer':
    case 'decimal':
      return (
        <Space wrap>
          <InputNumber readOnly aria-label={question.label} />
          {(question.min || question.max) && <Typography.Text type="secondary">{t('preview.range', { min: formatDecimal(question.min ?? null), max: formatDecimal(question.max ?? null) })}</Typography.Text>}
        </Space>
      );
    case 'select_multiple':
      return <Space orientation="vertical">{choicesOf(q, question).map((c) => <Checkbox key={c.name} checked={false}>{label(c)}</Checkbox>)}</Space>;
    default:
      // Controlled with no value: readable (not greyed out), and a click changes nothing.
      return <Radio.Group value={null} aria-label={question.label}><Space orientation="vertical">{choicesOf(q, question).map((c) => <Radio key={c.name} value={c.name}>{label(c)}</Radio>)}</Space></Radio.Group>;
  }
}

export function QuestionnairePreview({ questionnaire, criteria }: { questionnaire: Questionnaire; criteria: readonly { key: string; code: string; name: string }[] }) {
  const { t } = useSetupT();
  const criterion = new Map(criteria.map((c) => [c.key, `${c.code} ${c.name}`]));
  if (questionnaire.questions.length === 0) return <Empty description={t('preview.empty')} />;
  let n = 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ fontSize: 18, margin: 0 }}>{questionnaire.title}</Typography.Title>
      {questionnaire.questions.map((question) => (
        <Card key={question.name} size="small">
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            {question.type === 'note' ? <Typography.Paragraph style={{ margin: 0 }}>{question.label}</Typography.Paragraph> : (
              <Typography.Text strong>
                {++n}. {question.label} {question.required && <Typography.Text type="danger">*</Typography.Text>}
              </Typography.Text>
            )}
            {question.hint && <Typography.Text type="secondary">{question.hint}</Typography.Text>}
            <Answer q={questionnaire} question={question} />
            <Space wrap size={[4, 4]} style={{ maxWidth: '100%' }}>
              <Tag>{question.name}</Tag>
              {question.relevant && <Tag color="gold" style={WRAP}>{t('preview.shownWhen', { expr: question.relevant })}</Tag>}
              {question.criterionKey && <Tag color="blue" style={WRAP}>{t('preview.scored', { criterion: criterion.get(question.criterionKey) ?? question.criterionKey })}</Tag>}
            </Space>
          </Space>
        </Card>
      ))}
    </Space>
  );
}
