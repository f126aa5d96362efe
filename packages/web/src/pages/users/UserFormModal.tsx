import { useState } from 'react';
import { Checkbox, Form, Input, Modal, Radio, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useUpdateUser } from '../../api/hooks';
import { isApiError } from '../../api/client';
import { ROLES, type Me, type Role, type Unit, type User } from '../../api/types';
import { SaveError } from '../../components/errors';
import { ConflictNotice } from '../../components/ConflictNotice';
import { applyServerErrors } from '../../lib/forms';
import { UnitSelect } from '../units/UnitSelect';
import { RoleTags } from './UsersTable';

interface Values {
  username: string;
  fullName: string;
  email?: string;
  unitId: string;
  roles: Role[];
  /** Where the organisation-wide roles apply: the province's, or a unit's. */
  scopeKind: 'province' | 'unit';
  scopeUnitId?: string;
  active: boolean;
  reason?: string;
}

const FIELDS = ['username', 'fullName', 'email', 'unitId', 'roles', 'scopeUnitId', 'active', 'reason', 'password'];

/** Roles that act beyond the own unit, within the account's scope. */
const ORGANISATION_ROLES: readonly Role[] = ['admin', 'council_member', 'leader_viewer'];
const hasOrganisationRoles = (roles: readonly Role[] | undefined) => !!roles?.some((r) => ORGANISATION_ROLES.includes(r));

