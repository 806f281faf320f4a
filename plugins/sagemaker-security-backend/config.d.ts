import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the SageMaker security plugins. */
  sagemakerSecurity?: {
    /**
     * Accounts to scan. Credentials for each come from the `aws` section
     * (`aws.mainAccount`, `aws.accounts`, `aws.accountDefaults`) through
     * `@backstage/integration-aws-node`; nothing here holds a secret.
     */
    accounts?: Array<{
      /** 12-digit AWS account ID. */
      accountId: string;
      /** Regions to scan in this account; defaults to `sagemakerSecurity.regions`. */
      regions?: string[];
    }>;
    /** Regions scanned in accounts that name none. */
    regions?: string[];
    /**
     * Path of a recorded estate (YAML or JSON, see `examples/demo-estate`) to scan
     * through the in-process AWS simulator instead of AWS. For demos and tests.
     */
    demoEstate?: string;
    /** Scan schedule; default every hour. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /** Run a scan when the backend starts (default true when no scan has completed). */
    scanOnStartup?: boolean;
    /**
     * How far back to list training, processing, transform and tuning jobs: days, or `all`.
     * Default 30. Jobs stored in a terminal state are never described again.
     */
    jobLookbackDays?: number | 'all';
    concurrency?: {
      /** Concurrent calls per AWS service and region. Default 4. */
      perServiceRegion?: number;
      /** Accounts and regions scanned at once by one backend. Default 2. */
      regions?: number;
    };
    aws?: {
      /** SDK retry attempts (adaptive retry strategy). Default 8. */
      maxAttempts?: number;
      /**
       * Endpoint override per service, for AWS-compatible servers (LocalStack, moto),
       * as an http(s) URL. Keys: sagemaker, iam, kms, s3, ec2, cloudtrail, cloudwatch,
       * logs, sts. With an override, S3 uses path-style addressing. `sts` is accepted
       * for symmetry but unused by the collector: role assumption is configured in the
       * `aws` section of @backstage/integration-aws-node.
       */
      endpoints?: {
        sagemaker?: string;
        iam?: string;
        kms?: string;
        s3?: string;
        ec2?: string;
        cloudtrail?: string;
        cloudwatch?: string;
        logs?: string;
        sts?: string;
      };
    };
    /** How SageMaker tags link resources to the catalog. */
    linking?: {
      /** Tag naming the ML service (Component) a resource or job belongs to. Default `ml-service`. */
      componentTagKey?: string;
      /** Tags naming the owning team, first match wins, matched case-insensitively. Default `owner`, `team`. */
      ownerTagKeys?: string[];
      /** Tag naming the System. Default `system`. */
      systemTagKey?: string;
    };
    /** How results become scores and grades; see docs/scoring.md. */
    scoring?: {
      /** Weight per severity in a pillar score. Defaults: critical 10, high 5, medium 3, low 1, informational 0. */
      severityWeights?: {
        critical?: number;
        high?: number;
        medium?: number;
        low?: number;
        informational?: number;
      };
      /** Lowest score for each grade. Defaults: A 90, B 80, C 70, D 60, E 50; below is F. */
      gradeThresholds?: {
        A?: number;
        B?: number;
        C?: number;
        D?: number;
        E?: number;
      };
      /** How much an `unknown` counts against the score, 0–1 of a failure. Default 0.5. */
      unknownWeight?: number;
      /** How much a `warn` counts against the score, 0–1 of a failure. Default 0.25. */
      warnWeight?: number;
      /** Best grade possible while a critical check fails. Default D. */
      criticalFailureCap?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
      /** Best grade possible while a high check fails. Default B. */
      highFailureCap?: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
    };
    waivers?: {
      /** Longest a waiver may last, in days. Default 90. */
      maxDays?: number;
      /** Groups (entity refs) whose members may waive any entity's checks, besides its owners. */
      securityGroups?: string[];
    };
    history?: {
      /** Days of status transitions and daily scorecards to keep. Default 365. */
      retentionDays?: number;
    };
  };
}
