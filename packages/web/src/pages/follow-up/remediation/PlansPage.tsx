/** Remediation plans (§2) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function PlansPage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Kế hoạch khắc phục</Typography.Title>;
}
