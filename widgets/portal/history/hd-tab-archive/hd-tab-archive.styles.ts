import { tileStyles } from "../../tile-styles.js";
import { historyStyles } from "../history-styles.js";

/** The tile card look plus the history tabs' shared styles. */
export const styles = [tileStyles, historyStyles];
