import { describe, expect, it } from "vitest";
import { SHARED_EMAIL_LOCAL_PARTS } from "../../server/src/contracts/api/auth.js";
import { isSharedEmailAddress, looksLikeEmail } from "./shared-email.js";

describe(isSharedEmailAddress.name, () => {
  it.each(["info@obs-delinde.nl", "Administratie@school.nl", " INFO@x.nl ", "info+ouders@x.nl", "secretariaat@x.nl", "info2@x.nl", "administratie.obs@x.nl"])(
    "warns for %s",
    (email) => expect(isSharedEmailAddress(email)).toBe(true),
  );

  it.each(["j.devries@obs-delinde.nl", "informatica.docent@x.nl", "marieke@info.nl", "info", "info@", "@x.nl", ""])(
    "does not warn for %j",
    (email) => expect(isSharedEmailAddress(email)).toBe(false),
  );

  it("warns for every address the server refuses as shared", () => {
    for (const local of SHARED_EMAIL_LOCAL_PARTS) expect(isSharedEmailAddress(`${local}@school.nl`), local).toBe(true);
  });
});

describe(looksLikeEmail.name, () => {
  it("accepts plain addresses and rejects obvious typos", () => {
    expect(looksLikeEmail("j.devries@school.nl")).toBe(true);
    expect(looksLikeEmail("j.devries@school")).toBe(false);
    expect(looksLikeEmail("j devries@school.nl")).toBe(false);
  });
});
