/**
 * Shared state while building demo data: the PRNG, deterministic ObjectIds, the files to store and the anchor.
 */
import { Types } from "mongoose";
import type { FileRef } from "../modules/archive/archive-item.model.js";
import { Random } from "./random.js";
import { amsterdamDay, type Day } from "./time.js";

/** A file to be written to GridFS by the seed. */
export interface DemoFile {
  _id: Types.ObjectId;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** What every builder receives. */
export class SeedContext {
  readonly rng: Random;
  readonly files: DemoFile[] = [];
  /** The Amsterdam calendar day of the anchor. */
  readonly today: Day;
  private counter = 0;
  private readonly machine: string;

  constructor(
    /** Every generated date lies before this moment. */
    readonly anchor: Date,
    seed: number,
  ) {
    this.rng = new Random(seed);
    this.today = amsterdamDay(anchor);
    // The five "random" ObjectId bytes, fixed per seed, so ids are the same on every run.
    this.machine = Buffer.from(this.rng.bytes(5)).toString("hex");
  }

  /**
   * A deterministic ObjectId whose timestamp is `at` (so `_id` order follows time, like ids made at that
   * moment) and whose counter makes it unique within the seed.
   */
  id(at: Date = this.anchor): Types.ObjectId {
    const seconds = Math.max(0, Math.floor(at.getTime() / 1000));
    const counter = (this.counter++ & 0xffffff).toString(16).padStart(6, "0");
    return new Types.ObjectId(`${seconds.toString(16).padStart(8, "0")}${this.machine}${counter}`);
  }

  /** Registers a file for GridFS and returns the reference to store on an archive item or evaluation. */
  addFile(at: Date, filename: string, contentType: string, data: Buffer): FileRef {
    const _id = this.id(at);
    this.files.push({ _id, filename, contentType, data });
    return { fileId: _id, filename, contentType, size: data.length };
  }
}

/** Lower-case ASCII slug: `Prinses Irenestraat` → `prinses-irenestraat`, `Één` → `een`. */
export function slug(text: string, separator = "-"): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/ /g, separator);
}
