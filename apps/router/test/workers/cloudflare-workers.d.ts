// The part of workerd's `cloudflare:workers` module these tests use (the runtime types are not
// loaded here, since the router itself is typed against web standards only).
declare module 'cloudflare:workers' {
  export const env: unknown;
  export const exports: {
    default: { fetch(request: Request): Promise<Response> };
  };
}
