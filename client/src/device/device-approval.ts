import type { DeviceStateJSON } from '@tapin/shared';

/** Whether an admin or manager approved this device, as the server last said. */
export type DeviceApproval = DeviceStateJSON['state'];
