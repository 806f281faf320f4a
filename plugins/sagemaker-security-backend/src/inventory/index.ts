/** The inventory: AWS collection, storage and scans. */
export {
  createInventory,
  SCAN_TASK_ID,
  WORKER_TASK_ID,
} from './scan/createInventory';
export type { CreateInventoryOptions, Inventory } from './scan/createInventory';
export { ScanService, MAX_TARGET_ATTEMPTS } from './scan/ScanService';
export { failedListings } from './scan/failedListings';
export type { ScanListener, ScanLease } from './scan/ScanService';
export { DatabaseInventoryStore } from './store/DatabaseInventoryStore';
export { getMigratedClient, MIGRATIONS_DIR } from './store/migrate';
export type * from './InventoryStore';
export { AwsSimulator } from './simulator/AwsSimulator';
export type { AwsSimulatorOptions } from './simulator/AwsSimulator';
export { loadEstate } from './simulator/loadEstate';
export type * from './simulator/estate';
export { readInventoryConfig } from '../config/inventoryConfig';
export type { InventoryConfig } from '../config/inventoryConfig';
