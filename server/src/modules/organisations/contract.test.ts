import { describe, expect, it } from "vitest";
import { contactCreateSchema, organisationDetailsUpdateSchema } from "../../contracts/api/organisations.js";
import { assertRolesAllowed } from "./commands/contact-rules.js";

describe("contracts/api/organisations", () => {
  it("normalises what people type and rejects operator objects", () => {
    expect(organisationDetailsUpdateSchema.parse({ email: " Info@X.NL ", phone: " 030  123 4567" })).toEqual({ email: "info@x.nl", phone: "030 123 4567" });
    expect(organisationDetailsUpdateSchema.safeParse({ name: { $gt: "" } }).success).toBe(false);
    expect(contactCreateSchema.parse({ name: " Jan ", email: "J@X.NL", function: "" })).toEqual({ name: "Jan", email: "j@x.nl", function: null });
  });
});

describe(assertRolesAllowed.name, () => {
  const code = (kind: "school" | "board", roles: Parameters<typeof assertRolesAllowed>[1]) => {
    try {
      assertRolesAllowed(kind, roles);
      return "ok";
    } catch (err) {
      return (err as { fields?: { roles?: { code: string } } }).fields?.roles?.code;
    }
  };
  it("gives a school contact exactly one of its own roles", () => {
    expect(code("school", ["authorised"])).toBe("ok");
    expect(code("school", ["other"])).toBe("ok");
    expect(code("school", [])).toBe("role_required");
    expect(code("school", ["authorised", "other"])).toBe("too_many_roles");
    expect(code("school", ["rio"])).toBe("role_not_allowed");
  });
  it("gives a board contact any of its own roles, or none", () => {
    expect(code("board", [])).toBe("ok");
    expect(code("board", ["authorised", "bron_development", "rio"])).toBe("ok");
    expect(code("board", ["other"])).toBe("role_not_allowed");
  });
});
