import { App as AntApp } from 'antd';
import { useBlocker } from '@tanstack/react-router';
import { useFwT } from './parts';

/** Asks before leaving the editor (a link, or closing the tab) while there are unsaved changes. */
export function useLeaveGuard(dirty: boolean) {
  const { t } = useFwT();
  const { modal } = AntApp.useApp();
  useBlocker({
    shouldBlockFn: () => {
      if (!dirty) return false;
      return new Promise<boolean>((resolve) => {
        modal.confirm({
          title: t('editor.leaveTitle'),
          content: t('editor.leaveText'),
          okText: t('editor.leaveOk'),
          okButtonProps: { danger: true },
          cancelText: t('editor.leaveStay'),
          onOk: () => resolve(false),
          onCancel: () => resolve(true),
        });
      });
    },
    enableBeforeUnload: () => dirty,
  });
}
