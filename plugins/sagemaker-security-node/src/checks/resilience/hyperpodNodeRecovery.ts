import {
  defineCheck,
  fail,
  fieldEvidence,
  fieldFailure,
  getPath,
  pass,
  SEED,
  unknown,
} from '../support';

const RESILIENCY_DOCS =
  'https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-resiliency-slurm-auto-resume.html';

export const hyperpodNodeRecoveryAutomatic = defineCheck(
  {
    id: 'hyperpod-cluster-node-recovery-automatic',
    pillar: 'resilience',
    title: 'HyperPod cluster replaces faulty nodes automatically',
    severity: 'medium',
    resourceTypes: ['hyperpod-cluster'],
    rationale:
      'With NodeRecovery = None the health agents only label a faulty node; it stays in the cluster until someone replaces it, stalling distributed training (and auto-resume) on every job placed there. AWS recommends Automatic, the default.',
    references: {
      seed: { pillar: SEED.compliance, phases: ['training'] },
    },
    remediation: {
      text: 'Set NodeRecovery = Automatic (UpdateCluster).',
      docsUrl: RESILIENCY_DOCS,
    },
  },
  context => {
    const { resource } = context;
    const failure = fieldFailure(resource, 'NodeRecovery');
    if (failure) return failure;
    const mode = getPath(resource.description, 'NodeRecovery');
    const evidence = [
      fieldEvidence(resource, 'NodeRecovery', mode, 'Automatic'),
    ];
    if (mode === undefined || mode === null) {
      // Every cluster has a recovery mode (Automatic unless set to None) and
      // DescribeCluster reports it; an answer without it (moto drops the
      // field) says nothing about the cluster, so neither pass nor fail.
      return unknown(
        `${resource.name}: DescribeCluster did not report NodeRecovery, which AWS always sends; the recovery mode is unknown.`,
        ['sagemaker:DescribeCluster'],
        evidence,
      );
    }
    return mode === 'Automatic'
      ? pass(`${resource.name}: node recovery is Automatic.`, evidence)
      : fail(
          `${resource.name}: node recovery is ${String(
            mode,
          )}; faulty nodes stay until replaced by hand.`,
          evidence,
        );
  },
);
