export * from './CatalogGraph';
export * from './entityRefs';
export * from './resourceLinks';
export * from './rollupMembers';
export * from './linkedEntities';
