/** The version of this build, set by the build (client/vite.config.ts). */
declare const __TAPIN_VERSION__: string;
