/**
 * Names of configured MCP servers: what a URL path segment may hold (zod-free, for the scenario schema
 * and the page). Not dots alone: `.` and `..` would change the path they sit in.
 */
export const MCP_SERVER_NAME = /^(?!\.+$)[A-Za-z0-9_.-]{1,64}$/;
