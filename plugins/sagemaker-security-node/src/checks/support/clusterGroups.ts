import { getPath } from './paths';

/** A HyperPod cluster's instance groups and restricted instance groups, with their paths. */
export function instanceGroups(
  description: unknown,
): Array<{ group: unknown; path: string; name: string }> {
  return ['InstanceGroups', 'RestrictedInstanceGroups'].flatMap(list => {
    const groups = getPath(description, list);
    return Array.isArray(groups)
      ? groups.map((group, index) => ({
          group,
          path: `${list}.${index}`,
          name: String(getPath(group, 'InstanceGroupName') ?? index),
        }))
      : [];
  });
}
