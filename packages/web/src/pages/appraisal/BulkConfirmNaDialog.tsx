import { useState } from 'react';
import { App as AntApp, Alert, Checkbox, Modal, Space, Typography } from 'antd';
import { useBulkConfirmNotApplicable, type AppraisalCriterion } from '../../api/appraisal';
import { useErrorMessage } from '../../components/errors';
import { useCyT } from '../cycles/parts';
import type { PendingClaim } from './claims';

/**
 * Confirms the pending not-applicable claims of one criterion across units in one action: the
 * dialog lists every unit with its reason (all ticked); the server confirms the ticked ones all
 * or nothing, and a refusal (a cell changed meanwhile, …) names the unit.
 */
export function BulkConfirmNaDialog({ cycleId, criterion, claims, onClose }: {
  cycleId: string; criterion: AppraisalCriterion; claims: PendingClaim[]; onClose: () => void;
}) {
  const { t } = useCyT();
  const { message } = AntApp.useApp();
  const errMsg = useErrorMessage();
  const confirm = useBulkConfirmNotApplicable();
  const [picked, setPicked] = useState<string[]>(() => claims.map((c) => c.unit.unitId));
  const [error, setError] = useState<string | null>(null);

  // The claims come fresh from the pending list (read again after a refusal): a unit decided meanwhile drops out.
  const chosen = claims.filter((c) => picked.includes(c.unit.unitId));

  const submit = () => {
    setError(null);
    const items = chosen.map((c) => ({ unitId: c.unit.unitId, version: c.version }));
    confirm.mutate({ cycleId, nodeKey: criterion.nodeKey, items }, {
      onSuccess: (r) => {
        void message.success(t('appraisal.na.bulkDone', { criterion: criterion.code, count: r.confirmed }));
        onClose();
      },
      onError: (e) => setError(errMsg(e)),
    });
  };

  return (
    <Modal open title={t('appraisal.na.bulkTitle', { criterion: criterion.code })} onCancel={onClose} onOk={submit}
      okText={t('appraisal.na.bulkOk', { count: chosen.length })} okButtonProps={{ disabled: chosen.length === 0, loading: confirm.isPending }}
      cancelText={t('common.cancel')} destroyOnHidden>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ margin: 0 }}><strong>{criterion.code}</strong> {criterion.name}</Typography.Paragraph>
        {criterion.notApplicableCondition ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('appraisal.na.condition')}: {criterion.notApplicableCondition}</Typography.Paragraph>
        ) : null}
        <Typography.Paragraph style={{ margin: 0 }}>{t('appraisal.na.bulkIntro')}</Typography.Paragraph>
        <Checkbox.Group value={picked} onChange={(v) => setPicked(v)} style={{ width: '100%' }}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            {claims.map((c) => (
              <Checkbox key={c.unit.unitId} value={c.unit.unitId}>
                <strong>{c.unit.name}</strong> — <Typography.Text type="secondary">{c.reason || '—'}</Typography.Text>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
        {error && <Alert type="error" showIcon role="alert" title={error} />}
      </Space>
    </Modal>
  );
}
