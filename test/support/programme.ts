/** The default programme of docs/programme.md as HQ's input, and variations of it, for tests that set a programme. */
export const DEFAULT_TIERS = [
  { code: 'NORMAL', name: '普通', threshold: 0, pointsMultiplierBps: 10000, upgradeGiftPoints: 0 },
  { code: 'SILVER', name: '银卡', threshold: 1000, pointsMultiplierBps: 12000, upgradeGiftPoints: 500 },
  { code: 'GOLD', name: '金卡', threshold: 5000, pointsMultiplierBps: 15000, upgradeGiftPoints: 2000 },
  { code: 'DIAMOND', name: '钻石', threshold: 20000, pointsMultiplierBps: 20000, upgradeGiftPoints: 5000 },
];

export const ladder = (overrides: Partial<(typeof DEFAULT_TIERS)[number] & { description: string; badge: { code: string; name: string } | null }>[] = []) =>
  DEFAULT_TIERS.map((t, i) => ({ ...t, description: `${t.name}权益`, ...overrides[i] }));

export const programmeInput = (changes: Record<string, unknown> = {}) => ({
  cycle: 'YEAR',
  growthPerYuan: 1,
  pointsPerYuanBurn: 100,
  signInGrowth: 5,
  signInPoints: 10,
  tiers: ladder(),
  ...changes,
});
