import { useState } from 'react';
import { Button, Card, Empty, Space, Spin } from 'antd';
import { EditOutlined, MergeCellsOutlined, ScissorOutlined, StopOutlined, TeamOutlined } from '@ant-design/icons';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useUnit } from '../../api/hooks';
import type { Unit } from '../../api/types';
import { QueryError } from '../../components/errors';
import { UnitDescriptions } from './UnitDescriptions';
import { UnitFormModal } from './UnitFormModal';
import { CloseUnitModal } from './CloseUnitModal';
import { SplitModal } from './SplitModal';

interface Props {
  unitId: string | undefined;
  units: Unit[];
  at: string | undefined;
  onOpenUnit: (id: string) => void;
  onMergeFrom: (id: string) => void;
}

type Dialog = 'edit' | 'close' | 'split' | null;

export function UnitDetailPanel({ unitId, units, onOpenUnit, onMergeFrom }: Props) {
  const { t } = useTranslation();
  const unit = useUnit(unitId);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (!unitId) {
    return (
      <Card size="small" title={t('units.detailTitle')}>
        <Empty description={t('units.selectHint')} />
      </Card>
    );
  }
  if (unit.isError) return <QueryError error={unit.error} onRetry={() => void unit.refetch()} />;
  if (!unit.data) {
    return (
      <Card size="small" title={t('units.detailTitle')}>
        <Spin />
      </Card>
    );
  }
  const u = unit.data;
  const parentName = u.parentId ? (units.find((x) => x.id === u.parentId)?.name ?? null) : null;
  const open = !u.validTo;

  return (
    <Card
      size="small"
      title={<span role="heading" aria-level={2}>{u.name}</span>}
      extra={
        <Link to="/units/$unitId" params={{ unitId: u.id }}>
          <TeamOutlined /> {t('units.viewUsers')}
        </Link>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {u.may.edit && (
          <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
            {t('units.actions.edit')}
          </Button>
        )}
        {u.may.merge && open && (
          <Button icon={<MergeCellsOutlined />} onClick={() => onMergeFrom(u.id)}>
            {t('units.actions.mergeFrom')}
          </Button>
        )}
        {u.may.split && open && (
          <Button icon={<ScissorOutlined />} onClick={() => setDialog('split')}>
            {t('units.actions.split')}
          </Button>
        )}
        {u.may.close && open && (
          <Button danger icon={<StopOutlined />} onClick={() => setDialog('close')}>
            {t('units.actions.close')}
          </Button>
        )}
      </Space>
      <UnitDescriptions unit={u} parentName={parentName} onOpenUnit={onOpenUnit} />

      {dialog === 'edit' && (
        <UnitFormModal mode="edit" unit={u} units={units} onClose={() => setDialog(null)} onSaved={() => setDialog(null)} />
      )}
      {dialog === 'close' && <CloseUnitModal unit={u} onClose={() => setDialog(null)} />}
      {dialog === 'split' && (
        <SplitModal
          unit={u}
          units={units}
          onClose={() => setDialog(null)}
          onDone={(id) => {
            setDialog(null);
            onOpenUnit(id);
          }}
        />
      )}
    </Card>
  );
}