export function UserFormModal({
  mode,
  user,
  units,
  adminScope,
  onClose,
  onCreated,
  onSaved,
}: {
  mode: 'create' | 'edit';
  user?: User;
  /** The units the administrator manages (an organisation's administrator: those of its scope). */
  units: Unit[];
  /** The administrator's own scope: null for the province's (it may give any scope). */
  adminScope: Me['scope'];
  onClose: () => void;
  onCreated: (u: User, temporaryPassword?: string) => void;
  onSaved: (u: User) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [error, setError] = useState<unknown>(null);
  const [extra, setExtra] = useState<{ message: string }[]>([]);
  const [version, setVersion] = useState(user?.version ?? 0);
  const [conflict, setConflict] = useState<User | null>(null);
  const editing = mode === 'edit' && !!user;
  const pending = create.isPending || update.isPending;
  const roles = Form.useWatch('roles', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const showScope = hasOrganisationRoles(roles);
  const openUnits = units.filter((u) => !u.validTo);
  /** The scope sent: null for the province's, a unit's id, or nothing when the roles have no scope. */
  const scopeOf = (v: Values): string | null | undefined => {
    if (!hasOrganisationRoles(v.roles)) return undefined;
    return adminScope || v.scopeKind === 'unit' ? v.scopeUnitId : null;
  };

  const onError = (e: unknown) => {
    setError(e);
    if (isApiError(e) && e.status === 409 && e.code === 'CONFLICT' && e.details[0]?.current) {
      setConflict(e.details[0].current as User);
      setExtra([]);
      return;
    }
    setExtra(applyServerErrors(form, e, FIELDS));
  };

  const submit = (v: Values, withVersion = version) => {
    setError(null);
    if (!editing) {
      create.mutate(
        {
          username: v.username.trim(),
          fullName: v.fullName.trim(),
          email: v.email?.trim() || undefined,
          unitId: v.unitId,
          roles: v.roles,
          scopeUnitId: scopeOf(v),
        },
        { onSuccess: (r) => onCreated(r.user, r.temporaryPassword), onError },
      );
    } else {
      update.mutate(
        {
          id: user.id,
          version: withVersion,
          fullName: v.fullName.trim(),
          email: v.email?.trim() || null,
          unitId: v.unitId,
          roles: v.roles,
          scopeUnitId: scopeOf(v),
          active: v.active,
          reason: v.reason?.trim() || undefined,
        },
        { onSuccess: onSaved, onError },
      );
    }
  };

  const reapply = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    setConflict(null);
    submit(form.getFieldsValue(true) as Values, conflict.version);
  };
  const useCurrent = () => {
    if (!conflict) return;
    setVersion(conflict.version);
    form.setFieldsValue({
      fullName: conflict.fullName,
      email: conflict.email ?? '',
      unitId: conflict.unit.id,
      roles: conflict.roles,
      scopeKind: conflict.scope ? 'unit' : 'province',
      scopeUnitId: conflict.scope?.id ?? adminScope?.id,
      active: conflict.active,
    });
    setConflict(null);
    setError(null);
  };

  return (
    <Modal
      open
      title={editing ? t('users.editTitle', { username: user.username }) : t('users.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      okButtonProps={{ disabled: !!conflict }}
      width={640}
      destroyOnHidden
      maskClosable={false}
    >
      {conflict ? (
        <ConflictNotice
          current={[
            [t('users.fields.fullName'), conflict.fullName],
            [t('users.fields.email'), conflict.email || '—'],
            [t('users.fields.unit'), conflict.unit.name],
            [t('users.fields.roles'), <RoleTags roles={conflict.roles} />],
            [t('users.fields.scope'), conflict.scope ? `${conflict.scope.name} (${conflict.scope.code})` : t('users.scopeProvince')],
            [t('users.fields.status'), conflict.active ? t('users.active') : t('users.inactive')],
          ]}
          onReapply={reapply}
          onUseCurrent={useCurrent}
        />
      ) : (
        <SaveError error={error} extra={extra} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => submit(v)}
        disabled={pending}
        initialValues={
          editing
            ? {
                username: user.username,
                fullName: user.fullName,
                email: user.email ?? '',
                unitId: user.unit.id,
                roles: user.roles,
                scopeKind: user.scope ? 'unit' : 'province',
                scopeUnitId: user.scope?.id ?? adminScope?.id,
                active: user.active,
              }
            : { roles: ['unit_officer'], scopeKind: 'province', scopeUnitId: adminScope?.id, active: true }
        }
      >
        <Form.Item
          name="username"
          label={t('users.fields.username')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { pattern: /^[a-z0-9._-]+$/i, message: t('validation.username') },
          ]}
        >
          <Input disabled={editing} autoFocus={!editing} autoComplete="off" maxLength={64} />
        </Form.Item>
        <Form.Item
          name="fullName"
          label={t('users.fields.fullName')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} autoFocus={editing} />
        </Form.Item>
        <Form.Item name="email" label={t('users.fields.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input type="email" maxLength={200} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.fields.unit')} rules={[{ required: true, message: t('validation.required') }]}>
          <UnitSelect units={openUnits} />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('users.fields.roles')}
          rules={[{ required: true, type: 'array', min: 1, message: t('validation.roles') }]}
        >
          <Checkbox.Group options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        {showScope && (
          <Form.Item
            label={t('users.fields.scope')}
            extra={adminScope ? t('users.scopeOwnHelp', { name: adminScope.name }) : t('users.scopeHelp')}
            required
          >
            {!adminScope && (
              <Form.Item name="scopeKind" noStyle>
                <Radio.Group
                  aria-label={t('users.fields.scope')}
                  options={[
                    { value: 'province', label: t('users.scopeProvince') },
                    { value: 'unit', label: t('users.scopeUnit') },
                  ]}
                />
              </Form.Item>
            )}
            {(adminScope || scopeKind === 'unit') && (
              <Form.Item name="scopeUnitId" rules={[{ required: true, message: t('validation.required') }]} style={{ marginTop: adminScope ? 0 : 8, marginBottom: 0 }}>
                <UnitSelect units={openUnits} aria-label={t('users.fields.scopeUnit')} placeholder={t('users.fields.scopeUnit')} />
              </Form.Item>
            )}
          </Form.Item>
        )}
        {editing && (
          <>
            <Form.Item name="active" label={t('users.fields.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="reason" label={t('common.reason')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
