/** Polls until something a test waits for is true (a process up, a job's effect in the database), or fails saying what it waited for. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  opts: { timeoutMs?: number; explain?: () => string } = {},
): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${opts.explain ? `; ${opts.explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
