/**
 * A Describe field that links a related resource only while another field of
 * the same description has a given value (e.g. the data-capture destination
 * only while `DataCaptureConfig.EnableCapture` is true).
 *
 * @public
 */
export interface ConditionalFieldPath {
  /** The link field. */
  path: string;
  /** The field and value under which it is in use. */
  when: { path: string; equals: string | number | boolean };
}

/**
 * A path into a Describe response (`[]` = each element of the list), or a
 * conditional one.
 *
 * @public
 */
export type FieldPath = string | ConditionalFieldPath;

/**
 * An extra read whose output is stored in the description (e.g. a resource
 * policy), with the input built from description fields.
 *
 * @public
 */
export interface ExtraRead {
  /** SageMaker API operation, e.g. `GetModelPackageGroupPolicy`. */
  operation: string;
  /** Input field → description field. */
  input: Record<string, string>;
  /** Output field read, stored in the description under the same name; `null` when not found. */
  field: string;
}

/**
 * A bulk read of the type through SageMaker `Search`: full records with
 * their tags, 100 per page, in place of List, Describe and ListTags.
 *
 * @public
 */
export interface SearchReadDescriptor {
  /** `Search`'s `Resource`, e.g. `TrainingJob`. */
  resource: string;
  /** The `SearchRecord` field holding the record, e.g. `TrainingJob`. */
  record: string;
  /**
   * Describe fields the checks read that the record lacks (e.g. a
   * pipeline's `PipelineDefinition`): a resource read through Search is
   * then described too, whenever it would be without Search.
   */
  describeFields?: string[];
  /**
   * The checks read `describeFields` only while a job runs (e.g. remote
   * debugging): the record of a job that has ended (Completed, Failed,
   * Stopped) is complete without them and is not described.
   */
  describeWhileRunning?: boolean;
}

/**
 * How the SageMaker API lists and describes a resource type (operation and
 * field names, as strings: the SDK is not imported here).
 *
 * @public
 */
export interface SageMakerApiDescriptor {
  /** `ListNotebookInstances`: the SDK has `paginateListNotebookInstances`. */
  list: string;
  /** Field of a list page holding the summaries. */
  items: string;
  /** List input besides paging and the creation filter. */
  listInput?: Record<string, unknown>;
  /** Summary field with the resource name, or a function for composite names. */
  summaryName: string | ((summary: Record<string, unknown>) => string);
  /** Summary field with the ARN, when the summary has one. */
  summaryArn?: string;
  /** Summary fields joined by `/` after the ARN segment when the summary has no ARN (default: the name). */
  arnPath?: string[];
  /** `DescribeNotebookInstance`: the SDK has `DescribeNotebookInstanceCommand`. */
  describe: string;
  /** Describe input field → summary field. */
  describeInput: Record<string, string>;
  /** Describe output fields holding the ARN and status. */
  arnField: string;
  statusField?: string;
  /**
   * No Update API: once described without errors, a resource still listed
   * (with the same creation time) is not described again.
   */
  immutable?: boolean;
  /** List summary fields that move whenever the resource changes. */
  changeFields?: string[];
  /** Reads besides Describe stored in the description. */
  extraReads?: ExtraRead[];
  /** Read in bulk through SageMaker `Search` (see `SearchReadDescriptor`). */
  search?: SearchReadDescriptor;
  /**
   * The Resource Groups Tagging API is documented to serve the type
   * (`ResourceTypeFilters: ['sagemaker:<arnSegment>']`): its tags may be
   * read 100 resources per call instead of one `ListTags` per resource.
   */
  taggingApi?: boolean;
}

/**
 * The related resources a description points at, as Describe field paths.
 *
 * @public
 */
export interface ResourceLinks {
  /** Fields naming KMS keys (ID, ARN or alias). */
  kmsKeys?: string[];
  /** Execution roles SageMaker assumes on behalf of the resource. */
  roles?: FieldPath[];
  /** Security group IDs of the resource's VPC configuration. */
  securityGroups?: FieldPath[];
  /** Subnet IDs of the resource's VPC configuration. */
  subnets?: FieldPath[];
  /** S3 locations the resource reads from or writes to. */
  s3Uris?: FieldPath[];
}

/**
 * Where a Model Monitor job's settings sit in the description.
 *
 * @public
 */
