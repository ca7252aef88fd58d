/**
 * What follows every movement, declared once: a tier upgrade's gifts and notices (tier-upgrade.ts), a budgeted benefit's
 * month checked (benefits/benefit-budget.ts), and the member's follow-up (after-movement.ts: rule tags and event
 * campaigns, beside the request). The ledger calls these from its
 * one movement path (ledger/journal/movement.ts recordMovement); every LedgerDeps carries them, given where the deps
 * are made (the request context, the jobs, the demo's seed), never by a command.
 */
import { COALITION_TIME_ZONE, type MovementHooks } from '../../ledger/index.js';
import { queueBudgetCheck } from '../benefits/benefit-budget.js';
import { followMovement } from './after-movement.js';
import { afterTierUpgrade } from './tier-upgrade.js';

export const MOVEMENT_HOOKS: MovementHooks = {
  onTierUpgrade: afterTierUpgrade,
  // Both beside the request: a budgeted benefit's month checked (benefits/benefit-budget.ts), the member's follow-up.
  afterMovement: async (em, transaction, upgraded) => {
    await queueBudgetCheck(em, transaction, COALITION_TIME_ZONE);
    await followMovement(em, transaction, upgraded);
  },
};
