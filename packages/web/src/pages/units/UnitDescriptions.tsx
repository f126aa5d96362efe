import { Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitLink } from '../../api/types';
import { formatDate } from '../../format';

interface Props {
  unit: Unit;
  parentName?: string | null;
  onOpenUnit?: (id: string) => void;
}

function LinkList({ links, onOpenUnit }: { links: UnitLink[]; onOpenUnit?: (id: string) => void }) {
  const { t } = useTranslation();
  if (links.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <List
      size="small"
      split={false}
      dataSource={links}
      renderItem={(l) => (
        <List.Item style={{ padding: '2px 0' }}>
          <Space wrap>
            {onOpenUnit ? (
              <Typography.Link onClick={() => onOpenUnit(l.id)}>
                {l.name} ({l.code})
              </Typography.Link>
            ) : (
              <span>
                {l.name} ({l.code})
              </span>
            )}
            <Tag color={l.operation === 'merge' ? 'purple' : 'cyan'}>{t(`units.operation.${l.operation}`)}</Tag>
            <span>{formatDate(l.date)}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

export function UnitDescriptions({ unit, parentName, onOpenUnit }: Props) {
  const { t } = useTranslation();
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 190 } }}>
      <Descriptions.Item label={t('units.fields.code')}>{unit.code}</Descriptions.Item>
      <Descriptions.Item label={t('units.fields.name')}>{unit.name}</Descriptions.Item>
      <Descriptions.Item label={t('units.fields.shortName')}>{unit.shortName || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('units.fields.type')}>{unit.typeName}</Descriptions.Item>
      <Descriptions.Item label={t('units.fields.parent')}>
        {unit.parentId ? (
          onOpenUnit ? (
            <Typography.Link onClick={() => onOpenUnit(unit.parentId!)}>{parentName ?? unit.parentId}</Typography.Link>
          ) : (
            (parentName ?? unit.parentId)
          )
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('units.fields.validity')}>
        {t('units.validFromTo', { from: formatDate(unit.validFrom), to: unit.validTo ? formatDate(unit.validTo) : t('units.present') })}
        {unit.validTo && (
          <Tag color="default" style={{ marginInlineStart: 8 }}>
            {t('units.closed')}
          </Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('units.fields.formerNames')}>
        {unit.formerNames.length === 0 ? (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {unit.formerNames.map((f, i) => (
              <li key={i}>{t('units.formerNameUntil', { name: f.name, until: formatDate(f.until) })}</li>
            ))}
          </ul>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('units.fields.predecessors')}>
        <LinkList links={unit.predecessors} onOpenUnit={onOpenUnit} />
      </Descriptions.Item>
      <Descriptions.Item label={t('units.fields.successors')}>
        <LinkList links={unit.successors} onOpenUnit={onOpenUnit} />
      </Descriptions.Item>
    </Descriptions>
  );
}
