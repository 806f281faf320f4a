export { registerSecurityActions } from './createSecurityActions';
