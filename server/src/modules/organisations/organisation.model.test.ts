import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { buildBoard, buildContact, buildSchool } from "../../../../test/factories/index.js";
import { OrganisationModel, organisationRuleViolations } from "./organisation.model.js";

async function validationErrors(doc: object): Promise<Record<string, string>> {
  try {
    await new OrganisationModel(doc).validate();
    return {};
  } catch (err) {
    const errors = (err as { errors?: Record<string, { message: string }> }).errors ?? {};
    return Object.fromEntries(Object.entries(errors).map(([path, e]) => [path, e.message]));
  }
}

describe("OrganisationModel", () => {
  it("accepts the factories' school and board", async () => {
    expect(await validationErrors(buildSchool())).toEqual({});
    expect(await validationErrors(buildBoard())).toEqual({});
  });

  it("normalises postcode, codes, e-mail and phone on the way in", () => {
    const school = new OrganisationModel(
      buildSchool({
        code: "77xy",
        email: " Info@School.Example.NL ",
        phone: " 030  123 4567",
        visitingAddress: { street: "Kerkstraat", houseNumber: "1", postcode: "3511ab", city: "Utrecht" },
        branches: [{ code: "77xy00", name: "Hoofdlocatie", address: { street: "Kerkstraat", houseNumber: "1", postcode: "3511 ab", city: "Utrecht" } }],
      }),
    );
    expect(school.code).toBe("77XY");
    expect(school.email).toBe("info@school.example.nl");
    expect(school.phone).toBe("030 123 4567");
    expect(school.visitingAddress?.postcode).toBe("3511 AB");
    expect(school.branches[0]?.code).toBe("77XY00");
  });

  it("rejects a school code that is not an instellingscode, and a board code that is not a bestuursnummer", async () => {
    expect(await validationErrors(buildSchool({ code: "1234" }))).toMatchObject({ code: "invalid_instellingscode" });
    expect(await validationErrors(buildBoard({ code: "12AB" }))).toMatchObject({ code: "invalid_bestuursnummer" });
  });

  it("rejects board roles on a school and school roles on a board", async () => {
    expect(await validationErrors(buildSchool({ contacts: [buildContact({ roles: ["authorised", "rio"] })] }))).toMatchObject({ contacts: "role_not_allowed" });
    expect(await validationErrors(buildBoard({ contacts: [buildContact({ roles: ["other"] })] }))).toMatchObject({ contacts: "role_not_allowed" });
  });

  it("rejects a second gemachtigde on a board, but allows a board without one", async () => {
    const two = [buildContact({ roles: ["authorised"] }), buildContact({ roles: ["authorised", "rio"] })];
    expect(await validationErrors(buildBoard({ contacts: two }))).toMatchObject({ contacts: "board_authorised_limit" });
    expect(await validationErrors(buildBoard({ contacts: [buildContact({ roles: [] })] }))).toEqual({});
  });

  it("allows several gemachtigden on a school; 'at least one' is the role commands' rule", async () => {
    const two = [buildContact({ roles: ["authorised"] }), buildContact({ roles: ["authorised"] })];
    expect(await validationErrors(buildSchool({ contacts: two }))).toEqual({});
    const none = buildSchool({ contacts: [buildContact({ roles: ["other"] })] });
    expect(organisationRuleViolations(none)).toEqual([]);
    expect(organisationRuleViolations(none, { requireAuthorised: true })).toEqual(["last_authorised_contact"]);
  });

  it("rejects branches of another school and branches on a board", async () => {
    const address = { street: "Kerkstraat", houseNumber: "1", postcode: "3511 AB", city: "Utrecht" };
    expect(await validationErrors(buildSchool({ code: "11AA", branches: [{ code: "22BB01", name: "X", address }] }))).toMatchObject({ branches: "branch_code_mismatch" });
    expect(await validationErrors(buildBoard({ branches: [{ code: "22BB01", name: "X", address }] }))).toMatchObject({ branches: "board_with_branches" });
    expect(await validationErrors(buildBoard({ boardId: new Types.ObjectId() }))).toMatchObject({ boardId: "board_with_board" });
  });

  it("rejects a bad postcode, phone or e-mail", async () => {
    const errors = await validationErrors(
      buildSchool({
        phone: "12345",
        email: "not-an-email",
        postalAddress: { street: "Postbus", houseNumber: "12", postcode: "0123 AB", city: "Utrecht" },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(["email", "phone", "postalAddress.postcode"]);
  });
});
