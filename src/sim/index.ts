export { createDemoPlatform, DEMO_PLATFORM_NAME, demoTick, seedDemoActivity } from './demo.js';
export type { DemoPlatform } from './demo.js';
export { DemoCustomer } from './demo-customer.js';
