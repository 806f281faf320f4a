export { TeamSecurityCard } from './TeamSecurityCard';
export type { TeamSecurityCardProps } from './TeamSecurityCard';
