import { useState } from 'react';
import { App as AntApp, Input, Tag, Typography } from 'antd';
import type { FormInstance, InputProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { usePublishFrameworkVersion, type FrameworkSummary, type FrameworkVersion, type VersionStatus } from '../../api/frameworks';
import { applyServerErrors } from '../../lib/forms';
import { useErrorMessage } from '../../components/errors';
import { canonicalDecimal, decimalProblem, viDecimal, type DecimalKind } from './model';
import { NS } from './i18n';

/** A dialog that makes a framework (new, copied, adopted): on success it closes and opens the first version; server field errors go onto the form. */
export function openCreatedFramework<T>(form: FormInstance<T>, onClose: () => void, open: (versionId: string) => void) {
  return {
    onSuccess: (f: FrameworkSummary) => {
      onClose();
      const first = f.versions[0];
      if (first) open(first.id);
    },
    onError: (e: unknown) => applyServerErrors(form, e),
  };
}

export function useFwT() {
  return useTranslation(NS);
}

export function StatusTag({ status }: { status: VersionStatus }) {
  const { t } = useFwT();
  return <Tag color={status === 'published' ? 'green' : 'gold'}>{t(`status.${status}`)}</Tag>;
}

/**
 * A decimal typed the Vietnamese way ("0,25"). The document receives the canonical text
 * ("0.25") when the input is a number, otherwise exactly what was typed, so that the
 * validator reports it and nothing typed is lost.
 */
export function DecimalInput({
  value, onChange, kind = 'points', ...rest
}: { value: unknown; onChange: (v: string) => void; kind?: DecimalKind } & Omit<InputProps, 'value' | 'onChange'>) {
  const shown = viDecimal(value);
  const [text, setText] = useState(shown);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // Changed from outside (another field, undo, reload): show the new value unless it is what we typed.
    setSeen(value);
    const mine = canonicalDecimal(text, kind);
    if (mine !== value && text !== value) setText(shown);
  }
  // Refused inline, in the words of the core reader the server agrees with ("1.237" as points is ambiguous).
  const problem = decimalProblem(text, kind);
  const problemId = rest.id ? `${rest.id}-problem` : undefined;
  const input = (
    <Input
      inputMode={kind === 'count' ? 'numeric' : 'decimal'}
      {...rest}
      value={text}
      status={problem ? 'error' : rest.status}
      aria-invalid={problem ? true : undefined}
      aria-describedby={problem ? problemId : undefined}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        const c = canonicalDecimal(v, kind);
        const next = c ?? v;
        setSeen(next);
        onChange(next);
      }}
    />
  );
  if (!problem) return input;
  return (
    <>
      {input}
      <Typography.Text type="danger" role="alert" id={problemId} className="decimal-input-problem" style={{ display: 'block' }}>{problem}</Typography.Text>
    </>
  );
}

/** Publishing, with the confirm dialog that explains what it means. */
export function usePublish() {
  const { t } = useFwT();
  const { modal, message } = AntApp.useApp();
  const publish = usePublishFrameworkVersion();
  const errMsg = useErrorMessage();
  return {
    isPending: publish.isPending,
    confirm(v: Pick<FrameworkVersion, 'id' | 'number' | 'version'>, onDone?: (v: FrameworkVersion) => void) {
      modal.confirm({
        title: t('publish.title', { number: v.number }),
        content: (
          <>
            <Typography.Paragraph>{t('publish.text1')}</Typography.Paragraph>
            <Typography.Paragraph>{t('publish.text2')}</Typography.Paragraph>
          </>
        ),
        okText: t('publish.ok'),
        cancelText: t('common.cancel'),
        width: 560,
        onOk: () =>
          publish.mutateAsync({ id: v.id, version: v.version }).then(
            (r) => {
              void message.success(t('publish.done', { number: r.number }));
              onDone?.(r);
            },
            (e: unknown) => {
              const details = isApiError(e) ? e.details.map((d) => d.message).filter(Boolean) : [];
              modal.error({
                title: t('publish.failed'),
                content: (
                  <>
                    <Typography.Paragraph>{errMsg(e)}</Typography.Paragraph>
                    {details.length > 0 && (
                      <ul>
                        {details.slice(0, 20).map((d, i) => (
                          <li key={i}>{d}</li>
                        ))}
                      </ul>
                    )}
                  </>
                ),
              });
            },
          ),
      });
    },
  };
}
