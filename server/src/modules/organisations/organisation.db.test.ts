import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, createBoardWithSchools, createContactMoment, createSchool } from "../../../../test/factories/index.js";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../infra/embedded-mongo/index.js";
import { AgentModel } from "../agents/agent.model.js";
import { ContactMomentModel } from "../contact-moments/contact-moment.model.js";
import { OrganisationModel } from "./organisation.model.js";

let store: EmbeddedMongo;

beforeAll(async () => {
  store = await startEmbeddedMongo({ dataDir: null });
  await mongoose.connect(store.uri, { dbName: "balie" });
  await Promise.all([OrganisationModel.init(), AgentModel.init(), ContactMomentModel.init()]);
}, 60_000);

afterAll(async () => {
  await mongoose.disconnect();
  await store?.close();
});

describe("models against the store", () => {
  it("creates the declared indexes", async () => {
    const names = (model: mongoose.Model<never>) => model.collection.listIndexes().toArray().then((ix) => ix.map((i) => i.name).sort());
    expect(await names(OrganisationModel as never)).toEqual(["_id_", "boardId_1", "contacts.email_1", "kind_1_code_1", "kvkNumber_1"]);
    expect(await names(AgentModel as never)).toEqual(["_id_", "username_1"]);
    expect(await names(ContactMomentModel as never)).toEqual(["_id_", "boardId_1_startedAt_-1__id_-1", "organisationId_1_startedAt_-1__id_-1"]);
  });

  it("refuses a second organisation with the same kind and code (after normalising)", async () => {
    await createSchool({ code: "98ZZ" });
    await expect(createSchool({ code: "98zz" })).rejects.toMatchObject({ code: 11000 });
  });

  it("creates boards with schools, agents (unique username) and contact moments through the factories", async () => {
    const { board, schools } = await createBoardWithSchools(2);
    expect(schools.every((s) => s.boardId?.equals(board._id))).toBe(true);
    const agent = await createAgent({ username: "Tester" });
    expect(agent.username).toBe("tester");
    await expect(createAgent({ username: "tester" })).rejects.toMatchObject({ code: 11000 });
    const moment = await createContactMoment({ organisationId: schools[0]!._id, boardId: board._id, agentId: agent._id });
    expect(moment.createdAt).toBeInstanceOf(Date);
  });

  it("lets one conditional updateOne keep 'always a gemachtigde' under concurrent removals", async () => {
    const school = await createSchool();
    const [a, b] = school.contacts;
    await OrganisationModel.updateOne({ _id: school._id, "contacts._id": b!._id }, { $set: { "contacts.$.roles": ["authorised"] } });
    // Remove contact X only if another contact is still a gemachtigde: the shape the role commands use.
    const remove = (id: mongoose.Types.ObjectId) =>
      OrganisationModel.updateOne(
        { _id: school._id, contacts: { $elemMatch: { _id: { $ne: id }, roles: "authorised" } } },
        { $pull: { contacts: { _id: id } }, $inc: { version: 1 } },
      );
    const results = await Promise.all([remove(a!._id), remove(b!._id)]);
    expect(results.map((r) => r.modifiedCount).sort()).toEqual([0, 1]);
    const after = await OrganisationModel.findById(school._id).lean();
    expect(after!.contacts.filter((c) => c.roles.includes("authorised"))).toHaveLength(1);
    expect(after!.version).toBe(1);
  });
});
