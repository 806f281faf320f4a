export { EntitySecurityContent } from './EntitySecurityContent';
export type { EntitySecurityContentProps } from './EntitySecurityContent';
