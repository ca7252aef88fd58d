/**
 * API clients (tills and back offices) and their credentials. Built on participant.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export {
  ApiClientEntity,
  type ApiClientKind,
  type ApiClientRecord,
  LOGIN_LOCKOUT,
  type NewApiClient,
  apiClientsOf,
  authenticate,
  createApiClient,
  revokeApiClient,
} from './api-client.js';
