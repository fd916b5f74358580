/**
 * Entry of `portal.html`: the portal for school and board contact persons (`/portaal`,
 * `/portaal/<organisationId>/<tab>`).
 */
import "../shared/styles.js";
import "./portal-app.js";
import "../../../widgets/chat/loader.js";
