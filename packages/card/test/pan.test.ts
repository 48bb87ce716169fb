import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePan, luhnCheckDigit, luhnValid } from "../src/domain/pan.ts";

describe("Luhn", () => {
  it.each(["4111111111111111", "5555555555554444", "378282246310005", "79927398713"])("accepts %s", (pan) => {
    expect(luhnValid(pan)).toBe(true);
  });

  it.each(["4111111111111112", "79927398710", "", "4111-1111-1111-1111"])("refuses %j", (pan) => {
    expect(luhnValid(pan)).toBe(false);
  });

  it("completes a partial number", () => {
    expect(luhnCheckDigit("7992739871")).toBe("3");
  });
});

describe("generating a card number", () => {
  it("keeps the BIN prefix, has the program's length and a valid check digit, 10,000 times over", () => {
    for (const [bin, length] of [
      ["424242", 16],
      ["42424299", 16],
      ["5555341", 19],
    ] as const) {
      const pans = Array.from({ length: 10_000 }, () => generatePan(bin, length, randomBytes));
      const wrong = pans.filter((pan) => pan.length !== length || !pan.startsWith(bin) || !luhnValid(pan));
      expect(wrong).toEqual([]);
      // Random account parts: 10,000 draws from 10^7 collide about 5 times (the vault draws again
      // on a collision); a hundred would mean the digits are not random.
      expect(new Set(pans).size).toBeGreaterThan(9_900);
    }
  });

  it("uses only the random source it is given, dropping bytes that would bias the digits", () => {
    let call = 0;
    const source = (size: number) => new Uint8Array(size).fill(call++ === 0 ? 255 : 7);
    expect(generatePan("400000", 16, source)).toBe(`400000777777777${luhnCheckDigit("400000777777777")}`);
  });

  it("refuses a malformed BIN or length", () => {
    expect(() => generatePan("4242", 16, randomBytes)).toThrow(RangeError);
    expect(() => generatePan("424242", 12, randomBytes)).toThrow(RangeError);
  });
});
