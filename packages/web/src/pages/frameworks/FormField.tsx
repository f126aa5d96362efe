import { Form } from 'antd';

/** The validator's messages for a field path and what lies inside it ("rule.tiers" → "rule.tiers[1].points"). */
export type FieldErrors = (prefix: string) => string[];

/** A labelled field with the validator's messages under it. */
export function F({ id, label, errors, children, extra }: {
  id: string; label: string; errors?: string[]; children: React.ReactNode; extra?: React.ReactNode;
}) {
  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={errors && errors.length ? 'error' : undefined}
      help={errors && errors.length ? errors.join('; ') : undefined}
      extra={extra}
      style={{ marginBottom: 12 }}
    >
      {children}
    </Form.Item>
  );
}
