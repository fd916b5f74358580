/**
 * The contact-history tabs (Digitaal archief, Ondersteuning en contact, Evaluaties, GTB-overzicht). Importing
 * this module registers their elements; the portal shell shows an element when its tag is defined.
 */
import "./hd-tab-archive/hd-tab-archive.js";
import "./hd-tab-evaluations/hd-tab-evaluations.js";
import "./hd-tab-gtb/hd-tab-gtb.js";
import "./hd-tab-support/hd-tab-support.js";
