import type { MigrationList } from '../lib/database.js';

/**
 * A schema's migrations as MikroORM's migrator takes them, in the order of its names.ts; refuses to load if a class and
 * the list disagree (a migration added to one and not the other would otherwise be skipped by the start-up check, or
 * never run).
 */
export function migrationsInOrder(names: readonly string[], classes: Record<string, MigrationList[number]['class']>): MigrationList {
  const unlisted = Object.keys(classes).filter((name) => !names.includes(name));
  const missing = names.filter((name) => !(name in classes));
  if (unlisted.length > 0 || missing.length > 0) {
    throw new Error(
      `migrations and names.ts disagree: ${[...unlisted.map((n) => `${n} is not in names.ts`), ...missing.map((n) => `${n} has no class`)].join('; ')}`,
    );
  }
  return names.map((name) => ({ name, class: classes[name]! }));
}
