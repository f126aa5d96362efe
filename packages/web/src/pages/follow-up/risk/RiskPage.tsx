/** Mid-year risk (§5) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function RiskPage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Nguy cơ mất điểm</Typography.Title>;
}
