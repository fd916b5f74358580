/**
 * Entry of `auth.html`: the identity pages (/inloggen, /koppelen, /koppelen/pincode, /wachtwoord-vergeten,
 * /account-kiezen, /medewerker/inloggen).
 */
import "../shared/styles.js";
import "./auth-app.js";
