import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { Evidence } from '@mlsec/plugin-sagemaker-security-common';
import { formatValue } from '../common/format';

/** What was observed, what was expected, where it was read and what it belongs to. */
export function EvidenceList(props: { evidence: Evidence[] }) {
  if (props.evidence.length === 0) {
    return null;
  }
  return (
    <Table size="small" aria-label="Evidence">
      <TableHead>
        <TableRow style={{ whiteSpace: 'nowrap' }}>
          <TableCell>Observed</TableCell>
          <TableCell>Expected</TableCell>
          <TableCell>Read from</TableCell>
          <TableCell>Related resource</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.evidence.map((item, index) => (
          <TableRow key={`${item.path}-${index}`}>
            <TableCell>
              <code>{formatValue(item.observed)}</code>
            </TableCell>
            <TableCell>
              {item.expected === undefined ? '—' : formatValue(item.expected)}
            </TableCell>
            <TableCell>
              <code>{item.path}</code>
            </TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>
              {item.relatedArn ?? '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
