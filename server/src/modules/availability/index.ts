/**
 * Chat availability: the one "chat open" signal (opening hours AND an agent with room), pushed to every idle
 * page over Server-Sent Events. Contract: `contracts/api/availability.ts`.
 */
export { AvailabilityService, type AvailabilityDeps, type AvailabilityServiceOptions } from "./availability.service.js";
export { ClockAlarm } from "./clock-alarm.js";
export { SseHub } from "./sse-hub.js";
export { activeAvailability, installAvailability, type AvailabilityHandle, type InstallAvailabilityOptions } from "./install.js";
export { availabilityRoutes } from "./availability.routes.js";
