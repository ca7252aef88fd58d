import { userInputError } from './errors.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an id before it reaches SQL, so a malformed one is BAD_USER_INPUT, not a database error. */
export function requireUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw userInputError(`${field} is not a valid id`, field);
  return value.toLowerCase();
}
