import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import BuildIcon from '@material-ui/icons/Build';
import type {
  CheckMetadata,
  CheckResult,
  ResourceSummary,
} from '@mlsec/plugin-sagemaker-security-common';
import {
  buildPrefill,
  needsDescription,
  PrefillSource,
  templateFormUrl,
} from '../../remediation/templateLink';
import { useResourceDetail } from './resourceDetails';

/** The fields a prefill can read, from the result when the summary is absent. */
function prefillSource(
  result: CheckResult,
  resource: ResourceSummary | undefined,
): PrefillSource {
  return {
    arn: result.resourceArn,
    name: resource?.name ?? result.resourceName,
    accountId: resource?.accountId ?? result.accountId,
    region: resource?.region ?? result.region,
    tags: resource?.tags ?? {},
  };
}

/** Remediation text, a prefilled "Fix with template" link and the AWS docs link. */
export function RemediationLinks(props: {
  result: CheckResult;
  check?: CheckMetadata;
  resource?: ResourceSummary;
}) {
  const { result, check, resource } = props;
  const template = check?.remediation.template;
  const wantsDescription = template ? needsDescription(template) : false;
  const { detail, loading } = useResourceDetail(
    result.resourceArn,
    wantsDescription,
  );
  if (!check) {
    return null;
  }
  const source: PrefillSource = {
    ...prefillSource(result, resource),
    description: detail?.description,
  };
  const templateUrl =
    template && !loading
      ? templateFormUrl(template.name, buildPrefill(template, source))
      : undefined;

  return (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h5">
        Remediation
      </Typography>
      <Typography variant="body2" paragraph>
        {check.remediation.text}
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {templateUrl && (
          <Link
            to={templateUrl}
            aria-label={`Fix with template ${template!.name}: ${
              check.title
            } on ${result.resourceName}`}
            style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
          >
            <BuildIcon fontSize="small" aria-hidden="true" />
            Fix with template
          </Link>
        )}
        {check.remediation.docsUrl && (
          <Link to={check.remediation.docsUrl}>AWS documentation</Link>
        )}
      </Box>
    </Box>
  );
}
