import type { nothing, ReactiveController, ReactiveControllerHost, TemplateResult } from "lit";
import { loadable } from "./loadable.js";
import { toApiError, type PortalApi, type PortalApiError } from "./portal-api.js";

/** An element the portal shell gives an `api` client and an `organisation-id`. */
export type OrganisationResourceHost = ReactiveControllerHost & {
  readonly api: PortalApi | null;
  readonly organisationId: string;
};

/**
 * One piece of an organisation's data for a portal tile: loads it with `fetch(api, organisationId)` whenever the
 * host's `api` or `organisationId` changes (and both are set), and re-renders the host when it arrives or fails.
 * A response for an earlier organisation that arrives late is dropped.
 *
 * `private readonly branches = new OrganisationResource(this, (api, id) => api.get<BranchList>(…).then((l) => l.branches));`
 * then in `render()`: `${this.branches.render((branches) => html`…`)}`.
 */
export class OrganisationResource<T> implements ReactiveController {
  /** The loaded data; the previous organisation's until the next load succeeds, `null` before the first. */
  value: T | null = null;
  /** Why the last load failed; `null` while loading or after success. */
  error: PortalApiError | null = null;

  private api: PortalApi | null = null;
  private organisationId = "";
  private request = 0;

  constructor(
    private readonly host: OrganisationResourceHost,
    private readonly fetch: (api: PortalApi, organisationId: string) => Promise<T>,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const { api, organisationId } = this.host;
    if (api === this.api && organisationId === this.organisationId) return;
    this.api = api;
    this.organisationId = organisationId;
    // Runs inside the host's update, so the cleared error is rendered without asking for another update.
    void this.load();
  }

  /** Loads again (the "Opnieuw proberen" button), showing the loading line meanwhile. */
  reload(): void {
    void this.load();
    this.host.requestUpdate();
  }

  /** Loading line, error alert with "Opnieuw proberen", or `render(value)`: see {@link loadable}. */
  render(render: (value: T) => TemplateResult | typeof nothing): TemplateResult | typeof nothing {
    return loadable(this.value, this.error, () => this.reload(), render);
  }

  private async load(): Promise<void> {
    const { api, organisationId } = this;
    if (!api || !organisationId) return;
    const request = ++this.request;
    this.error = null;
    try {
      const value = await this.fetch(api, organisationId);
      if (request === this.request) this.value = value;
    } catch (error) {
      if (request === this.request) this.error = toApiError(error);
    }
    if (request === this.request) this.host.requestUpdate();
  }
}
