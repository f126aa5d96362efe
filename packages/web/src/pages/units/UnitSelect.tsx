import { Select } from 'antd';
import type { Unit } from '../../api/types';
import { foldVietnamese } from '../../lib/text';

interface Props {
  units: Unit[];
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  exclude?: string[];
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
}

/** A searchable unit picker (diacritics-insensitive on code and names). */
export function UnitSelect({ units, value, onChange, multiple, exclude, allowClear, placeholder, id, ...rest }: Props) {
  const options = units
    .filter((u) => !exclude?.includes(u.id))
    .map((u) => ({
      value: u.id,
      label: `${u.name} (${u.code})`,
      search: foldVietnamese(`${u.code} ${u.name} ${u.shortName ?? ''}`),
    }));
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? undefined}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      options={options}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={{
        filterOption: (input, option) => !!option && option.search.includes(foldVietnamese(input)),
      }}
      style={{ width: '100%' }}
    />
  );
}
