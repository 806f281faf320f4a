import { EmptyState } from '@backstage/core-components';

/** Shown when the backend answers 403 for the scorecard. */
export function ForbiddenState(props: { what?: string }) {
  return (
    <EmptyState
      missing="info"
      title={`You don't have permission to view this ${
        props.what ?? 'scorecard'
      }`}
      description="Ask the owning team or your Backstage administrators for the sagemaker-security.scorecard.read permission."
    />
  );
}
