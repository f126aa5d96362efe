/** External indices (§4) — issue 12; filled in by its owner. */
import { Typography } from 'antd';
import type { FollowUpSearch } from '../search';

export function ExternalIndicesPage(_props: { search: FollowUpSearch; id?: string }) {
  return <Typography.Title level={3}>Các chỉ số bên ngoài</Typography.Title>;
}
