import { randomInt } from 'node:crypto';

/** Coalition card numbers: our 4-digit prefix, 11 random digits, a Luhn check digit. */
export const CARD_PREFIX = '8860';

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Double every second digit counting from the right of the final number (check digit excluded).
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isLuhnValid(number: string): boolean {
  return /^\d{2,}$/.test(number) && luhnCheckDigit(number.slice(0, -1)) === Number(number.at(-1));
}

export function newCardNumber(): string {
  let body = CARD_PREFIX;
  while (body.length < 15) body += String(randomInt(10));
  return body + String(luhnCheckDigit(body));
}
