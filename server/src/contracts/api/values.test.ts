import { describe, expect, it } from "vitest";
import {
  addressSchema,
  bestuursnummerSchema,
  branchCodeSchema,
  emailSchema,
  instellingscodeSchema,
  isBranchCode,
  isInstellingscode,
  isValidPhone,
  kvkNumberSchema,
  normalisePostcode,
  phoneSchema,
  postcodeSchema,
} from "./values.js";

describe("postcode", () => {
  it.each([
    ["1234AB", "1234 AB"],
    ["1234 ab", "1234 AB"],
    [" 1234  Ab ", "1234 AB"],
    ["3511\tCD", "3511 CD"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
    expect(postcodeSchema.parse(input)).toBe(expected);
  });

  it.each(["0123 AB", "123 AB", "12345 AB", "1234 A", "1234 ABC", "ABCD 12", "", "1234-AB"])("rejects %j", (input) => {
    const result = postcodeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("invalid_postcode");
  });
});

describe("codes", () => {
  it("accepts and upper-cases instellingscodes", () => {
    expect(instellingscodeSchema.parse("12ab")).toBe("12AB");
    expect(isInstellingscode("12AB")).toBe(true);
    for (const bad of ["1AB", "123AB", "12A", "12ABC", "AB12", "12 AB"]) {
      expect(instellingscodeSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("accepts 5-digit bestuursnummers only", () => {
    expect(bestuursnummerSchema.parse("41234")).toBe("41234");
    for (const bad of ["4123", "412345", "4123A", ""]) expect(bestuursnummerSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("checks vestiging codes, optionally against their school", () => {
    expect(branchCodeSchema.parse("12ab01")).toBe("12AB01");
    expect(isBranchCode("12AB01", "12AB")).toBe(true);
    expect(isBranchCode("12AB01", "13CD")).toBe(false);
    expect(branchCodeSchema.safeParse("12AB1").success).toBe(false);
  });

  it("accepts 8-digit KvK numbers", () => {
    expect(kvkNumberSchema.parse("12345678")).toBe("12345678");
    expect(kvkNumberSchema.safeParse("1234567").success).toBe(false);
  });

  it("rejects an operator object where a string belongs", () => {
    expect(instellingscodeSchema.safeParse({ $gt: "" }).success).toBe(false);
  });
});

describe("phone", () => {
  it.each(["030 123 4567", "0344 612 345", "06 1234 5678", "06-12345678", "+31 30 123 4567", "(030) 123 45 67", "0800 1234"])(
    "accepts %j",
    (input) => expect(isValidPhone(input)).toBe(true),
  );
  it.each(["123", "030 123 456", "0030 123 4567", "+32 30 123 4567", "phone"])("rejects %j", (input) => {
    expect(phoneSchema.safeParse(input).success).toBe(false);
  });
  it("collapses whitespace", () => expect(phoneSchema.parse("  030  123 4567 ")).toBe("030 123 4567"));
});

describe("email and address", () => {
  it("lower-cases and trims e-mail addresses", () => {
    expect(emailSchema.parse("  A.Jansen@School.Example.NL ")).toBe("a.jansen@school.example.nl");
    for (const bad of ["a@b", "a b@c.nl", "@c.nl", "a@.nl", "a..b@c.nl"]) expect(emailSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("validates an address with a normalised postcode", () => {
    expect(addressSchema.parse({ street: "Postbus", houseNumber: "123", postcode: "3500ab", city: "Utrecht" })).toEqual({
      street: "Postbus",
      houseNumber: "123",
      postcode: "3500 AB",
      city: "Utrecht",
    });
    expect(addressSchema.safeParse({ street: "Kerkstraat", houseNumber: "a12", postcode: "3500 AB", city: "X" }).success).toBe(false);
  });
});
