/**
 * A fresh database for a test file, copied from the run's migrated template
 * (global-setup.ts): every file starts from the schema the migrations make,
 * without running them again in each file's subgraphs.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { ensureDatabase } from '../../lib/database.js';

export function testDatabase(prefix: string): Promise<string> {
  return ensureDatabase(inject('databaseServerUrl'), `${prefix}_${randomBytes(6).toString('hex')}`, { template: inject('databaseTemplate') });
}

/**
 * A fresh database copied from another of this run's (a file's own template, made once with what each of its cases
 * starts from): no connection may be open on `template` while it is copied.
 */
export function copyOfDatabase(template: string, prefix: string): Promise<string> {
  return ensureDatabase(inject('databaseServerUrl'), `${prefix}_${randomBytes(6).toString('hex')}`, { template });
}
