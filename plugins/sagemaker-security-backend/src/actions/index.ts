export { registerSecurityActions } from './createSecurityActions';
export { registerWorkflowActions } from './workflowActions';
