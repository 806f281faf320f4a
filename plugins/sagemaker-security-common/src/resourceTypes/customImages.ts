import type { CatalogDependency } from './descriptor';

/**
 * The images and app image configurations that app settings name
 * (`<settings>.CustomImages[].ImageName` / `.AppImageConfigName`), as catalog
 * dependencies of the domain or user profile that offers them.
 */
export function customImageDependencies(
  settings: string[],
): CatalogDependency[] {
  return [
    {
      on: 'image',
      paths: settings.map(path => `${path}.CustomImages[].ImageName`),
    },
    {
      on: 'app-image-config',
      paths: settings.map(path => `${path}.CustomImages[].AppImageConfigName`),
    },
  ];
}
