/** A recognisable fake key: tests assert it never reaches a response, a page or a static file. */
export const SENTINEL_KEY = 'sk-sentinel-7f3c9a1e2b4d6f80-never-leak';
