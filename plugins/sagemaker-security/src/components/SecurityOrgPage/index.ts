export { SecurityOrgContent, SecurityOrgPage } from './SecurityOrgPage';
