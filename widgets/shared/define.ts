/**
 * Idempotent custom element registration: loading the same bundle twice (an embed script on a page that already
 * has Balie's elements) must not throw "has already been used with this registry".
 */
export function define(tag: string, ctor: CustomElementConstructor): void {
  if (typeof customElements === "undefined") return;
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
