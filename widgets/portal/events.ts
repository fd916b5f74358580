/**
 * Events the portal elements send up to the portal shell. The shell owns the session: it switches accounts
 * (`POST /api/v1/session/switch`), navigates and logs out.
 */

/** "Open this organisation's portal": another linked account, a school of the board, or back to the board. */
export class HdOpenOrganisationEvent extends Event {
  static readonly eventName = "hd-open-organisation";
  constructor(readonly organisationId: string) {
    super(HdOpenOrganisationEvent.eventName, { bubbles: true, composed: true });
  }
}

/** "Uitloggen" from the profile menu. */
export class HdPortalLogoutEvent extends Event {
  static readonly eventName = "hd-portal-logout";
  constructor() {
    super(HdPortalLogoutEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    "hd-open-organisation": HdOpenOrganisationEvent;
    "hd-portal-logout": HdPortalLogoutEvent;
  }
}

/** Asks the tab to announce `message` in its polite live region ("Opgeslagen", "… is verwijderd."). */
export class HdAnnounceEvent extends Event {
  static readonly eventName = "hd-announce";
  constructor(readonly message: string) {
    super(HdAnnounceEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The contact persons changed (the organisation's `version` moved on): views holding the version reload. */
export class HdContactsChangedEvent extends Event {
  static readonly eventName = "hd-contacts-changed";
  constructor() {
    super(HdContactsChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    "hd-announce": HdAnnounceEvent;
    "hd-contacts-changed": HdContactsChangedEvent;
  }
}

/** The organisation's own details were saved (its name may have changed): the shell refreshes its header. */
export class HdOrganisationChangedEvent extends Event {
  static readonly eventName = "hd-organisation-changed";
  constructor(readonly organisationId: string) {
    super(HdOrganisationChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    "hd-organisation-changed": HdOrganisationChangedEvent;
  }
}
