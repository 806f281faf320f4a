export * from './WaiverStore';
export * from './DatabaseWaiverStore';
export * from './WaiverConfig';
export * from './WaiverAuthorizer';
export * from './WaiverService';
export * from './applyWaivers';
