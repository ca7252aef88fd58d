/** Calendar days as the graph takes them (YYYY-MM-DD), in Shanghai's calendar, where the coalition's days and months turn. */
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const today = () => shanghaiDay.format(new Date());

const shanghaiMinute = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Shanghai's wall clock to the minute, "2026-12-05 13:10": when a figure computed beside the requests holds. */
export const shanghaiTime = (instant: string) => shanghaiMinute.format(new Date(instant)).replace(',', '');

export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** The month before the current one, "2026-11": the one a clerk settles. */
export function lastMonth(): string {
  const [year, month] = today().split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
