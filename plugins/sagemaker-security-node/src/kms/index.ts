export { resolveKmsKey, parseKmsReference } from './resolveKmsKey';
export type { KmsKeyResolution, ParsedReference } from './resolveKmsKey';
export { KMS_KEY_FIELDS, KMS_KEY_RESOURCE_TYPES } from './keyFields';
