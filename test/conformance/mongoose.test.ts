// mongoose 9 against the target: the features Balie's models use, with MongoDB's answers surfacing unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mongoose, { Schema, type Connection, type InferSchemaType, type Model } from "mongoose";
import { MongoBulkWriteError, MongoServerError } from "mongodb";
import { conformanceTarget, uniqueDatabaseName, type ConformanceTarget } from "../harness/mongo.js";
import { rejectionOf } from "./support.js";

const schoolSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    code: { type: String, required: true, unique: true, match: /^\d{2}[A-Z]{2}$/ },
    kind: { type: String, enum: ["po", "vo", "so"], required: true },
    pupils: { type: Number, min: 0, default: 0 },
    city: String,
  },
  { timestamps: true },
);
schoolSchema.index({ kind: 1, name: 1 });

const contactSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, lowercase: true },
    school: { type: Schema.Types.ObjectId, ref: "School", required: true },
    roles: [{ type: String }],
  },
  { timestamps: true, optimisticConcurrency: true },
);

type School = InferSchemaType<typeof schoolSchema>;
type Contact = InferSchemaType<typeof contactSchema>;

let target: ConformanceTarget;
let conn: Connection;
let dbName: string;
let SchoolModel: Model<School>;
let ContactModel: Model<Contact>;

beforeAll(async () => {
  target = await conformanceTarget();
  dbName = uniqueDatabaseName("mongoose");
  conn = await mongoose.createConnection(target.uri, { dbName, autoIndex: true, serverSelectionTimeoutMS: 15_000 }).asPromise();
  SchoolModel = conn.model<School>("School", schoolSchema);
  ContactModel = conn.model<Contact>("Contact", contactSchema);
  await SchoolModel.init();
  await ContactModel.init();
});

afterAll(async () => {
  try {
    if (conn) {
      await conn.dropDatabase();
      await conn.close();
    }
  } finally {
    if (target) await target.close();
  }
});

async function school(code: string, extra: Partial<School> = {}) {
  return SchoolModel.create({ name: `School ${code}`, code, kind: "po", ...extra });
}

describe("schema validation and defaults", () => {
  it("rejects an invalid document with a ValidationError before anything is written", async () => {
    const err = await rejectionOf(SchoolModel.create({ code: "bad", kind: "xx", pupils: -1 } as unknown as School));
    expect(err).toBeInstanceOf(mongoose.Error.ValidationError);
    const errors = (err as unknown as mongoose.Error.ValidationError).errors;
    expect(Object.keys(errors).sort()).toEqual(["code", "kind", "name", "pupils"]);
    expect(errors["name"]!.kind).toBe("required");
    expect(await SchoolModel.countDocuments({ code: "bad" })).toBe(0);
  });

  it("applies defaults, setters (trim, lowercase) and timestamps", async () => {
    const s = await SchoolModel.create({ name: "  De Regenboog  ", code: "01AA", kind: "po" });
    expect(s.name).toBe("De Regenboog");
    expect(s.pupils).toBe(0);
    expect(s.createdAt).toBeInstanceOf(Date);
    expect(s.updatedAt).toBeInstanceOf(Date);
    const raw = await conn.db!.collection("schools").findOne({ _id: s._id });
    expect(raw!.createdAt).toBeInstanceOf(Date);
    expect(raw!.name).toBe("De Regenboog");
  });

  it("timestamps: an update moves updatedAt forward and keeps createdAt", async () => {
    const s = await school("02AA");
    await new Promise((resolve) => setTimeout(resolve, 15));
    await SchoolModel.updateOne({ _id: s._id }, { $set: { city: "Zwolle" } });
    const again = await SchoolModel.findById(s._id).orFail();
    expect(again.createdAt!.getTime()).toBe(s.createdAt!.getTime());
    expect(again.updatedAt!.getTime()).toBeGreaterThan(s.updatedAt!.getTime());
  });
});

describe("indexes through mongoose", () => {
  it("autoIndex/init creates the schema's indexes, including unique ones", async () => {
    const indexes = await SchoolModel.listIndexes();
    const byName = Object.fromEntries(indexes.map((ix) => [ix.name, ix]));
    expect(byName["code_1"]).toMatchObject({ key: { code: 1 }, unique: true });
    expect(byName["kind_1_name_1"]).toMatchObject({ key: { kind: 1, name: 1 } });
  });

  it("surfaces a duplicate key as MongoServerError 11000 with keyPattern and keyValue", async () => {
    await school("03AA");
    const err = await rejectionOf(school("03AA"));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ code: 1 });
    expect(err.keyValue).toEqual({ code: "03AA" });
  });

  it("syncIndexes creates missing schema indexes and drops indexes the schema does not declare", async () => {
    const collection = conn.db!.collection("schools");
    await collection.createIndex({ pupils: 1 });
    await collection.dropIndex("kind_1_name_1");
    const dropped = await SchoolModel.syncIndexes();
    expect(dropped).toEqual(["pupils_1"]);
    const names = (await collection.listIndexes().toArray()).map((ix) => ix.name).sort();
    expect(names).toEqual(["_id_", "code_1", "kind_1_name_1"]);
  });
});

