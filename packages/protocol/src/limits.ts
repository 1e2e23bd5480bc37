/** Limits shared by the server and every client, so both enforce the same rules. */

/** Room names: 1–64 characters of `a-z`, `0-9`, `-`, `_` (after trimming and lowercasing). */
export const ROOM_NAME_MAX = 64;
/** The characters a normalised room name may contain. */
export const ROOM_NAME_PATTERN = /^[a-z0-9_-]+$/;

/** Display names: 1–32 characters after trimming (see `displayNameProblem` for the rest). */
export const DISPLAY_NAME_MAX = 32;

/** Message text: 1–4000 characters after trimming. */
export const MESSAGE_TEXT_MAX = 4000;

/** How many messages `room:join` returns, and the default page of `room:history`. */
export const DEFAULT_PAGE_SIZE = 50;
/** The largest page `room:history` and the HTTP history route hand out. */
export const MAX_PAGE_SIZE = 200;

/** The longest session token a handshake may carry. */
export const SESSION_TOKEN_MAX = 1024;

/** The largest page of `GET /api/rooms`, and its default. */
export const ROOMS_PAGE_MAX = 100;
export const ROOMS_PAGE_DEFAULT = 50;
