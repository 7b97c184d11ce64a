interface ImportMetaEnv {
  /** The API origin in the cloud (SST injects it); unset locally, where /trpc is same-origin. */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
