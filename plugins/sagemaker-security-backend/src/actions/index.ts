export { registerSecurityActions } from './createSecurityActions';
export { registerWorkflowActions } from './workflowActions';
export { registerWaiverRequestActions } from './waiverRequestActions';
