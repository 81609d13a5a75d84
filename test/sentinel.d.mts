/** A recognisable fake key: tests assert it never reaches a response, a page or a static file. */
export declare const SENTINEL_KEY: string;