export interface MonitoringJobLayout {
  /** The report output config (holds `KmsKeyId`). */
  outputConfig: string;
  /** The cluster config (holds `VolumeKmsKeyId`, `InstanceType`, `InstanceCount`). */
  clusterConfig: string;
  /** Set when the job definition may be inline (a schedule); absent = it refers to one by name. */
  inlineDefinition?: string;
}

/**
 * A resource a catalog entity depends on, named in its description.
 *
 * @public
 */
export interface CatalogDependency {
  /** Type id of the resource depended on. */
  on: string;
  /** Description paths holding its key (`[]` = each element). */
  paths: string[];
  /**
   * How the value names it: its catalog key (default); a model package ARN
   * whose group is the target (in the ARN's account and region); or
   * `domainId`: the resource's own Studio domain ID, from `paths` or else
   * from its ARN.
   */
  value?: 'key' | 'modelPackageArn' | 'domainId';
}

/**
 * How a catalog `Resource` entity of the type is named and linked.
 *
 * @public
 */
export interface CatalogEntityDescriptor {
  /** Prefix of `metadata.name`, e.g. `notebook`. */
  abbreviation: string;
  /** Words in the entity description (default: the id with spaces). */
  label?: string;
  /**
   * Console page fragment after `#/`, with `{name}` (URI-encoded) and
   * `{domainId}` placeholders; no link when a placeholder has no value.
   */
  consolePage?: string;
  /** What other descriptions name it by: its name (default) or its Studio domain ID. */
  key?: 'name' | 'domainId';
  /** What it depends on (becomes `spec.dependsOn`). */
  dependsOn?: CatalogDependency[];
}

/**
 * How CloudFormation declares the type.
 *
 * @public
 */
export interface CloudFormationDescriptor {
  /** e.g. `AWS::SageMaker::NotebookInstance`. */
  type: string;
  /**
   * Property holding the resource name; for a type that declares none (the
   * name is generated, e.g. `AWS::SageMaker::AutoMLJob`), the `Fn::GetAtt`
   * attribute returning it.
   */
  nameProperty: string;
  /** `Ref` returns the name rather than the ARN. */
  refIsName?: boolean;
  /**
   * Describe fields AWS fills in when the template omits them (e.g. a
   * cluster's `NodeRecovery`), so that pre-deploy checks read what a live
   * scan would.
   */
  defaults?: Record<string, unknown>;
}

/**
 * What the wire simulator needs to serve the type from stored descriptions.
 *
 * @public
 */
export interface SimulatorDescriptor {
  /**
   * List summary fields: a description field of the same name, or
   * `[summaryField, ...descriptionPaths]` (first defined path wins).
   */
  summary: Array<string | [string, ...string[]]>;
  /** Describe input field → description fields any of which may equal it (default: the same name). */
  match?: Record<string, string[]>;
}

/**
 * Everything the plugins know about one SageMaker resource type.
 *
 * @public
 */
export interface ResourceTypeDescriptor<Id extends string = string> {
  /** Stable id used in stored data, API responses and `spec.type`. */
  id: Id;
  /** The type as ARNs spell it (`hyper-parameter-tuning-job`). */
  arnSegment: string;
  /** Jobs are immutable once terminal and listed from the look-back window only. */
  job: boolean;
  /** Long-lived resources that become catalog `Resource` entities. */
  catalog?: CatalogEntityDescriptor;
  /** How the SageMaker API lists and describes it. */
  api: SageMakerApiDescriptor;
  /** The related resources its description points at. */
  links: ResourceLinks;
  /** Fields holding environment variables and hyperparameters (clear text in the description). */
  environmentFields?: string[];
  /** Model Monitor jobs: where their output and cluster configs are. */
  monitoringJob?: MonitoringJobLayout;
  /**
   * CloudWatch log group SageMaker writes to: `{name}` = resource name,
   * `{arnId}` = the last `/` segment of its ARN (e.g. a HyperPod cluster ID).
   */
  logGroup?: string;
  /** How CloudFormation declares it (absent: not declared by templates the scaffolder reads). */
  cloudFormation?: CloudFormationDescriptor;
  /** How the wire simulator serves it. */
  simulator: SimulatorDescriptor;
}

/**
 * Declares a descriptor, keeping its id as a literal type.
 *
 * @public
 */
export function defineResourceType<Id extends string>(
  descriptor: ResourceTypeDescriptor<Id>,
): ResourceTypeDescriptor<Id> {
  return descriptor;
}
