/**
 * CSV files for Excel users in China: UTF-8 with a byte-order mark (without it Excel reads Chinese names as GBK and
 * shows garbage), amounts as the graph's exact decimals (never through a float), quoted where a field needs it.
 */
const field = (value: string | number | null | undefined) => {
  const text = value == null ? '' : String(value);
  // A leading =, +, - or @ would make Excel evaluate a merchant's name as a formula.
  const safe = /^[=+@]/.test(text) || (/^-/.test(text) && !/^-\d+(\.\d+)?$/.test(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const csvLine = (values: (string | number | null | undefined)[]) => `${values.map(field).join(',')}\r\n`;

/** Builds the file from parts as they arrive (a page of rows each) and hands it to the browser as a download. */
export class CsvDownload {
  private readonly parts: string[] = ['\uFEFF'];
  constructor(header: string[]) {
    this.parts.push(csvLine(header));
  }
  add(rows: (string | number | null | undefined)[][]) {
    for (const row of rows) this.parts.push(csvLine(row));
  }
  save(filename: string) {
    const url = URL.createObjectURL(new Blob(this.parts, { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
