import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  GRADES,
  PILLARS,
  type CorePillar,
  type Grade,
} from '@mlsec/plugin-sagemaker-security-common';
import { pillarLabel } from '../common/format';

export interface OrgFilterValues {
  owner?: string;
  grade?: Grade;
  pillar?: CorePillar;
}

function teamLabel(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' });
  } catch {
    return ref;
  }
}

function FilterSelect(props: {
  id: string;
  label: string;
  value: string | undefined;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const { id, label, value, options, onChange } = props;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 220 }}>
      <InputLabel id={`${id}-label`} shrink>
        {label}
      </InputLabel>
      <Select
        labelId={`${id}-label`}
        id={id}
        displayEmpty
        input={<OutlinedInput notched label={label} />}
        value={value ?? ''}
        onChange={e => onChange((e.target.value as string) || undefined)}
      >
        <MenuItem value="">All</MenuItem>
        {options.map(option => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** Team, grade and pillar filters of the org table. */
export function OrgFilters(props: {
  owners: string[];
  value: OrgFilterValues;
  onChange: (value: OrgFilterValues) => void;
}) {
  const { owners, value, onChange } = props;
  return (
    <>
      <FilterSelect
        id="sms-filter-team"
        label="Team"
        value={value.owner}
        options={owners.map(owner => ({
          value: owner,
          label: teamLabel(owner),
        }))}
        onChange={owner => onChange({ ...value, owner })}
      />
      <FilterSelect
        id="sms-filter-grade"
        label="Grade"
        value={value.grade}
        options={GRADES.map(grade => ({
          value: grade,
          label: `Grade ${grade}`,
        }))}
        onChange={grade => onChange({ ...value, grade: grade as Grade })}
      />
      <FilterSelect
        id="sms-filter-pillar"
        label="Pillar (grade and order)"
        value={value.pillar}
        options={PILLARS.map(pillar => ({
          value: pillar,
          label: pillarLabel(pillar),
        }))}
        onChange={pillar =>
          onChange({ ...value, pillar: pillar as CorePillar })
        }
      />
    </>
  );
}
