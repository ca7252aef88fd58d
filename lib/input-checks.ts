/**
 * The generic checks of what a caller types: whole numbers in a range, codes, lengths of text. Each refusal is
 * BAD_USER_INPUT naming the field (lib/errors.ts). The domain's own rules (a ladder, a coupon, a campaign) use these
 * and live in their areas.
 */
import { userInputError } from './errors.js';

/** A whole number from `min` to `max`. */
export function wholeNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw userInputError(`${field} must be a whole number from ${min} to ${max}`, field);
  return value;
}

/** A tier's or plan's code: capital letters, digits and _, starting with a letter. */
export function checkCode(raw: string, field: string, example: string): string {
  const code = raw.trim();
  if (!/^[A-Z][A-Z0-9_]{0,19}$/.test(code))
    throw userInputError(`a code is 1 to 20 capital letters, digits or _ starting with a letter, like ${example}`, field);
  return code;
}

/** Trimmed text of `min` to `max` characters (not UTF-16 units: 金卡 is two). */
export function checkText(raw: string, field: string, min: number, max: number): string {
  const text = raw.trim();
  const length = [...text].length;
  if (length < min || length > max) throw userInputError(`${field} must be ${min} to ${max} characters`, field);
  return text;
}
