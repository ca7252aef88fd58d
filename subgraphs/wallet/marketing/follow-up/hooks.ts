/**
 * What follows every movement, declared once: a tier upgrade's gifts and notices (tier-upgrade.ts), and the member's
 * follow-up (after-movement.ts: rule tags and event campaigns, beside the request). The ledger calls these from its
 * one movement path (ledger/journal/movement.ts recordMovement); every LedgerDeps carries them, given where the deps
 * are made (the request context, the jobs, the demo's seed), never by a command.
 */
import type { MovementHooks } from '../../ledger/index.js';
import { followMovement } from './after-movement.js';
import { afterTierUpgrade } from './tier-upgrade.js';

export const MOVEMENT_HOOKS: MovementHooks = { onTierUpgrade: afterTierUpgrade, afterMovement: followMovement };
