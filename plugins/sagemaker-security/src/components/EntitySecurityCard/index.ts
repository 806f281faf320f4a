export { EntitySecurityCard } from './EntitySecurityCard';
export type { EntitySecurityCardProps } from './EntitySecurityCard';
