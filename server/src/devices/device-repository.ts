import type { Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared-query.js';
import { NEXT_VERSION, wrote } from '../db/row-version.js';
import type { DB, Device, DeviceUpdate, Organisation } from '../db/schema.js';

/** A device of this organisation, or undefined: every management query is scoped this way. */
export async function findDevice(
  db: Kysely<DB>,
  organisationId: string,
  id: string,
): Promise<Device | undefined> {
  return db
    .selectFrom('devices')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A device by its ID alone, for requests the device makes itself. */
export async function findDeviceById(db: Kysely<DB>, id: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

const deviceWithOrganisation = preparedQuery((db, id: string) =>
  db
    .selectFrom('devices')
    .innerJoin('organisations as o', 'o.id', 'devices.organisation_id')
    .selectAll('devices')
    .select([
      'o.name as org_name',
      'o.pin_login_active',
      'o.offline_grace_minutes',
      'o.idle_lock_minutes',
      'o.require_passkey',
      'o.register_language',
      'o.created_at as org_created_at',
      'o.version as org_version',
    ])
    .where('devices.id', '=', id),
);

/** The device and its organisation in one read, for the PIN login hot path. */
export async function findDeviceWithOrganisation(
  db: Kysely<DB>,
  id: string,
): Promise<{ device: Device; organisation: Organisation } | undefined> {
  const [row] = (await deviceWithOrganisation(db, id)).rows;
  if (!row) return undefined;
  const {
    org_name,
    pin_login_active,
    offline_grace_minutes,
    idle_lock_minutes,
    require_passkey,
    register_language,
    org_created_at,
    org_version,
    ...device
  } = row;
  return {
    device,
    organisation: {
      id: device.organisation_id,
      name: org_name,
      pin_login_active,
      offline_grace_minutes,
      idle_lock_minutes,
      require_passkey,
      register_language,
      created_at: org_created_at,
      version: org_version,
    },
  };
}

/**
 * What a device may learn about itself: whether it is revoked or locked, whether PIN login is on,
 * and the names its PIN screen shows. Compiled once: every register asks every few seconds.
 */
const deviceStateRow = preparedQuery((db, id: string) =>
  db
    .selectFrom('devices')
    .innerJoin('organisations', 'organisations.id', 'devices.organisation_id')
    .select([
      'devices.name',
      'devices.revoked_at',
      'devices.locked_at',
      'devices.pin_challenge_at',
      'organisations.name as organisation_name',
      'organisations.pin_login_active',
      'organisations.register_language',
    ])
    .where('devices.id', '=', id),
);

export async function findDeviceState(db: Kysely<DB>, id: string) {
  const [row] = (await deviceStateRow(db, id)).rows;
  return row;
}

export async function listDevices(
  db: Kysely<DB>,
  organisationId: string,
): Promise<(Device & { approver_name: string | null })[]> {
  return db
    .selectFrom('devices')
    .leftJoin('users', 'users.id', 'devices.approved_by')
    .selectAll('devices')
    .select('users.name as approver_name')
    .where('devices.organisation_id', '=', organisationId)
    .orderBy('devices.name')
    .orderBy('devices.id')
    .execute();
}

export async function insertDevice(db: Kysely<DB>, device: Omit<Device, 'version'>): Promise<void> {
  await db.insertInto('devices').values(device).execute();
}

type DeviceChange = Omit<DeviceUpdate, 'version'>;

/** A change made whatever the device's version is (an approval on the device itself); counted. */
export async function updateDevice(db: Kysely<DB>, id: string, set: DeviceChange): Promise<void> {
  await db
    .updateTable('devices')
    .set({ ...set, version: NEXT_VERSION })
    .where('id', '=', id)
    .execute();
}

/** A change to a device seen at `version`; false, and nothing written, when it changed since. */
export async function updateDeviceAt(
  db: Kysely<DB>,
  id: string,
  version: number,
  set: DeviceChange,
): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ ...set, version: NEXT_VERSION })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return wrote(result);
}

/**
 * Counts a wrong PIN. The count is the device's own bookkeeping and leaves the version alone, or
 * every guess would refuse an admin's Edit name; the lock it may bring is a change of status and
 * is counted.
 */
export async function recordPinFailure(
  db: Kysely<DB>,
  id: string,
  failure: Pick<Device, 'failed_attempts' | 'last_failed_at' | 'last_login_at' | 'locked_at'>,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({ ...failure, ...(failure.locked_at !== null && { version: NEXT_VERSION }) })
    .where('id', '=', id)
    .execute();
}

const settleAttempt = preparedQuery(
  (db, id: string, failures: number, challengeIssuedAt: number, now: number) =>
    db
      .updateTable('devices')
      .set({
        failed_attempts: 0,
        last_failed_at: null,
        last_login_at: now,
        pin_challenge_at: challengeIssuedAt,
      })
      .where('id', '=', id)
      .where('failed_attempts', '=', failures)
      .where('pin_challenge_at', '<', challengeIssuedAt)
      .where('locked_at', 'is', null)
      .where('revoked_at', 'is', null),
);

/**
 * Settles one PIN attempt and spends its challenge in one compare-and-set, written as a success:
 * of parallel attempts made at the same failure count, or with the same or an older challenge,
 * only one is settled. False when another attempt got there first, or the device was revoked or
 * locked meanwhile. A wrong PIN then writes its failure over it in the same transaction.
 */
export async function settlePinAttempt(
  db: Kysely<DB>,
  id: string,
  seen: { failures: number; challengeIssuedAt: number },
  now: number,
): Promise<boolean> {
  const settled = await settleAttempt(db, id, seen.failures, seen.challengeIssuedAt, now);
  return (settled.numAffectedRows ?? 0n) > 0n;
}

/** Spends an offline-upload challenge: true for the first use of one newer than the last spent. */
export async function spendUploadChallenge(db: Kysely<DB>, id: string, issuedAt: number): Promise<boolean> {
  const spent = await db
    .updateTable('devices')
    .set({ upload_challenge_at: issuedAt })
    .where('id', '=', id)
    .where('upload_challenge_at', '<', issuedAt)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return spent.numUpdatedRows > 0n;
}

export async function deleteDeviceRow(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('devices').where('id', '=', id).execute();
}

/** The organisation a deleted device belonged to, as its deletion in the audit log says. */
export async function organisationOfDeletedDevice(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('organisation_id')
    .where('device_id', '=', id)
    .where('type', '=', 'device.deleted')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.organisation_id;
}
