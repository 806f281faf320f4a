/**
 * Findings of other tools (AWS Security Hub, Prowler) on the entity's
 * resources: loaded once for the Security tab; those that say what one of
 * our checks says on the same resource are shown on that check's result
 * ("Also reported by …"), the others in their own section, each labelled
 * by its source. They never change our statuses or scores.
 */
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import type {
  CheckResult,
  ExternalFinding,
  ExternalFindingSource,
} from '@mlsec/plugin-sagemaker-security-common';
import { createContext, ReactNode, useContext, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sageMakerSecurityApiRef } from '../../api';
import { formatDateTime } from '../common/format';
import { SeverityLabel } from '../common/SeverityLabel';

/** How each source is named on the page. */
export const SOURCE_LABELS: Record<ExternalFindingSource, string> = {
  'security-hub': 'Security Hub',
  prowler: 'Prowler',
};

const STATUS_LABELS: Record<ExternalFinding['status'], string> = {
  failed: 'Failed',
  passed: 'Passed',
  other: 'Other',
};

interface ExternalFindingsState {
  loading: boolean;
  error?: Error;
  /** Findings our checks do not also report. */
  separate: ExternalFinding[];
  /** Findings our checks also report, by `<resourceArn> <checkId>`. */
  duplicates: Map<string, ExternalFinding[]>;
}

const Context = createContext<ExternalFindingsState>({
  loading: false,
  separate: [],
  duplicates: new Map(),
});

const keyOf = (resourceArn: string, checkId: string) =>
  `${resourceArn} ${checkId}`;

/** Loads the entity's findings of other tools for the components below it. */
export function ExternalFindingsProvider(props: {
  entityRef: string;
  children: ReactNode;
}) {
  const api = useApi(sageMakerSecurityApiRef);
  const { value, loading, error } = useAsync(
    () => api.listExternalFindings(props.entityRef),
    [api, props.entityRef],
  );
  const state = useMemo<ExternalFindingsState>(() => {
    const duplicates = new Map<string, ExternalFinding[]>();
    const separate: ExternalFinding[] = [];
    for (const finding of value ?? []) {
      if (finding.duplicateOf) {
        const key = keyOf(finding.resourceArn, finding.duplicateOf);
        duplicates.set(key, [...(duplicates.get(key) ?? []), finding]);
      } else {
        separate.push(finding);
      }
    }
    return { loading, error, separate, duplicates };
  }, [value, loading, error]);
  return <Context.Provider value={state}>{props.children}</Context.Provider>;
}

/** "Also reported by Security Hub (SageMaker.1)" on one of our results. */
export function AlsoReportedBy(props: { result: CheckResult }) {
  const { duplicates } = useContext(Context);
  const found = duplicates.get(
    keyOf(props.result.resourceArn, props.result.checkId),
  );
  if (!found?.length) {
    return null;
  }
  const names = [
    ...new Set(found.map(f => `${SOURCE_LABELS[f.source]} (${f.controlId})`)),
  ];
  return (
    <Typography variant="body2" color="textSecondary" style={{ marginTop: 8 }}>
      Also reported by {names.join(', ')}
    </Typography>
  );
}

function ExternalFindingItem(props: { finding: ExternalFinding }) {
  const { finding } = props;
  const resourceName = finding.resourceArn.split(/[:/]/).pop();
  return (
    <Paper variant="outlined" component="article" aria-label={finding.title}>
      <Box p={2}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 12 }}
        >
          <Chip
            size="small"
            color="primary"
            label={SOURCE_LABELS[finding.source]}
          />
          <Chip
            size="small"
            variant="outlined"
            label={STATUS_LABELS[finding.status]}
          />
          <SeverityLabel severity={finding.severity} />
          <Typography variant="subtitle1" component="h4" style={{ flex: 1 }}>
            {finding.title}
          </Typography>
        </Box>
        <Typography variant="body2" color="textSecondary">
          <code>{finding.controlId}</code> · {resourceName} · account{' '}
          {finding.accountId} · {finding.region}
          {finding.lastObservedAt
            ? ` · last observed ${formatDateTime(finding.lastObservedAt)}`
            : ''}
        </Typography>
        <Typography
          variant="body2"
          color="textSecondary"
          style={{ wordBreak: 'break-all' }}
        >
          {finding.resourceArn}
        </Typography>
        {finding.remediationUrl && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            <Link to={finding.remediationUrl}>
              Remediation ({SOURCE_LABELS[finding.source]})
            </Link>
          </Typography>
        )}
      </Box>
    </Paper>
  );
}

/** The section "Findings from other tools" of the Security tab. */
export function ExternalFindingsSection() {
  const { loading, error, separate, duplicates } = useContext(Context);
  let body: ReactNode;
  if (loading) {
    body = <Typography variant="body2">Loading…</Typography>;
  } else if (error) {
    body = (
      <Typography variant="body2" color="textSecondary">
        Findings from other tools could not be loaded: {error.message}
      </Typography>
    );
  } else if (separate.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {duplicates.size > 0
          ? 'Every finding of Security Hub and Prowler on these resources is also one of the checks above, where it is shown.'
          : 'No findings from Security Hub or Prowler on these resources. Security Hub findings are read with each scan when sagemakerSecurity.findings.securityHub.enabled is set; Prowler results are uploaded to POST /findings/prowler.'}
      </Typography>
    );
  } else {
    body = (
      <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
        {separate.map(finding => (
          <ExternalFindingItem
            key={`${finding.source} ${finding.sourceId}`}
            finding={finding}
          />
        ))}
      </Box>
    );
  }
  return (
    <Box component="section" aria-labelledby="sms-external-findings">
      <Typography
        variant="h5"
        component="h2"
        id="sms-external-findings"
        paragraph
      >
        Findings from other tools
        {separate.length > 0 ? ` (${separate.length})` : ''}
      </Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        As reported by the tools themselves; they do not change the statuses or
        grades above.
      </Typography>
      {body}
    </Box>
  );
}
