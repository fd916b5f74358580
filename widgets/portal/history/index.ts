/**
 * The contact-history tabs (Digitaal archief, Ondersteuning en contact, Evaluaties, GTB-overzicht). Importing
 * this module registers their elements; the portal shell shows an element when its tag is defined.
 */
export {};
