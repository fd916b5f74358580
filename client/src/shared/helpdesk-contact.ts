import type { ReactiveController, ReactiveControllerHost } from "lit";
import { AVAILABILITY_STREAM, type Availability } from "../../../server/src/contracts/api/availability.js";

/**
 * The helpdesk's phone number and e-mail address as the supervisors set them with the opening hours: the one
 * source for contact details on every page (the chat status shows the same). Fetched once per page load.
 */
let request: Promise<Pick<Availability, "phone" | "email">> | undefined;

function load(): Promise<Pick<Availability, "phone" | "email">> {
  request ??= fetch(AVAILABILITY_STREAM.snapshotPath, { credentials: "same-origin" })
    .then((r) => (r.ok ? (r.json() as Promise<Availability>) : Promise.reject(new Error(String(r.status)))))
    .then((a) => ({ phone: a.phone, email: a.email }))
    .catch(() => {
      request = undefined; // try again on the next page that asks
      return { phone: "", email: "" };
    });
  return request;
}

/** Gives its host `email` and `phone` of the helpdesk (empty until known) and re-renders it when they arrive. */
export class HelpdeskContactController implements ReactiveController {
  email = "";
  phone = "";

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    void load().then((contact) => {
      this.email = contact.email;
      this.phone = contact.phone;
      this.host.requestUpdate();
    });
  }
}
