/**
 * The require hook that runs this project's TypeScript without a build step, for every child
 * process we start (the plan CLI from tests, the diff's base plan, benchmark children). SWC
 * transpiles a file in well under a millisecond where ts-node's TypeScript emitter takes tens of
 * milliseconds, which made a CLI start-up 3 to 4 s; types are checked once by `tsc --noEmit`.
 */
export const TS_REGISTER = "@swc-node/register";
