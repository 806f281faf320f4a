import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATION_AWS_ARN,
  ANNOTATION_SAGEMAKER_TAG_SELECTOR,
  DEFAULT_COMPONENT_TAG_KEY,
} from '@mlsec/plugin-sagemaker-security-common';

/** How to link SageMaker resources to a Component, with the snippet to copy. */
function LinkingHelp(props: { entity: Entity }) {
  const name = props.entity.metadata.name;
  const annotation = `metadata:
  annotations:
    ${ANNOTATION_SAGEMAKER_TAG_SELECTOR}: ${DEFAULT_COMPONENT_TAG_KEY}=${name}`;
  const dependsOn = `spec:
  dependsOn:
    - resource:default/<sagemaker-resource-entity>`;
  return (
    <Box maxWidth={720}>
      <Typography paragraph>
        Either tag the SageMaker resources of this service with{' '}
        <code>
          {DEFAULT_COMPONENT_TAG_KEY}={name}
        </code>{' '}
        (tag key <code>{DEFAULT_COMPONENT_TAG_KEY}</code>, value the entity
        name; add <code>owner=&lt;team&gt;</code> for team rollups) and add this
        annotation to <code>catalog-info.yaml</code>:
      </Typography>
      <CodeSnippet language="yaml" text={annotation} showCopyCodeButton />
      <Typography paragraph style={{ marginTop: 16 }}>
        or list the SageMaker Resource entities the service depends on:
      </Typography>
      <CodeSnippet language="yaml" text={dependsOn} showCopyCodeButton />
      <Typography
        variant="body2"
        color="textSecondary"
        style={{ marginTop: 16 }}
      >
        Results appear after the next scan.
      </Typography>
    </Box>
  );
}

/** Empty state: the entity has no SageMaker resources with results. */
export function NoResourcesState(props: { entity: Entity }) {
  const { entity } = props;
  const isResource = entity.kind.toLocaleLowerCase('en-US') === 'resource';
  if (isResource) {
    return (
      <EmptyState
        missing="data"
        title="No scan results for this SageMaker resource yet"
        description={`No scanned resource matches ${stringifyEntityRef(
          entity,
        )}. Check that its ${ANNOTATION_AWS_ARN} annotation holds the resource's ARN and that its account and region are scanned; results appear after the next scan.`}
      />
    );
  }
  return (
    <EmptyState
      missing="field"
      title="No SageMaker resources linked to this service"
      description="Link the SageMaker resources behind this service to see their security scorecard."
      action={<LinkingHelp entity={entity} />}
    />
  );
}
