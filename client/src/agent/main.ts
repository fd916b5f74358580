/** Entry of `agent.html`: the agent console (`/medewerker`, `/medewerker/*` except `/medewerker/inloggen`). */
import "../shared/styles.js";
import "./agent-app.js";