describe("queries", () => {
  it("populate replaces a reference with the referenced document from the other collection", async () => {
    const s = await school("04AA", { city: "Utrecht" });
    await ContactModel.create({ name: "Anna", email: "ANNA@School.NL", school: s._id, roles: ["gemachtigde"] });
    const c = await ContactModel.findOne({ name: "Anna" }).populate<{ school: School }>("school").orFail();
    expect(c.email).toBe("anna@school.nl");
    expect(c.school.code).toBe("04AA");
    expect(c.school.city).toBe("Utrecht");
  });

  it("lean() returns plain objects with BSON values (ObjectId, Date), not documents", async () => {
    const s = await school("05AA");
    const plain = await SchoolModel.findById(s._id).lean().orFail();
    expect(plain).not.toBeInstanceOf(mongoose.Document);
    expect(plain._id).toBeInstanceOf(mongoose.Types.ObjectId);
    expect(plain.createdAt).toBeInstanceOf(Date);
    expect(plain.code).toBe("05AA");
  });

  it("findOneAndUpdate with upsert and returnDocument 'after' (formerly new: true) creates and returns the document", async () => {
    const created = await SchoolModel.findOneAndUpdate(
      { code: "06AA" },
      { $set: { name: "Nieuw", kind: "vo" } },
      { upsert: true, returnDocument: "after", setDefaultsOnInsert: true },
    ).orFail();
    expect(created.code).toBe("06AA");
    expect(created.kind).toBe("vo");
    expect(created.pupils).toBe(0);
    expect(created.createdAt).toBeInstanceOf(Date);
    const updated = await SchoolModel.findOneAndUpdate({ code: "06AA" }, { $inc: { pupils: 5 } }, { returnDocument: "after" }).orFail();
    expect(updated._id.equals(created._id)).toBe(true);
    expect(updated.pupils).toBe(5);
    const before = await SchoolModel.findOneAndUpdate({ code: "06AA" }, { $inc: { pupils: 1 } }).orFail();
    expect(before.pupils).toBe(5);
  });

  it("countDocuments and exists", async () => {
    await SchoolModel.insertMany([
      { name: "A", code: "07AA", kind: "so" },
      { name: "B", code: "07AB", kind: "so" },
    ]);
    expect(await SchoolModel.countDocuments({ kind: "so" })).toBe(2);
    const hit = await SchoolModel.exists({ code: "07AB" });
    expect(hit).not.toBeNull();
    expect(hit!._id).toBeInstanceOf(mongoose.Types.ObjectId);
    expect(await SchoolModel.exists({ code: "99ZZ" })).toBeNull();
  });

  it("insertMany validates and inserts all documents, returning them with _ids", async () => {
    const docs = await SchoolModel.insertMany([
      { name: "C", code: "08AA", kind: "po" },
      { name: "D", code: "08AB", kind: "vo" },
    ]);
    expect(docs).toHaveLength(2);
    expect(docs.every((d) => d._id instanceof mongoose.Types.ObjectId)).toBe(true);
    expect(await SchoolModel.countDocuments({ code: { $in: ["08AA", "08AB"] } })).toBe(2);
  });

  it("insertMany with ordered: false inserts the valid documents and reports the duplicate", async () => {
    await school("09AA");
    const err = await rejectionOf(
      SchoolModel.insertMany(
        [
          { name: "E", code: "09AB", kind: "po" },
          { name: "F", code: "09AA", kind: "po" },
          { name: "G", code: "09AC", kind: "po" },
        ],
        { ordered: false },
      ),
    );
    expect(err).toBeInstanceOf(MongoBulkWriteError);
    expect(err.code).toBe(11000);
    expect(await SchoolModel.countDocuments({ code: /^09/ })).toBe(3);
  });

  it("bulkWrite mixes inserts, updates, upserts and deletes and reports each count", async () => {
    await school("10AA");
    await school("10AB");
    const res = await SchoolModel.bulkWrite([
      { insertOne: { document: { name: "H", code: "10AC", kind: "po" } } },
      { updateOne: { filter: { code: "10AA" }, update: { $set: { city: "Delft" } } } },
      { updateOne: { filter: { code: "10AD" }, update: { $set: { name: "I", kind: "po" } }, upsert: true } },
      { deleteOne: { filter: { code: "10AB" } } },
    ]);
    expect(res.insertedCount).toBe(1);
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(res.deletedCount).toBe(1);
    expect((await SchoolModel.find({ code: /^10/ }).sort({ code: 1 }).lean()).map((s) => s.code)).toEqual([
      "10AA",
      "10AC",
      "10AD",
    ]);
  });
});

describe("optimistic concurrency", () => {
  it("increments the version key on save and rejects a save from a stale copy with a VersionError", async () => {
    const s = await school("11AA");
    const created = await ContactModel.create({ name: "Bram", school: s._id, roles: ["contact"] });
    expect(created.__v).toBe(0);
    const copyA = await ContactModel.findById(created._id).orFail();
    const copyB = await ContactModel.findById(created._id).orFail();
    copyA.roles.push("gemachtigde");
    await copyA.save();
    expect((await ContactModel.findById(created._id).lean().orFail()).__v).toBe(1);
    copyB.name = "Bram de Vries";
    const err = await rejectionOf(copyB.save());
    expect(err).toBeInstanceOf(mongoose.Error.VersionError);
    const stored = await ContactModel.findById(created._id).lean().orFail();
    expect(stored.name).toBe("Bram");
    expect(stored.roles).toEqual(["contact", "gemachtigde"]);
  });
});

describe("subdocument arrays", () => {
  it("doc.arr.pull(subdoc) on subdocuments without _id removes exactly that element (mongoose sends $pull with $or)", async () => {
    const lineSchema = new Schema({ sku: String, qty: Number }, { _id: false });
    const Order = conn.model("Order", new Schema({ lines: [lineSchema] }));
    const created = await Order.create({ lines: [{ sku: "x", qty: 1 }, { sku: "y", qty: 2 }, { sku: "x", qty: 3 }] });
    const order = await Order.findById(created._id).orFail();
    order.lines.pull(order.lines[0]);
    await order.save();
    const stored = await Order.findById(created._id).lean().orFail();
    expect(stored.lines).toEqual([{ sku: "y", qty: 2 }, { sku: "x", qty: 3 }]);
  });
});
