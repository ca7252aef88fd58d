/**
 * Member sessions a back office opens. Built on membership.
 * The area's one public entry: other areas import from here only (test/unit/layers.test.ts).
 */
export { openMemberSession } from './member-session.js';
