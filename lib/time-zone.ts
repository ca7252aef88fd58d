/**
 * The coalition's time zone (UNICARD_TIME_ZONE, docs/operations.md): its days, its months and so its accounting periods.
 * Here, outside the wallet, because the migration that gives the journal its months (Migration20261206000100) must cut
 * them where the wallet does.
 */
export const COALITION_TIME_ZONE = process.env.UNICARD_TIME_ZONE ?? 'Asia/Shanghai';
