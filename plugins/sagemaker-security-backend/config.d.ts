import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Configuration of the SageMaker security plugins. Keys that none of the
   * plugins reads are refused at start-up (naming the key), as are values
   * out of range.
   */
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
    /**
     * Regions scanned in accounts that name none. Each must be a region the
     * installed AWS SDK knows (its partition metadata); an unknown name
     * (e.g. `us-moon-1`) is a start-up error. An opt-in region not enabled for
     * the account is scanned and reported `region_disabled`.
     */
    regions?: string[];
    /**
     * Where accounts to scan are found besides `accounts`. Discovered
     * accounts merge with the hand-listed ones; an account listed under
     * `accounts` keeps its own regions (hand-listed wins).
     */
    discovery?: {
      /**
       * Accounts listed from AWS Organizations at the start of each scan,
       * through a role of the management or a delegated-administrator
       * account. Only ACTIVE accounts are scanned. When listing fails, the
       * accounts of the last successful listing are scanned and scan health
       * shows the failure with its reason. The role needs the policy
       * `iam-policy-organizations.json` of this package.
       */
      organizations?: {
        /**
         * ARN of the role that lists the organisation, e.g.
         * `arn:aws:iam::111111111111:role/SageMakerSecurityOrgReader`. It is
         * assumed with the main account's credentials (`aws.mainAccount`),
         * through `@backstage/integration-aws-node`.
         */
        roleArn: string;
        /**
         * Name of the role assumed in each discovered account
         * (`arn:<partition>:iam::<account>:role/<memberRoleName>`), the same
         * way `aws.accountDefaults` reaches accounts (its external ID, web
         * identity token file and region apply). An account with its own
         * `aws.accounts` entry is reached as that entry says. An account
         * whose role cannot be assumed shows in scan health with the reason.
         */
        memberRoleName: string;
        /**
         * OU ids (`ou-…`) or root ids (`r-…`) whose accounts are scanned,
         * nested OUs included. Default: the whole organisation.
         */
        organizationalUnits?: string[];
        /** When set, only these of the discovered accounts are scanned (12-digit IDs). */
        includeAccounts?: string[];
        /** Discovered accounts never scanned (12-digit IDs); a hand-listed one still is. */
        excludeAccounts?: string[];
        /** Regions scanned in each discovered account; defaults to `sagemakerSecurity.regions`. */
        regions?: string[];
      };
    };
    /**
     * A recorded estate to scan through the in-process AWS simulator instead of
     * AWS, for trying the plugin without an AWS account: `builtin` (the demo estate
     * shipped in this package, a fictional bank with accounts 111122223333 and
     * 444455556666) or the path of a YAML or JSON estate. Not for production:
     * leave it unset to scan the accounts under `accounts`.
     */
    demoEstate?: string;
    /**
     * Scan schedule; default every hour. `frequency`: a duration of at least
     * one minute, a cron expression, or `{ trigger: manual }` (scans only
     * when asked). `timeout` (1 second to 1 day, default 1 hour): the longest
     * collection of one account/region; one still running then is cancelled
     * and keeps its previous results.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Worker liveness. Every replica's worker claims scan targets in the
     * database and refreshes a heartbeat on each target it collects, every
     * `heartbeat` (default 30 s; 100 ms to 10 min), which is also how often
     * every replica looks for pending or abandoned work. A target whose
     * heartbeat is older than `expireAfter` (default 5 min; at least twice
     * `heartbeat`, at most 1 day) belongs to a stopped worker (crash, kill,
     * lost replica): any replica takes it back and collects it again (three
     * claims at most, then it fails and keeps its previous results). So a
     * scan recovers from a crash within `expireAfter` plus its own time,
     * whatever the scheduler's task timeouts. Durations as objects
     * (`{ seconds: 30 }`) or strings (`30s`, ISO 8601).
     */
    scanLease?: {
      heartbeat?: HumanDuration | string;
      expireAfter?: HumanDuration | string;
    };
    /** Run a scan when the backend starts (default true when no scan has completed). */
    scanOnStartup?: boolean;
    /**
     * How far back to list training, processing, transform and tuning jobs: days (1 to
     * 3650), or `all`. Default 30. Jobs stored in a terminal state are never described again.
     */
    jobLookbackDays?: number | 'all';
    /** How the inventory reads SageMaker. */
    inventory?: {
      /**
       * Bulk reads: SageMaker `Search` (full records with their tags, 100 per
       * call) for training jobs, endpoints, pipelines, feature groups and
       * model packages and their groups, and the Resource Groups Tagging API
       * (`GetResources`, the tags of 100 resources per call) for the types
       * it serves, each chosen per account, region and type when it costs
       * fewer calls (rate-weighted) than List, Describe and ListTags. A bulk
       * read that fails falls back to the per-resource calls, recorded in
       * the scan's errors. Also IAM's account authorization details
       * (`GetAccountAuthorizationDetails`, every role with its policies in
       * pages) instead of 3+ calls per execution role, chosen per account.
       * Needs `sagemaker:Search`, `tag:GetResources` and
       * `iam:GetAccountAuthorizationDetails`. Default true.
       */
      bulkReads?: boolean;
    };
    concurrency?: {
      /**
       * Concurrent calls per AWS service and region, counted per API family
       * (see `rateLimits`: an API waiting for its rate never takes a slot).
       * 1 to 64, default 4.
       */
      perServiceRegion?: number;
      /** Accounts and regions scanned at once by one backend. 1 to 256, default 2. */
      regions?: number;
    };
    /**
     * Client-side pacing: requests per second the collector sends of each
     * API of a family, per account and region, as AWS limits each API on
     * its own (IAM: per account, shared by its APIs and regions). Each call
     * waits for a token of its API, so calls are rarely throttled and one
     * API's wait never slows another; the SDK's adaptive
     * retry still handles what throttling remains. Defaults are AWS's order
     * of magnitude: sagemakerList 4, sagemakerListTags 10, sagemakerDescribe
     * 10, sagemakerGet 10, sagemakerSearch 4, tagging 5 (both assumed: AWS
     * publishes none), iam 20, ec2Describe 100. Raise them when AWS has
     * raised your quotas (0.1 to 100,000 requests per second); `unlimited`
     * does not pace a family. Other APIs
     * (KMS, S3, CloudTrail, CloudWatch, Logs) are not paced. When scanning
     * a recorded estate (`demoEstate`), nothing is paced unless set here.
     */
    rateLimits?: {
      /** `sagemaker:List*` except ListTags. */
      sagemakerList?: number | 'unlimited';
      /** `sagemaker:ListTags`. */
      sagemakerListTags?: number | 'unlimited';
      /** `sagemaker:Describe*`. */
      sagemakerDescribe?: number | 'unlimited';
      /** `sagemaker:Get*`. */
      sagemakerGet?: number | 'unlimited';
      /** `sagemaker:Search` (bulk reads). Default 4. */
      sagemakerSearch?: number | 'unlimited';
      /** `tag:GetResources` (bulk tag reads). Default 5. */
      tagging?: number | 'unlimited';
      /** `iam:*`, per account. */
      iam?: number | 'unlimited';
      /** `ec2:Describe*`. */
      ec2Describe?: number | 'unlimited';
      /** `securityhub:*` (the Security Hub read of `findings.securityHub`). Default 3. */
      securityHub?: number | 'unlimited';
      /** `cloudtrail:LookupEvents` (change-driven rescans). Default 2, AWS's quota. */
      cloudtrailLookupEvents?: number | 'unlimited';
    };
    /**
     * Rescans describe again only what can have changed: a notebook instance
     * or endpoint whose `LastModifiedTime` or status moved in its listing,
     * never a model or endpoint config (immutable in SageMaker) nor a
     * completed job. Tags can change without either moving, so those
     * resources keep their stored tags and each scan re-reads the tags of
     * the share that falls due, so that every one is re-read within this
     * many hours (about scan interval / window of them per scan). Above 0, at
     * most 8784 (a year). Default 24.
     */
    tagRefreshHours?: number;
    /** The same window for completed jobs (in the look-back). Default 168 (a week). */
    completedJobTagRefreshHours?: number;
    /**
     * Rescans read a related fact (role, key, bucket, network, trail,
     * alarm, log group, GuardDuty) only when CloudTrail event history shows
     * a write to it, or when it was never read; every fact is read again
     * when the target's last complete full read is older than this many
     * hours (also catching what no event records, such as AWS-managed
     * policy updates). Above 0, at most 8784 (a year). Default 24.
     */
    fullRefreshHours?: number;
    aws?: {
      /** SDK attempts per call (adaptive retry strategy), 1 to 20. Default 8. */
      maxAttempts?: number;
      /**
       * Endpoint override per service, for AWS-compatible servers (LocalStack, moto),
       * as an http(s) URL without credentials or query (e.g. `http://localhost:4566`).
       * Keys: sagemaker, iam, kms, s3, ec2, cloudtrail, cloudwatch, logs,
       * guardduty, sts, tag (the Resource Groups Tagging API),
       * organizations (account discovery). With an
       * override, S3 uses path-style addressing.
       *
       * `sts` is honoured on every credential path of the `aws` section
       * (@backstage/integration-aws-node), so that nothing reaches real AWS:
       * - `aws.mainAccount` keys serving an account not listed in `aws.accounts`:
       *   the main account's ID is looked up with `sts:GetCallerIdentity` at this
       *   endpoint (the library would call the real STS endpoint);
       * - role assumption (`roleName`, `externalId`, in `aws.accounts` or
       *   `aws.accountDefaults`) and web identity: the `sts:AssumeRole*` call is
       *   sent to this endpoint (signed as for AWS: its Host header stays the AWS
       *   STS host the signature covers);
       * - static keys of an `aws.accounts` entry make no STS call.
       * Without it, STS calls go to AWS.
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
        guardduty?: string;
        sts?: string;
        organizations?: string;
        securityhub?: string;
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
      /**
       * Groups (entity refs) whose members may waive any entity's checks,
       * besides its owners, and approve or deny waiver requests.
       */
      securityGroups?: string[];
      /**
       * When true, only members of `securityGroups` create waivers directly
       * (`POST /waivers`); everyone else requests one (`POST
       * /waiver-requests`) for a member of those groups to approve or deny.
       * Needs at least one security group. Default false: owners may create
       * waivers directly and may also request them.
       */
      requireApproval?: boolean;
    };
    /**
     * Notifications to the owners of ML services through Backstage's
     * notifications service (`@backstage/plugin-notifications-backend` must
     * be installed when enabled). Each change is told once, whatever the
     * number of scans, restarts or replicas.
     */
    notifications?: {
      /** Send notifications. Default false. */
      enabled?: boolean;
      /** Tell the owners when an ML service's grade gets worse (e.g. B to C). Default true. */
      gradeDrop?: boolean;
      /**
       * Severities of a check that starts failing on one of a service's
       * resources that are told to its owners. Default [critical, high]; [] turns it off.
       */
      newFindingSeverities?: Array<
        'critical' | 'high' | 'medium' | 'low' | 'informational'
      >;
      /**
       * Days before a waiver expires that its entity's owners are told
       * (once per waiver). Default 7; 0 turns it off.
       */
      waiverExpiryDays?: number;
    };
    history?: {
      /** Days of status transitions and daily scorecards to keep. Default 365. */
      retentionDays?: number;
    };
    permissions?: {
      /**
       * Seconds a read permission decision (`sagemaker-security.scorecard.read`,
       * `catalog.entity.read`) is remembered per principal, permission and
       * entity, so repeated reads do not each ask the permission backend.
       * Default 0 (asks every time); at most 300. A policy change or a
       * revoked membership takes effect within this time. Writes (waivers,
       * scans) are always decided afresh.
       */
      decisionCacheSeconds?: number;
    };
    /**
     * Findings of other tools on SageMaker resources, shown beside the
     * plugin's own results, labelled by source. They never change a verdict
     * or a score. See the README, "Findings from other tools".
     */
    findings?: {
      securityHub?: {
        /**
         * After collecting each account and region, read its active AWS
         * Security Hub findings on SageMaker resources (`securityhub:GetFindings`,
         * paced by `rateLimits.securityHub`). A failed read is shown in scan
         * health and keeps the findings read before. Default false.
         */
        enabled?: boolean;
      };
      prowler?: {
        /**
         * Largest Prowler OCSF upload (`POST /findings/prowler`) in
         * megabytes; a larger one is refused with 413. 1 to 512, default 20.
         */
        maxUploadMegabytes?: number;
      };
    };
  };
}
