/** A source of uniformly random bytes, such as node:crypto's randomBytes. */
export type RandomBytes = (size: number) => Uint8Array;

/** The Luhn (mod 10) check digit that completes `partial`. */
export function luhnCheckDigit(partial: string): string {
  let sum = 0;
  // From the right, every other digit is doubled, starting with the one next to the check digit.
  for (let i = 0; i < partial.length; i++) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

export function luhnValid(pan: string): boolean {
  return /^\d{2,19}$/.test(pan) && luhnCheckDigit(pan.slice(0, -1)) === pan.slice(-1);
}

/** Random decimal digits; bytes of 250 and above are dropped so that every digit is equally likely. */
function randomDigits(count: number, random: RandomBytes): string {
  let digits = "";
  while (digits.length < count) {
    for (const byte of random(count - digits.length)) {
      if (byte < 250) digits += String(byte % 10);
    }
  }
  return digits;
}

/** A card number on the program's BIN: the prefix, a random account part, a Luhn check digit. */
export function generatePan(binPrefix: string, length: number, random: RandomBytes): string {
  if (!/^\d{6,8}$/.test(binPrefix)) throw new RangeError(`BIN prefix must be 6 to 8 digits, not ${binPrefix}`);
  if (!Number.isInteger(length) || length < 13 || length > 19) {
    throw new RangeError(`PAN length must be 13 to 19, not ${length}`);
  }
  const partial = binPrefix + randomDigits(length - binPrefix.length - 1, random);
  return partial + luhnCheckDigit(partial);
}
