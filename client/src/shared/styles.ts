/**
 * Global styles for every Balie page: Fira Sans (self-hosted via @fontsource, no CDN), the NL Design System
 * Utrecht CSS components, and Balie's neutral theme tokens. Import once from each Vite entry; put
 * `class="hd-theme utrecht-document"` on `<body>` (or the app root).
 */
import "@fontsource/fira-sans/400.css";
import "@fontsource/fira-sans/400-italic.css";
import "@fontsource/fira-sans/600.css";
import "@utrecht/component-library-css/dist/index.css";
import "../../../widgets/shared/theme/balie-theme.css";
