import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitTypes } from '../../api/hooks';
import type { NewUnit, Unit } from '../../api/types';
import { UnitSelect } from './UnitSelect';

/** Fields of a new unit (merge target, split result), under the form path `prefix`. */
export function NewUnitFields({ prefix, units }: { prefix: (string | number)[]; units: Unit[] }) {
  const { t } = useTranslation();
  const types = useUnitTypes();
  const req = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Row gutter={12}>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'code']} label={t('units.fields.code')} rules={req}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={16}>
        <Form.Item name={[...prefix, 'name']} label={t('units.fields.name')} rules={req}>
          <Input maxLength={300} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'shortName']} label={t('units.fields.shortName')}>
          <Input maxLength={150} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        <Form.Item name={[...prefix, 'typeCode']} label={t('units.fields.type')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={(types.data?.items ?? []).map((ty) => ({ value: ty.code, label: ty.name }))} loading={types.isPending} />
        </Form.Item>
      </Col>
      <Col xs={24} sm={8}>
        {/* The server places every unit made by a merge or a split under a parent (contract `newUnitSpec`). */}
        <Form.Item name={[...prefix, 'parentId']} label={t('units.fields.parent')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitSelect units={units} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export interface NewUnitValues {
  code: string;
  name: string;
  shortName?: string;
  typeCode: string;
  parentId?: string | null;
}

export function cleanNewUnit(v: NewUnitValues): NewUnit {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    shortName: v.shortName?.trim() || undefined,
    typeCode: v.typeCode,
    parentId: v.parentId ?? '',
  };
}
