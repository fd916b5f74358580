/**
 * Records one contact moment: a phone call or e-mail an agent logs, a document a school uploads, a document or
 * e-mail the helpdesk puts in the archive. Copies the organisation's board onto the moment (see the model), so
 * the board's view over its schools stays one index range.
 */
import { Types } from "mongoose";
import type { ContactChannelValue, ContactMomentView } from "../../../contracts/api/history.js";
import { AppError } from "../../../contracts/errors.js";
import { OrganisationModel } from "../../organisations/organisation.model.js";
import { ContactMomentModel } from "../contact-moment.model.js";
import { presentContactMoments } from "../contact-moment.presenter.js";

/** Props of {@link contactMomentRecorder}. */
export interface ContactMomentRecorderProps {
  organisationId: string;
  channel: ContactChannelValue;
  direction: "in" | "out";
  subject: string;
  summary: string;
  /** The agent who handled it (absent for a portal upload). */
  agentId?: string | null;
  /** The person at the organisation, as a name. */
  contactName?: string | null;
  startedAt: Date;
  endedAt?: Date | null;
  callbackRequested?: boolean;
  /** The archive item the moment is about. */
  archiveItemId?: Types.ObjectId | null;
}

/** Inserts the moment and returns it as the API shows it. 404 when the organisation does not exist. */
export async function contactMomentRecorder(props: ContactMomentRecorderProps): Promise<ContactMomentView> {
  const org = await OrganisationModel.findById(props.organisationId).select({ kind: 1, boardId: 1 }).lean().exec();
  if (!org) throw new AppError("not_found", { detail: "organisation" });
  const created = await ContactMomentModel.create({
    organisationId: org._id,
    boardId: org.kind === "school" ? (org.boardId ?? null) : null,
    channel: props.channel,
    direction: props.direction,
    subject: props.subject,
    summary: props.summary,
    agentId: props.agentId ? new Types.ObjectId(props.agentId) : null,
    ...(props.contactName ? { contactName: props.contactName } : {}),
    startedAt: props.startedAt,
    endedAt: props.endedAt ?? null,
    links: props.archiveItemId ? { archiveItemId: props.archiveItemId } : {},
    callbackRequested: props.callbackRequested ?? false,
  });
  const [view] = await presentContactMoments([created.toObject()]);
  return view!;
}
