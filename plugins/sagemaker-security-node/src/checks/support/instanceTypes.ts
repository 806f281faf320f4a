/**
 * Instance families whose instances carry local NVMe instance storage. SageMaker
 * encrypts those volumes in hardware and rejects a volume KMS key for them
 * (API docs of `VolumeKmsKeyId` / `KmsKeyId`: "You can't request a
 * VolumeKmsKeyId when using an instance type with local storage"). Families
 * from the EC2 instance store volume list; inf1/inf2 are EBS-only.
 */
export const LOCAL_STORAGE_FAMILIES: ReadonlySet<string> = new Set([
  'c5d',
  'c6gd',
  'c6id',
  'c7gd',
  'm5d',
  'm6gd',
  'm6id',
  'm7gd',
  'r5d',
  'r6gd',
  'r6id',
  'r7gd',
  'g4dn',
  'g4ad',
  'g5',
  'g6',
  'g6e',
  'p3dn',
  'p4d',
  'p4de',
  'p5',
  'p5e',
  'p5en',
  'trn1',
  'trn1n',
  'trn2',
]);

/** `ml.g4dn.xlarge` → `g4dn`. */
export function instanceFamily(instanceType: string): string | undefined {
  const parts = instanceType.trim().toLowerCase().split('.');
  if (parts.length < 3 || parts[0] !== 'ml') {
    return undefined;
  }
  return parts[1];
}

const localStorage = new Map<string, boolean>();

export function hasLocalInstanceStorage(instanceType: string): boolean {
  let local = localStorage.get(instanceType);
  if (local === undefined) {
    const family = instanceFamily(instanceType);
    local = family !== undefined && LOCAL_STORAGE_FAMILIES.has(family);
    if (localStorage.size >= 1000) {
      localStorage.clear();
    }
    localStorage.set(instanceType, local);
  }
  return local;
}
