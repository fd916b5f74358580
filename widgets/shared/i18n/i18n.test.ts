import { describe, expect, expectTypeOf, it } from "vitest";
import { en } from "./en.js";
import { errorText, fieldErrorText, format, getLocale, onLocaleChange, setLocale, t, type Catalogue } from "./index.js";
import { nl } from "./nl.js";

describe("catalogues", () => {
  it("gives en exactly the keys of nl (also enforced by the Catalogue type)", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    expectTypeOf(en).toEqualTypeOf<Catalogue>();
  });

  it("rejects a catalogue with a missing or an extra key at compile time", () => {
    const { "login.title": _dropped, ...missing } = en;
    // @ts-expect-error "login.title" is missing
    const incomplete: Catalogue = missing;
    // @ts-expect-error "login.typo" is not a key of nl
    const extra: Catalogue = { ...en, "login.typo": "x" };
    expect(incomplete).toBeDefined();
    expect(extra).toBeDefined();
  });

  it("has no empty texts and the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(nl[key].trim(), key).not.toBe("");
      expect(en[key].trim(), key).not.toBe("");
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  it("uses DUO's wording on the koppelpagina", () => {
    expect(t("login.button", undefined, "nl")).toBe("Inloggen met eHerkenning");
    expect(t("link.title", undefined, "nl")).toBe("eHerkenning koppelen aan account");
    expect(t("link.passwordForgotten", undefined, "nl")).toBe("Wachtwoord vergeten?");
    expect(`${t("link.noCredentials", undefined, "nl")} ${t("link.useActivationCode", undefined, "nl")}`).toBe(
      "Geen gebruikersnaam en wachtwoord? Gebruik dan uw activatiecode.",
    );
  });
});

describe(t.name, () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(t("blocked.text", { time: "14:05" }, "nl")).toContain("geblokkeerd tot 14:05");
    expect(format("a {x} {y}", { x: 1 })).toBe("a 1 {y}");
  });
});

describe(setLocale.name, () => {
  it("switches the language and notifies subscribers", () => {
    const seen: string[] = [];
    const off = onLocaleChange((l) => seen.push(l));
    setLocale("en");
    expect(getLocale()).toBe("en");
    expect(t("login.button")).toBe("Log in with eHerkenning");
    setLocale("nl");
    off();
    setLocale("en");
    expect(seen).toEqual(["en", "nl"]);
    setLocale("nl");
  });
});

describe(errorText.name, () => {
  it("maps error ids in both languages, falls back to the server message, then a generic text", () => {
    expect(errorText({ id: "invalid_credentials" }, "nl")).toBe("De gebruikersnaam of het wachtwoord is niet juist.");
    expect(errorText({ id: "invalid_credentials" }, "en")).toBe("The username or password is incorrect.");
    expect(errorText({ id: "brand_new", message: "Van de server" }, "nl")).toBe("Van de server");
    expect(errorText({ id: "brand_new" }, "en")).toBe("Something went wrong. Please try again.");
    expect(fieldErrorText("invalid_email", "nl")).toContain("geldig e-mailadres");
    expect(fieldErrorText("whatever", "en")).toBe("Please check this field.");
  });
});
